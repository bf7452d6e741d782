import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { NeedsModule } from '@zhulian/core';
import { RealtimeModule } from '@zhulian/realtime';
import { CASE_EVENT_SUBJECT } from './cases/case-events';
import { providePersonAttribute, providePersonReference, RegistryModule } from '@zhulian/registry';
import { CaseAttachmentController } from './attachments/case-attachment.controller';
import { CaseAttachmentResolver } from './attachments/case-attachment.resolver';
import { CaseAttachmentService } from './attachments/case-attachment.service';
import { ASSIGNED_TO_ME } from './cases/case.rules';
import { CaseTimeline } from './cases/case-timeline';
import { CaseResolver } from './cases/case.resolver';
import { CaseFacts } from './cases/case-facts';
import { CaseService } from './cases/case.service';
import { CaseMoveService } from './cases/case-move.service';
import { CaseAssignmentService } from './cases/case-assignment.service';
import { CaseNoteResolver } from './notes/case-note.resolver';
import { CaseNoteService } from './notes/case-note.service';
import './notes/case-note.rules';
import './attachments/case-attachment.rules';

@Module({
  imports: [AccessModule, NeedsModule, RegistryModule, RealtimeModule],
  controllers: [CaseAttachmentController],
  providers: [
    // A merged person's cases follow them to the record that stays.
    providePersonReference('cases', 'person_id'),
    providePersonAttribute(ASSIGNED_TO_ME), CASE_EVENT_SUBJECT, CaseService, CaseMoveService, CaseAssignmentService, CaseFacts, CaseTimeline, CaseResolver,
    CaseNoteService, CaseNoteResolver, CaseAttachmentService, CaseAttachmentResolver],
  exports: [CaseService, CaseMoveService, CaseFacts, CaseTimeline],
})
export class CasesModule {}
