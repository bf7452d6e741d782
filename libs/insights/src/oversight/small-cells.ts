/** Below this many people a count could single someone out: it is not shown. */
export const MIN_CELL = 5;

/**
 * Suppresses the counts of a group whose total is shown (or derivable), so that no count of 1–4 people can be
 * read or worked out: each such count is withheld (null), and then — because the total minus the shown counts
 * would give back what was withheld — more counts are withheld, smallest first, until what is withheld adds up
 * to 0 or to at least MIN_CELL and is never a single count. If that cannot be reached, `totalShown` is false:
 * the caller withholds the total too. Zero is shown (it singles no one out).
 */
export function suppressGroup(counts: readonly number[], forced: readonly boolean[] = []): { counts: (number | null)[]; totalShown: boolean } {
  const hidden = counts.map((n, i) => (n > 0 && n < MIN_CELL) || forced[i] === true);
  const withheld = () => counts.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  const hiddenCount = () => hidden.filter(Boolean).length;
  while (hiddenCount() > 0 && (hiddenCount() === 1 || withheld() < MIN_CELL)) {
    // The smallest count still shown that adds to what is withheld (a zero would add nothing).
    const next = counts.map((n, i) => ({ n, i })).filter(({ n, i }) => !hidden[i] && n > 0).sort((a, b) => a.n - b.n)[0];
    if (!next) return { counts: counts.map(() => null), totalShown: false };
    hidden[next.i] = true;
  }
  return { counts: counts.map((n, i) => (hidden[i] ? null : n)), totalShown: true };
}

/** A count shown alone (not part of a group whose total is shown): withheld when 1–4. */
export function suppressCell(count: number): number | null {
  return count > 0 && count < MIN_CELL ? null : count;
}

/**
 * A count over a region made of districts, each of which can be asked for alone: withheld when it is 1–4,
 * and when the districts' own counts of 1–4 (withheld when asked for alone) would be its difference with
 * the districts shown — one such district, or several adding up to fewer than MIN_CELL. `total` is the
 * region's count where it is not the districts' sum (distinct people, one of whom may be in two districts).
 */
export function suppressAcross(perDistrict: readonly number[], total = perDistrict.reduce((a, b) => a + b, 0)): number | null {
  const small = perDistrict.filter((n) => n > 0 && n < MIN_CELL);
  const smallSum = small.reduce((a, b) => a + b, 0);
  if (total > 0 && total < MIN_CELL) return null;
  if (small.length === 1 || (small.length > 1 && smallSum < MIN_CELL)) return null;
  return total;
}
