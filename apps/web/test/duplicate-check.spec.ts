import { compactIdNumber, duplicateCheckFrom, percent } from '../src/pages/people/duplicate-check';

describe('the duplicate check while registering', () => {
  it('waits for a name: the API matches on it', () => {
    expect(duplicateCheckFrom({ idNumber: '110105195203140012' })).toBeNull();
    expect(duplicateCheckFrom({ fullName: '   ' })).toBeNull();
  });

  it('sends only what is complete enough to match', () => {
    expect(duplicateCheckFrom({ fullName: ' 王建华 ', birthDate: '1952-03-1', idNumber: '1101051952', phone: '1391234' })).toEqual({ fullName: '王建华' });
    expect(duplicateCheckFrom({ fullName: '王建华', birthDate: '1952-03-14', idNumber: '110105 19520314 001x', phone: '139 1234 5678' }))
      .toEqual({ fullName: '王建华', birthDate: '1952-03-14', idNumber: '11010519520314001X', phone: '13912345678' });
  });

  it('compares ID numbers as the API does, and reads scores as whole percentages', () => {
    expect(compactIdNumber(' 110105 19520314 001x')).toBe('11010519520314001X');
    expect(compactIdNumber(undefined)).toBe('');
    expect(percent(0.95)).toBe(95);
    expect(percent(0.6049)).toBe(60);
  });
});
