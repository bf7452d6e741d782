import i18n from 'i18next';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { orderReasons, reasonText } from '../src/pages/referrals/match-text';

describe('reasonText: why a service was suggested, as a caseworker reads it', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });
  afterEach(() => i18n.changeLanguage('zh-CN'));

  it('writes an age the API could read against the limit', () => {
    expect(reasonText(i18n.t, { code: 'AGE_AT_LEAST', status: 'MET', values: ['72', '60'] })).toBe('年龄 72 ≥ 60');
    expect(reasonText(i18n.t, { code: 'AGE_AT_LEAST', status: 'NEEDS_CHECKING', values: ['59–60', '60'] })).toBe('年龄 59–60 ≥ 60');
    expect(reasonText(i18n.t, { code: 'AGE_AT_MOST', status: 'NEEDS_CHECKING', values: ['18'] })).toBe('年龄需核实（不超过 18 岁）');
  });

  it('asks to check an income it may not read, with the limit only', () => {
    expect(reasonText(i18n.t, { code: 'INCOME_PER_PERSON_BELOW', status: 'NEEDS_CHECKING', values: ['1500'] })).toBe('家庭人均收入需核实（上限 1500 元）');
    expect(reasonText(i18n.t, { code: 'INCOME_PER_PERSON_BELOW', status: 'MET', values: ['1200', '1500'] })).toBe('家庭人均收入 1200 元 < 1500 元');
  });

  it('names needs and districts in the screen’s language', async () => {
    const needName = (c: string) => ({ ELDERLY_CARE: '养老' })[c] ?? c;
    expect(reasonText(i18n.t, { code: 'NEED', status: 'MET', values: ['ELDERLY_CARE'] }, needName)).toBe('满足需求：养老');
    expect(reasonText(i18n.t, { code: 'SERVES_AREA', status: 'MET', values: ['110105'] })).toBe('服务本区（朝阳区）');
    expect(reasonText(i18n.t, { code: 'REGION_ELIGIBLE', status: 'NEEDS_CHECKING', values: ['110105', '110101'] })).toBe('居住地需核实（限 朝阳区、东城区）');
    await i18n.changeLanguage('en');
    expect(reasonText(i18n.t, { code: 'PLACES', status: 'INFO', values: ['6', '人'] })).toBe('6 人 free');
    expect(reasonText(i18n.t, { code: 'SERVES_AREA', status: 'INFO', values: ['999999'] })).toBe('Serves 999999');
  });

  it('says a full service is full', () => {
    expect(reasonText(i18n.t, { code: 'PLACES', status: 'NOT_MET', values: ['0', '户'] })).toBe('名额已满');
  });

  it('puts what decides eligibility before what only ranks, keeping the API’s order within each', () => {
    const order = orderReasons([
      { code: 'PLACES', status: 'INFO', values: [] }, { code: 'NEED', status: 'MET', values: [] },
      { code: 'INCOME_PER_PERSON_BELOW', status: 'NEEDS_CHECKING', values: [] }, { code: 'AGE_AT_LEAST', status: 'MET', values: [] },
    ]).map((r) => r.code);
    expect(order).toEqual(['INCOME_PER_PERSON_BELOW', 'NEED', 'AGE_AT_LEAST', 'PLACES']);
  });

  it('says a sentence once when the API gives it twice', () => {
    const need = { code: 'NEED' as const, status: 'MET' as const, values: ['ELDERLY_CARE'] };
    expect(orderReasons([need, { ...need }, { ...need, values: ['MEDICAL'] }])).toHaveLength(2);
  });
});
