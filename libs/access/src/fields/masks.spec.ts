import { maskIdNumber, maskName, maskPhone } from './masks';

describe('masks', () => {
  it('show the shape of a phone number, not the number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('keep the region and the check character of a resident ID number, and only the last character of another document', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105***********X');
    expect(maskIdNumber('E12345678')).toBe('********8');
  });

  it('keep the family name and, from three characters, the last one', () => {
    expect(maskName('张三华')).toBe('张*华');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('*');
  });

  it('never return short values whole', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
