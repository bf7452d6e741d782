import { MIN_CELL, suppressAcross, suppressCell, suppressGroup } from './small-cells';

describe('small-cell suppression', () => {
  it('withholds a count of 1–4 shown alone, never 0 or 5 and more', () => {
    expect([0, 1, 4, 5, 120].map(suppressCell)).toEqual([0, null, null, 5, 120]);
  });

  it('withholds a second count when the total would give back a single withheld one', () => {
    // Total 32 is shown: 3 alone withheld would be 32 − 29; the smallest other count goes too, and together they are ≥ 5.
    expect(suppressGroup([20, 3, 9])).toEqual({ counts: [20, null, null], totalShown: true });
  });

  it('goes on until what is withheld adds up to at least 5', () => {
    expect(suppressGroup([1, 2, 30, 40])).toEqual({ counts: [null, null, null, 40], totalShown: true });
    expect(suppressGroup([2, 2, 0, 50])).toEqual({ counts: [null, null, 0, null], totalShown: true });
  });

  it('withholds the total when no arrangement of the counts protects the small ones', () => {
    expect(suppressGroup([1, 2])).toEqual({ counts: [null, null], totalShown: false });
    expect(suppressGroup([3])).toEqual({ counts: [null], totalShown: false });
  });

  it('leaves a group with nothing small as it is', () => {
    expect(suppressGroup([0, 5, 17])).toEqual({ counts: [0, 5, 17], totalShown: true });
    expect(suppressGroup([])).toEqual({ counts: [], totalShown: true });
  });

  it('never leaves a count of 1–4 derivable from the shown counts and the total, whatever the group', () => {
    // Every group of up to four counts from 0 to 7.
    const values = [0, 1, 2, 3, 4, 5, 6, 7];
    const groups: number[][] = [[]];
    for (let size = 0; size < 4; size += 1) for (const g of [...groups]) if (g.length === size) for (const v of values) groups.push([...g, v]);
    for (const group of groups) {
      const { counts, totalShown } = suppressGroup(group);
      const withheld = group.filter((_, i) => counts[i] === null);
      for (let i = 0; i < group.length; i += 1) if (group[i] > 0 && group[i] < MIN_CELL) expect([group, i, counts[i]]).toEqual([group, i, null]);
      if (totalShown && withheld.length > 0) {
        const sum = withheld.reduce((a, b) => a + b, 0);
        expect([group, withheld.length > 1 && (sum === 0 || sum >= MIN_CELL)]).toEqual([group, true]);
      }
    }
  });

  it('withholds a region’s count that, less the districts shown, would give back a district’s small count', () => {
    // District A has 3, B 10: the city's 13 less B's 10 is A's 3.
    expect(suppressAcross([3, 10])).toBeNull();
    expect(suppressAcross([2, 2, 10])).toBeNull();
    expect(suppressAcross([3, 4, 10])).toBe(17);
    expect(suppressAcross([0, 10, 12])).toBe(22);
    expect(suppressAcross([4])).toBeNull();
  });

  it('judges a count of distinct people by its own total, not the districts’ sum', () => {
    // Two volunteers served in both districts: the region has 9, not 11.
    expect(suppressAcross([5, 6], 9)).toBe(9);
    // Still withheld: a district of 2 beside the region's 6, or a region of 4 whatever its districts.
    expect(suppressAcross([5, 2], 6)).toBeNull();
    expect(suppressAcross([3, 3], 4)).toBeNull();
  });

  it('withholds what it is told to besides, and protects it the same way', () => {
    expect(suppressGroup([10, 12, 30], [false, true, false])).toEqual({ counts: [null, null, 30], totalShown: true });
  });
});
