import { AppError } from '@zhulian/core';
import { assertNoPersonalData, namesToLookFor, personalDataIn } from './free-text-guard';

describe('personal data in free text that leaves an organisation', () => {
  const names = namesToLookFor('李秀兰');

  it('finds the ID number, the mobile number and the name of the issue’s example', () => {
    expect(personalDataIn('老人李秀兰，电话13812345678，身份证110101195107190008', names)).toEqual(['ID_NUMBER', 'NAME', 'PHONE']);
  });

  it.each([
    ['spaced and dashed digits', '请致电 138 1234-5678', ['PHONE']],
    ['full-width digits', '手机：１３８１２３４５６７８', ['PHONE']],
    ['+86', 'call +8613812345678', ['PHONE']],
    ['an ID number ending in x', '证件 11010519491231002x', ['ID_NUMBER']],
    ['a 15-digit ID number', '110105491231002', ['ID_NUMBER']],
    ['a partial ID number named as one', '身份证110101…', ['ID_NUMBER']],
    ['a landline named as a phone', '联系电话 6512 3456', ['PHONE']],
    ['the given name alone', '秀兰阿姨行动不便', ['NAME']],
    ['the name with a space inside', '李 秀兰', ['NAME']],
  ])('finds %s', (_name, text, kinds) => {
    expect(personalDataIn(text, names)).toEqual(kinds);
  });

  it.each([
    ['needs and times', '老人行动不便，需每日送餐，上午 10 点前'],
    ['a date and a count', '2026-03-01 起，每周 3 次，共 12 周'],
    ['an amount', '月收入约 1800 元'],
    ['another family name', '李阿姨的邻居会开门'],
  ])('lets through %s', (_name, text) => {
    expect(personalDataIn(text, names)).toEqual([]);
  });

  it('refuses with a stable code that names what to remove, never the value', () => {
    try {
      assertNoPersonalData('李秀兰 13812345678', { field: 'input.noteForReceiver', names });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ reason: 'PERSONAL_DATA_IN_TEXT', field: 'input.noteForReceiver', details: { found: 'NAME,PHONE' } });
      expect((error as Error).message).not.toContain('138');
    }
  });
});
