import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { IdentityModule } from '@zhulian/identity';
import { RealtimeModule } from '@zhulian/realtime';
import { PERSON_EVENT_SUBJECT } from './people/person-events';
import { BreakGlassResolver } from './break-glass/break-glass.resolver';
import { BreakGlassService } from './break-glass/break-glass.service';
import './people/person.rules';
import './households/household.rules';
import { DuplicateService } from './duplicates/duplicate.service';
import { HouseholdResolver, PersonHouseholdResolver } from './households/household.resolver';
import { HouseholdFacts } from './households/household-facts';
import { HouseholdService } from './households/household.service';
import { MergeService } from './people/merge.service';
import { PeopleExportService } from './export/people-export.service';
import { AccessReportService } from './people/access-report.service';
import { PersonResolver } from './people/person.resolver';
import { PersonAttributes } from './people/person-attributes';
import { PersonReferences } from './people/person-references';
import { IdNumberMatcher } from './people/id-number-matcher';
import { PersonFacts } from './people/person-facts';
import { PersonService } from './people/person.service';
import { PersonIdNumbers } from './people/person-id-numbers';
import { PersonRegistration } from './people/person-registration.service';
import { IdentityLookups } from './people/identity-lookups';
import { LookupAudit } from './people/lookup-audit';
import { ConsentResolver } from './consents/consent.resolver';
import { ConsentService } from './consents/consent.service';
import { ConsentGates } from './consents/valid-consent';
import { PeopleFirstScreen } from './first-screen/people-first-screen';

@Module({
  imports: [AccessModule, IdentityModule, RealtimeModule],
  providers: [PERSON_EVENT_SUBJECT, PersonAttributes, PersonReferences, ConsentGates, PersonService, PersonIdNumbers, PersonRegistration, PersonFacts, IdNumberMatcher, HouseholdFacts, IdentityLookups, LookupAudit, AccessReportService, PersonResolver, HouseholdService, HouseholdResolver, PersonHouseholdResolver, DuplicateService, MergeService, PeopleExportService, ConsentService, ConsentResolver, BreakGlassService, BreakGlassResolver, PeopleFirstScreen],
  exports: [PersonAttributes, PersonReferences, ConsentGates, PersonService, PersonRegistration, ConsentService, PersonFacts, IdNumberMatcher, HouseholdFacts, HouseholdService],
})
export class RegistryModule {}
