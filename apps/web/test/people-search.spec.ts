import { searchFrom } from '../src/pages/people/people-search';

describe('the people search box', () => {
  it.each([
    ['11010519491231002x', { idNumber: '11010519491231002x' }],
    ['110105 19491231 002X', { idNumber: '11010519491231002X' }],
    ['139 1234 5678', { phone: '13912345678' }],
    ['+8613912345678', { phone: '+8613912345678' }],
    [' 王秀兰 ', { name: '王秀兰' }],
    ['   ', undefined],
  ])('reads %p as %p', (text, search) => {
    expect(searchFrom(text)).toEqual(search);
  });
});
