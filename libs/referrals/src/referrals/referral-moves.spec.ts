import { moveParty, ReferralStatus as S } from './referral-moves';

describe('referral moves', () => {
  const all = Object.values(S);

  it('lets the sender request, cancel and mark in error, and the receiver make the rest', () => {
    const allowed = all.flatMap((from) => all.map((to) => [from, to, moveParty(from, to)] as const)).filter(([, , party]) => party !== null);
    const moves = allowed.filter(([, to]) => to !== S.ENTERED_IN_ERROR).map((m) => m.join(' ')).sort();
    expect(moves).toEqual(([
      [S.DRAFT, S.REQUESTED, 'SENDER'],
      [S.REQUESTED, S.ACCEPTED, 'RECEIVER'], [S.REQUESTED, S.REJECTED, 'RECEIVER'], [S.REQUESTED, S.CANCELLED, 'SENDER'],
      [S.ACCEPTED, S.CANCELLED, 'SENDER'], [S.ACCEPTED, S.IN_PROGRESS, 'RECEIVER'], [S.ACCEPTED, S.ON_HOLD, 'RECEIVER'],
      [S.ACCEPTED, S.COMPLETED, 'RECEIVER'], [S.ACCEPTED, S.FAILED, 'RECEIVER'],
      [S.IN_PROGRESS, S.CANCELLED, 'SENDER'], [S.IN_PROGRESS, S.ON_HOLD, 'RECEIVER'], [S.IN_PROGRESS, S.COMPLETED, 'RECEIVER'], [S.IN_PROGRESS, S.FAILED, 'RECEIVER'],
      [S.ON_HOLD, S.CANCELLED, 'SENDER'], [S.ON_HOLD, S.IN_PROGRESS, 'RECEIVER'], [S.ON_HOLD, S.COMPLETED, 'RECEIVER'], [S.ON_HOLD, S.FAILED, 'RECEIVER'],
    ] as string[][]).map((m) => m.join(' ')).sort());
    expect(allowed.filter(([, to]) => to === S.ENTERED_IN_ERROR).map(([from]) => from).sort()).toEqual(all.filter((s) => s !== S.ENTERED_IN_ERROR).sort());
  });

  it('refuses a move to the same state', () => {
    for (const state of all) expect(moveParty(state, state)).toBeNull();
  });
});
