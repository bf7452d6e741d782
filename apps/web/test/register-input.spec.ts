import { registrationInput } from '../src/pages/people/register-input';

describe('what the register form sends', () => {
  const person = { fullName: '王建华', regionCode: '110105' };

  it('leaves out what was not filled in and sends money in fen', () => {
    expect(registrationInput({ ...person, phone: '', idNumber: '  ', assistance: [], monthlyIncome: 1234.5, householdChoice: 'NONE' }))
      .toEqual({ fullName: '王建华', regionCode: '110105', monthlyIncomeCents: 123450 });
  });

  it('founds a household with its income in fen and its own address only when one was given', () => {
    expect(registrationInput({ ...person, householdChoice: 'NEW', householdIncome: 3200.1, householdAddress: ' 建外街道光华里 8 号 ' }))
      .toEqual({ ...person, newHousehold: { monthlyIncomeCents: 320010, address: '建外街道光华里 8 号' } });
    expect(registrationInput({ ...person, householdChoice: 'NEW' })).toEqual({ ...person, newHousehold: {} });
  });

  it('joins a household with the relation to its head, and sends no household fields of a choice taken back', () => {
    const id = '0193a000-0000-7000-8000-500000000001';
    expect(registrationInput({ ...person, householdChoice: 'JOIN', householdId: id, relationToHead: 'SPOUSE', householdIncome: 100 }))
      .toEqual({ ...person, householdId: id, relationToHead: 'SPOUSE' });
    expect(registrationInput({ ...person, householdChoice: 'NONE', householdId: id, relationToHead: 'SPOUSE', householdIncome: 100 })).toEqual(person);
  });
});
