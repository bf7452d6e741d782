import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { BreakGlassResolver } from './break-glass/break-glass.resolver';
import { BreakGlassService } from './break-glass/break-glass.service';
import './people/person.rules';
import { AccessReportService } from './people/access-report.service';
import { PersonResolver } from './people/person.resolver';
import { PersonService } from './people/person.service';
import { ConsentResolver } from './consents/consent.resolver';
import { ConsentService } from './consents/consent.service';

@Module({
  imports: [AccessModule],
  providers: [PersonService, AccessReportService, PersonResolver, ConsentService, ConsentResolver, BreakGlassService, BreakGlassResolver],
  exports: [PersonService],
})
export class RegistryModule {}
