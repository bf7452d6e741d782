import { CreateIdentity1764400000000 } from './1764400000000-CreateIdentity';
import { CreateAuditTrail1764500000000 } from './1764500000000-CreateAuditTrail';
import { CreateRegistry1764600000000 } from './1764600000000-CreateRegistry';
import { CreateBreakGlass1764700000000 } from './1764700000000-CreateBreakGlass';
import { RegistryHouseholdsAndMerges1764800000000 } from './1764800000000-RegistryHouseholdsAndMerges';
import { CreateCases1764900000000 } from './1764900000000-CreateCases';
import { CreateDirectory1765000000000 } from './1765000000000-CreateDirectory';
import { ServiceCreators1765000100000 } from './1765000100000-ServiceCreators';
import { CreateReferrals1765100000000 } from './1765100000000-CreateReferrals';
import { PeopleIdempotency1765200000000 } from './1765200000000-PeopleIdempotency';
import { AuditPendingLinks1765300000000 } from './1765300000000-AuditPendingLinks';
import { IdentityLookupsAndAlerts1765400000000 } from './1765400000000-IdentityLookupsAndAlerts';
import { ReferralAccessEnds1765400100000 } from './1765400100000-ReferralAccessEnds';
import { SharedRateLimits1765400200000 } from './1765400200000-SharedRateLimits';
import { GrantableRolesAndInvitationApproval1765400300000 } from './1765400300000-GrantableRolesAndInvitationApproval';
import { AuditSubjectsAndHolders1765400400000 } from './1765400400000-AuditSubjectsAndHolders';
import { AuditSubjectIndex1765400500000 } from './1765400500000-AuditSubjectIndex';
import { CreateTasks1765500000000 } from './1765500000000-CreateTasks';
import { TaskDeadlinesCoverHandovers1765500100000 } from './1765500100000-TaskDeadlinesCoverHandovers';
import { TaskClaimPlaces1765500200000 } from './1765500200000-TaskClaimPlaces';
import { TaskClaimPlacesRetention1765500300000 } from './1765500300000-TaskClaimPlacesRetention';
import { CreateRealtime1765600000000 } from './1765600000000-CreateRealtime';
import { CreateInsights1765700000000 } from './1765700000000-CreateInsights';
import { SignalImports1765700200000 } from './1765700200000-SignalImports';
import { InsightRulesForReferralsAndChildren1765700300000 } from './1765700300000-InsightRulesForReferralsAndChildren';
import { OneStopIntakes1765700400000 } from './1765700400000-OneStopIntakes';
import { CaseNumbers1765701000000 } from './1765701000000-CaseNumbers';
import { CaseNoteEntriesAndAttachments1765701100000 } from './1765701100000-CaseNoteEntriesAndAttachments';
import { IncrementalInsightEvaluation1765700500000 } from './1765700500000-IncrementalInsightEvaluation';
import { HsdsKept1765700800000 } from './1765700800000-HsdsKept';
import { ListSorts1765701200000 } from './1765701200000-ListSorts';
import { NeedSearchTerms1765701200001 } from './1765701200001-NeedSearchTerms';
import { StreetRegionCodes1765701400000 } from './1765701400000-StreetRegionCodes';

/** Every migration, in order. A new migration is added here in the same commit. */
export const MIGRATIONS = [CreateIdentity1764400000000, CreateAuditTrail1764500000000, CreateRegistry1764600000000, CreateBreakGlass1764700000000,
  RegistryHouseholdsAndMerges1764800000000, CreateCases1764900000000,
  CreateDirectory1765000000000, ServiceCreators1765000100000, CreateReferrals1765100000000,
  PeopleIdempotency1765200000000, AuditPendingLinks1765300000000,
  IdentityLookupsAndAlerts1765400000000, ReferralAccessEnds1765400100000, SharedRateLimits1765400200000,
  GrantableRolesAndInvitationApproval1765400300000, AuditSubjectsAndHolders1765400400000,
  AuditSubjectIndex1765400500000, CreateTasks1765500000000,
  TaskDeadlinesCoverHandovers1765500100000, TaskClaimPlaces1765500200000,
  TaskClaimPlacesRetention1765500300000, CreateRealtime1765600000000, CreateInsights1765700000000, SignalImports1765700200000,
  InsightRulesForReferralsAndChildren1765700300000, OneStopIntakes1765700400000,
  IncrementalInsightEvaluation1765700500000, HsdsKept1765700800000, CaseNumbers1765701000000,
  CaseNoteEntriesAndAttachments1765701100000, ListSorts1765701200000, NeedSearchTerms1765701200001,
  StreetRegionCodes1765701400000];
