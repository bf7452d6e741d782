import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { NeedsModule } from '@zhulian/core';
import { DirectoryModule, provideAcceptedReferralToMe } from '@zhulian/directory';
import { IdentityModule } from '@zhulian/identity';
import { RealtimeModule } from '@zhulian/realtime';
import { provideConsentGate, providePersonAttribute, providePersonReference, RegistryModule } from '@zhulian/registry';
import { REFERRAL_EVENT_SUBJECT } from './referrals/referral-events';
import { ACCEPTED_REFERRAL_TO_ME, REFERRAL_CONSENT_GATE, REFERRED_CATEGORIES } from './referrals/referral.rules';
import { CaseReferralsResolver, ReferralResolver } from './referrals/referral.resolver';
import { ReferralConsentGate } from './referrals/referral-consent-gate';
import { ReferralLoaders } from './referrals/referral-loaders.service';
import { ReferralMoveService } from './referrals/referral-move.service';
import { ReferralReads } from './referrals/referral-reads.service';
import { ReferralSendService } from './referrals/referral-send.service';
import { ReferralStats } from './referrals/referral-stats';
import { ReferralFacts } from './referrals/referral-facts';
import { ReferralDeadlines } from './deadlines/referral-deadlines';
import { ReferralJobs } from './deadlines/referral-jobs';
import { FhirController } from './fhir/fhir.controller';
import { MatchResolver } from './matching/match.resolver';
import { MatchService } from './matching/match.service';
import { ServiceRecords } from './matching/service-records';
import { ReferralSettingsResolver } from './settings/referral-settings.resolver';
import { ReferralSettingsService } from './settings/referral-settings.service';

@Module({
  imports: [AccessModule, NeedsModule, IdentityModule, RegistryModule, CasesModule, DirectoryModule, RealtimeModule],
  controllers: [FhirController],
  providers: [
    // A merged person's referrals follow them to the record that stays: their consents do, and the referral's
    // consent gate and person field look the person up by the referral's person_id.
    providePersonReference('referrals', 'person_id'),
    providePersonAttribute(REFERRED_CATEGORIES), provideConsentGate(REFERRAL_CONSENT_GATE), provideAcceptedReferralToMe(ACCEPTED_REFERRAL_TO_ME), REFERRAL_EVENT_SUBJECT,
    ReferralReads, ReferralLoaders, ReferralConsentGate, ReferralMoveService, ReferralSendService, ReferralResolver, CaseReferralsResolver, ReferralDeadlines, ReferralJobs,
    MatchService, ServiceRecords, MatchResolver, ReferralSettingsService, ReferralSettingsResolver, ReferralStats, ReferralFacts],
  exports: [ReferralReads, ReferralSendService, ReferralStats, ReferralFacts, ReferralDeadlines, ReferralJobs, MatchService, MatchResolver, ReferralSettingsService, ReferralSettingsResolver],
})
export class ReferralsModule {}
