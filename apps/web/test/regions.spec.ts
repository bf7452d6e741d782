import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18n from 'i18next';
// The server's own pure functions, by their file (as field-checks.spec.ts does).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { regionContains as serverContains, regionName as serverName } from '../../../libs/core/src/regions/region-codes';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { BEIJING_DISTRICT_CODES, BEIJING_STREETS, PROVINCE_CODES } from '../src/region-data';
import { regionContains, regionName, streetChoices } from '../src/regions';

const csv = (file: string) => readFileSync(join(__dirname, '../../../libs/core/src/regions', file), 'utf8').split('\n').slice(1)
  .map((line) => /^(\d+),"([^"]+)"/.exec(line.trim())).filter((m) => m !== null).map((m) => [m![1], m![2]]);

describe('regions as the web app names them', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });
  afterEach(() => i18n.changeLanguage('zh-CN'));

  it('knows the regions the API knows (run node tools/gen-web-regions.mjs after a CSV changes)', () => {
    expect(PROVINCE_CODES).toEqual(csv('provinces.csv').map(([code]) => code));
    expect(BEIJING_DISTRICT_CODES).toEqual(csv('beijing-areas.csv').map(([code]) => code));
    expect(Object.entries(BEIJING_STREETS)).toEqual(csv('beijing-streets.csv'));
    expect(Object.keys(zhCN.regions).filter((code) => code !== '110000')).toEqual([...BEIJING_DISTRICT_CODES]);
  });

  it('names a street after its district, as the API’s exports do', () => {
    expect(regionName(i18n.t, '110105001')).toBe('朝阳区建外街道');
    expect(regionName(i18n.t, '110105004')).toBe('朝阳区三里屯街道');
    expect(regionName(i18n.t, '110105')).toBe('朝阳区');
    expect(regionName(i18n.t, '110105999')).toBe('110105999');
    for (const code of ['110105001', '110106100', '110119001', '110105', '110000']) expect(regionName(i18n.t, code)).toBe(serverName(code));
  });

  it('names a street in English by its Chinese name, with the district in English', async () => {
    await i18n.changeLanguage('en');
    expect(regionName(i18n.t, '110105001')).toBe('建外街道, Chaoyang');
    expect(regionName(i18n.t, '110105')).toBe('Chaoyang');
  });

  it('offers a district’s streets only', () => {
    const streets = streetChoices('110105');
    expect(streets).toContainEqual({ value: '110105001', label: '建外街道' });
    expect(streets.every((s) => s.value.startsWith('110105'))).toBe(true);
    expect(streetChoices('110000')).toEqual([]);
    expect(streetChoices('310101')).toEqual([]);
  });

  it('knows which region holds which, as the API does', () => {
    const codes = ['110000', '110100', '110105', '110106', '110105001', '110105004', '110106100', '110106101', '310000'];
    for (const outer of codes) for (const inner of codes) expect([outer, inner, regionContains(outer, inner)]).toEqual([outer, inner, serverContains(outer, inner)]);
  });
});
