import { validateSync } from 'class-validator';
import {
  checkRegionCode, IsRegionCode, regionAndAncestors, regionCodesNamed, regionContains, regionLabel, regionLikePattern, regionName, regionPrefix, subregionDigits,
} from './region-codes';

describe('region codes', () => {
  it('knows Beijing’s districts and the provinces', () => {
    expect(checkRegionCode('110105')).toEqual({ ok: true });
    expect(regionName('110105')).toBe('朝阳区');
    expect(regionName('110000')).toBe('北京市');
    expect(checkRegionCode('310101')).toEqual({ ok: true }); // Shanghai: province known, districts not listed here
    expect(regionName('440300')).toBe('广东省');
  });

  it('knows Beijing’s streets and names them after their district', () => {
    expect(checkRegionCode('110105001')).toEqual({ ok: true });
    expect(checkRegionCode('110105004')).toEqual({ ok: true });
    expect(checkRegionCode('110106100')).toEqual({ ok: true }); // 北宫镇: a town, its code ends in 00
    expect(regionName('110105001')).toBe('朝阳区建外街道');
    expect(regionName('110105004')).toBe('朝阳区三里屯街道');
    expect(regionName('110106100')).toBe('丰台区北宫镇');
    expect(regionLabel('110105001')).toBe('朝阳区建外街道 (110105001)');
    expect(regionLabel('110105')).toBe('朝阳区 (110105)');
    expect(regionLabel('990000')).toBe('990000');
  });

  it.each(['11010', '1101050', '11010500', '1101050011', 'abcdef', '', ' 110105', '990000', '110199', '110105999', '110199001', '990000001'])('refuses %p', (code) => {
    expect(checkRegionCode(code).ok).toBe(false);
  });

  it('tells a malformed code from an unknown one', () => {
    expect(checkRegionCode('1101050')).toEqual({ ok: false, problem: 'FORMAT' });
    expect(checkRegionCode('110105999')).toEqual({ ok: false, problem: 'UNKNOWN' });
  });

  it('makes prefixes: a street is its whole code, even one ending in 00', () => {
    expect(regionPrefix('110105100')).toBe('110105100');
    expect(regionPrefix('110105001')).toBe('110105001');
    expect(regionPrefix('110105')).toBe('110105');
    expect(regionPrefix('110100')).toBe('1101');
    expect(regionPrefix('110000')).toBe('11');
    expect(regionLikePattern('110000')).toBe('11%');
    expect(regionLikePattern('110106100')).toBe('110106100%');
  });

  it('knows which region holds which', () => {
    expect(regionContains('110105', '110105001')).toBe(true);
    expect(regionContains('110105', '110105')).toBe(true);
    expect(regionContains('110000', '110105004')).toBe(true);
    expect(regionContains('110100', '110105004')).toBe(true);
    expect(regionContains('110105001', '110105001')).toBe(true);
    expect(regionContains('110105001', '110105004')).toBe(false);
    expect(regionContains('110105001', '110105')).toBe(false);
    expect(regionContains('110106100', '110106101')).toBe(false); // not 1101061…
    expect(regionContains('110106', '110105001')).toBe(false);
    expect(regionContains('310000', '110105')).toBe(false);
  });

  it('lists a region’s ancestors exactly as regionContains sees them', () => {
    expect(regionAndAncestors('110105001')).toEqual(['110105001', '110105', '110100', '110000']);
    expect(regionAndAncestors('110105')).toEqual(['110105', '110100', '110000']);
    expect(regionAndAncestors('110000')).toEqual(['110000']);
    const areas = ['110000', '110100', '110105', '110106', '110105001', '110105004', '110106100', '310000'];
    for (const code of ['110105001', '110105004', '110105', '110106100', '110000', '310101']) {
      expect(areas.filter((area) => regionContains(area, code)).sort()).toEqual(areas.filter((area) => regionAndAncestors(code).includes(area)).sort());
    }
  });

  it('breaks Beijing down by district and a district by street', () => {
    const under = (region: string, code: string) => code.slice(0, subregionDigits(region));
    expect(under('110000', '110105001')).toBe('110105');
    expect(under('110100', '110105')).toBe('110105');
    expect(under('110105', '110105001')).toBe('110105001');
    expect(under('110105', '110105')).toBe('110105');
    expect(under('110105001', '110105001')).toBe('110105001');
  });

  it('finds regions by name, streets only when no district or province is named so', () => {
    expect(regionCodesNamed('朝阳')).toEqual(['110105']);
    expect(regionCodesNamed('建外')).toEqual(['110105001']);
    expect(regionCodesNamed('朝阳门')).toEqual(['110101007']);
    expect(regionCodesNamed('北京')).toEqual(['110000']);
  });

  it('validates an input as a district or street code, with one decorator', () => {
    class Input {
      @IsRegionCode() regionCode!: string;
      @IsRegionCode({ each: true }) areas!: string[];
    }
    const check = (regionCode: string, areas: string[]) => validateSync(Object.assign(new Input(), { regionCode, areas })).map((e) => e.property);
    expect(check('110105', ['110105001', '110000'])).toEqual([]);
    expect(check('110105001', [])).toEqual([]);
    expect(check('1101050', ['110105'])).toEqual(['regionCode']);
    expect(check('110105', ['11010500'])).toEqual(['areas']);
  });
});
