import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { ReferralsModule } from '@zhulian/referrals';
import { providePersonAttribute, providePersonReference, RegistryModule } from '@zhulian/registry';
import { AttendanceService } from './claims/attendance.service';
import { ClaimResolver } from './claims/claim.resolver';
import { ClaimService } from './claims/claim.service';
import { ClaimWriter } from './claims/claim-writer';
import { VolunteerHoursStats } from './claims/volunteer-hours-stats';
import { CoverResolver } from './cover/cover.resolver';
import { CoverService } from './cover/cover.service';
import { TaskDeadlines } from './deadlines/task-deadlines';
import { HandoverResolver } from './handovers/handover.resolver';
import { HandoverService } from './handovers/handover.service';
import { SkillService } from './skills/skill.service';
import './tasks/task.rules';
import { TASK_DISCLOSES_TO_ME } from './tasks/task-disclosure.rules';
import { TaskResolver } from './tasks/task.resolver';
import { TaskEditor } from './tasks/task-editor';
import { TaskService } from './tasks/task.service';
import { TaskTimeline } from './tasks/task-timeline';
import { TASK_EVENT_SUBJECT, TaskEvents } from './tasks/task-events';
import { IdentityModule } from '@zhulian/identity';
import { RealtimeModule } from '@zhulian/realtime';
import './volunteers/volunteer.rules';
import { VolunteerResolver } from './volunteers/volunteer.resolver';
import { VolunteerService } from './volunteers/volunteer.service';

/** Volunteer service tasks: volunteers' profiles, tasks, claims with their waitlists, and the tasks' timelines. */
@Module({
  imports: [AccessModule, IdentityModule, RegistryModule, CasesModule, ReferralsModule, RealtimeModule],
  providers: [
    // A merged person's tasks (a visit to them, a delivery) follow them to the record that stays.
    providePersonReference('tasks', 'person_id'),
    providePersonAttribute(TASK_DISCLOSES_TO_ME), TASK_EVENT_SUBJECT, TaskEvents, SkillService, VolunteerService, VolunteerResolver, TaskTimeline, TaskService, TaskResolver, ClaimWriter, ClaimService, AttendanceService, ClaimResolver,
    CoverService, CoverResolver, HandoverService, HandoverResolver, TaskDeadlines, TaskEditor, VolunteerHoursStats],
  exports: [TaskService, ClaimService, VolunteerService, TaskDeadlines, VolunteerHoursStats],
})
export class TasksModule {}
