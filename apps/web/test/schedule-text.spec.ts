import i18n from 'i18next';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { scheduleText } from '../src/pages/directory/schedule-text';

describe('scheduleText: a service’s opening times in words', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });
  afterEach(() => i18n.changeLanguage('zh-CN'));

  it('reads opening times from their RFC 5545 rule', async () => {
    expect(scheduleText(i18n.t, { freq: 'WEEKLY', byday: 'MO,WE,FR', opensAt: '09:00', closesAt: '16:30:00+08:00' })).toBe('每周 周一、周三、周五 09:00–16:30');
    expect(scheduleText(i18n.t, { freq: 'MONTHLY', byday: '1MO,-1FR' })).toBe('每月 第 1 个周一、最后一个周五');
    await i18n.changeLanguage('en');
    expect(scheduleText(i18n.t, { freq: 'WEEKLY', byday: 'SA', opensAt: '08:00', closesAt: '12:00' })).toBe('Every week: Sat 08:00–12:00');
  });
});
