import { checkRegionCode, regionName } from './region-codes';

describe('region codes', () => {
  it('knows Beijing’s districts and the provinces', () => {
    expect(checkRegionCode('110105')).toEqual({ ok: true });
    expect(regionName('110105')).toBe('朝阳区');
    expect(checkRegionCode('310101')).toEqual({ ok: true }); // Shanghai: province known, districts not listed here
    expect(regionName('440300')).toBe('广东省');
  });

  it.each(['11010', '1101050', 'abcdef', '', '990000', '110199'])('refuses %p', (code) => {
    expect(checkRegionCode(code).ok).toBe(false);
  });
});
