import { mayRoute, partyOf, referralActions } from '../src/pages/referrals/referral-actions';

const keys = (...args: Parameters<typeof referralActions>) => referralActions(...args).map((a) => a.key);

describe('referralActions: what each side may do with a referral', () => {
  it('lets any member of the receiver who works referrals accept or decline a request, and the sender cancel it', () => {
    for (const role of ['STAFF', 'CASEWORKER', 'COORDINATOR', 'ORG_ADMIN']) expect(keys('REQUESTED', 'RECEIVER', role)).toEqual(['accept', 'decline']);
    expect(keys('REQUESTED', 'SENDER', 'CASEWORKER')).toEqual(['cancel', 'enteredInError']);
  });

  it('asks a reason to decline, hold, fail or cancel, and an outcome to complete', () => {
    const asks = Object.fromEntries(['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'].flatMap((s) => [
      ...referralActions(s as 'REQUESTED', 'RECEIVER', 'STAFF'), ...referralActions(s as 'REQUESTED', 'SENDER', 'COORDINATOR'),
    ]).map((a) => [a.key, a.asks]));
    expect(asks).toEqual({
      accept: null, decline: 'reason', start: null, hold: 'reason', complete: 'outcome', fail: 'reason', cancel: 'reason', enteredInError: 'confirm',
    });
  });

  it('lets the receiver work an accepted referral, resume a held one, and nothing once it ended', () => {
    expect(keys('ACCEPTED', 'RECEIVER', 'STAFF')).toEqual(['start', 'hold', 'complete', 'fail']);
    expect(keys('ON_HOLD', 'RECEIVER', 'STAFF')).toEqual(['resume', 'complete', 'fail']);
    for (const ended of ['REJECTED', 'CANCELLED', 'COMPLETED', 'FAILED', 'ENTERED_IN_ERROR'] as const) expect(keys(ended, 'RECEIVER', 'COORDINATOR')).toEqual([]);
  });

  it('leaves the sender’s staff and admins, who only read the basics, without moves', () => {
    expect(keys('REQUESTED', 'SENDER', 'STAFF')).toEqual([]);
    expect(keys('REQUESTED', 'SENDER', 'ORG_ADMIN')).toEqual([]);
    expect(keys('REQUESTED', 'RECEIVER', 'VOLUNTEER')).toEqual([]);
  });

  it('routes only accepted referrals, by the receiver’s coordinators and admins', () => {
    expect(mayRoute('ACCEPTED', 'RECEIVER', 'ORG_ADMIN')).toBe(true);
    expect(mayRoute('IN_PROGRESS', 'RECEIVER', 'COORDINATOR')).toBe(true);
    expect(mayRoute('REQUESTED', 'RECEIVER', 'COORDINATOR')).toBe(false);
    // An NGO's staff work its inbox: they hand an accepted referral to a caseworker too; a caseworker does not hand it on.
    expect(mayRoute('ACCEPTED', 'RECEIVER', 'STAFF')).toBe(true);
    expect(mayRoute('ACCEPTED', 'RECEIVER', 'CASEWORKER')).toBe(false);
    expect(mayRoute('ACCEPTED', 'SENDER', 'COORDINATOR')).toBe(false);
  });

  it('knows which side the acting organisation is on', () => {
    const referral = { senderOrganisationId: 'street', receiverOrganisationId: 'ngo' };
    expect(partyOf(referral, 'ngo')).toBe('RECEIVER');
    expect(partyOf(referral, 'street')).toBe('SENDER');
    expect(partyOf(referral, 'district')).toBeNull();
  });
});
