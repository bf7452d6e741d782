import { Test } from '@nestjs/testing';
import { AcceptedReferralToMe, locationColumns, provideAcceptedReferralToMe } from './service.rules';

describe('when a referral opens a service’s confidential places', () => {
  it('is FALSE until the referrals lib defines it, then what it defined', async () => {
    const bare = await Test.createTestingModule({ providers: [AcceptedReferralToMe] }).compile();
    expect(locationColumns(bare.get(AcceptedReferralToMe)).acceptedReferralToMe).toBe('(FALSE)');
    const defined = await Test.createTestingModule({ providers: [AcceptedReferralToMe, provideAcceptedReferralToMe('accepted(s.id)')] }).compile();
    expect(locationColumns(defined.get(AcceptedReferralToMe)).acceptedReferralToMe).toBe('(accepted(s.id))');
  });

  it('fails start-up when defined twice', async () => {
    await expect(Test.createTestingModule({ providers: [AcceptedReferralToMe, provideAcceptedReferralToMe('a'), provideAcceptedReferralToMe('b')] }).compile())
      .rejects.toThrow('is defined twice');
  });
});
