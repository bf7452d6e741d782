import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { RegistryModule } from '@zhulian/registry';
import './referrals/referral.rules';
import { CaseReferralsResolver, ReferralResolver } from './referrals/referral.resolver';
import { ReferralService } from './referrals/referral.service';

@Module({
  imports: [AccessModule, RegistryModule, CasesModule],
  providers: [ReferralService, ReferralResolver, CaseReferralsResolver],
  exports: [ReferralService],
})
export class ReferralsModule {}
