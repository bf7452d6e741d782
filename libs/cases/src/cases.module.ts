import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { RegistryModule, registerPersonReference } from '@zhulian/registry';
import './cases/case.rules';
import { CaseTimeline } from './cases/case-timeline';
import { CaseResolver } from './cases/case.resolver';
import { CaseService } from './cases/case.service';
import { NeedService } from './needs/need.service';

// A merged person's cases follow them to the record that stays.
registerPersonReference('cases', 'person_id');

@Module({
  imports: [AccessModule, RegistryModule],
  providers: [CaseService, CaseTimeline, CaseResolver, NeedService],
  exports: [CaseService, CaseTimeline, NeedService],
})
export class CasesModule {}
