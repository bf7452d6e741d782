import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { RegistryModule } from '@zhulian/registry';
import './cases/case.rules';
import { CaseTimeline } from './cases/case-timeline';
import { CaseResolver } from './cases/case.resolver';
import { CaseService } from './cases/case.service';
import { NeedService } from './needs/need.service';

@Module({
  imports: [AccessModule, RegistryModule],
  providers: [CaseService, CaseTimeline, CaseResolver, NeedService],
  exports: [CaseService, CaseTimeline, NeedService],
})
export class CasesModule {}
