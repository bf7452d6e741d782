import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, PageArgs, requestLoader } from '@zhulian/core';
import { Task } from '../tasks/task.type';
import { TaskService } from '../tasks/task.service';
import { VolunteerProfile } from '../volunteers/volunteer-profile.type';
import { VolunteerService } from '../volunteers/volunteer.service';
import { ClaimService } from './claim.service';
import { AttendanceService } from './attendance.service';
import { CheckInInput, CheckOutInput, ClaimDecisionInput, ClaimTaskInput, ConfirmHoursInput, HoursStatement, TaskClaim, VolunteerHours } from './claim.type';
import { ExportLanguage } from '@zhulian/registry';

export const TaskClaimConnection = ConnectionType(TaskClaim);

@Resolver(() => TaskClaim)
export class ClaimResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly tasks: TaskService,
    private readonly volunteers: VolunteerService,
    private readonly attendance: AttendanceService,
  ) {}

  @Query(() => TaskClaimConnection, { description: 'Volunteers: your claims, newest first.' })
  myClaims(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    return this.claims.mineList(actor, args);
  }

  @Mutation(() => TaskClaim, { description: 'Volunteers: claim a task. You hold a place if one is left (pending approval where the task asks for it), else you join its waitlist.' })
  claimTask(@CurrentActor() actor: Actor, @Args('input') input: ClaimTaskInput) {
    return this.claims.claim(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'Volunteers: give up a claim before the task starts ("I can’t come"); the place goes to the next in line.' })
  releaseClaim(@CurrentActor() actor: Actor, @Args('input') input: ClaimDecisionInput) {
    return this.claims.release(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'Volunteers: take up a place offered to you from the waitlist, before the offer runs out.' })
  confirmClaim(@CurrentActor() actor: Actor, @Args('input') input: ClaimDecisionInput) {
    return this.claims.confirm(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'The task’s organisation: let a pending claim hold its place.' })
  approveClaim(@CurrentActor() actor: Actor, @Args('input') input: ClaimDecisionInput) {
    return this.claims.approve(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'The task’s organisation: turn a pending claim down, with a reason the volunteer reads.' })
  declineClaim(@CurrentActor() actor: Actor, @Args('input') input: ClaimDecisionInput) {
    return this.claims.decline(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'Volunteers: check in to a task you hold (from an hour before it), saying where you are if you choose to.' })
  checkIn(@CurrentActor() actor: Actor, @Args('input') input: CheckInInput) {
    return this.attendance.checkIn(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'Volunteers: check out, with a short report; the minutes between are counted.' })
  checkOut(@CurrentActor() actor: Actor, @Args('input') input: CheckOutInput) {
    return this.attendance.checkOut(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'The task’s organisation: confirm a volunteer’s hours, correcting the minutes if needed; for a volunteer who came without checking in, record the minutes they served.' })
  confirmHours(@CurrentActor() actor: Actor, @Args('input') input: ConfirmHoursInput) {
    return this.attendance.confirmHours(actor, input);
  }

  @Mutation(() => TaskClaim, { description: 'The task’s organisation: mark a volunteer who held a place and did not come.' })
  markNoShow(@CurrentActor() actor: Actor, @Args('input') input: ClaimDecisionInput) {
    return this.attendance.markNoShow(actor, input);
  }

  @Query(() => VolunteerHours, { description: 'Volunteers: your hours, confirmed and awaiting confirmation.' })
  myHours(@CurrentActor() actor: Actor) {
    return this.attendance.myHours(actor);
  }

  @Query(() => HoursStatement, { description: 'Volunteers: your confirmed hours, task by task, as CSV to hand to a school or an employer.' })
  myHoursStatement(@CurrentActor() actor: Actor, @Args('language', { type: () => ExportLanguage, nullable: true, defaultValue: ExportLanguage.ZH_CN }) language: ExportLanguage) {
    return this.attendance.statement(actor, language === ExportLanguage.EN);
  }

  @ResolveField(() => Task, { nullable: true })
  task(@CurrentActor() actor: Actor, @Parent() claim: TaskClaim, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'claimTask', (ids) => this.tasks.byIds(actor, ids)).load(claim.taskId);
  }

  @ResolveField(() => VolunteerProfile, { nullable: true, description: 'The volunteer, as far as the rules let you see them.' })
  volunteer(@CurrentActor() actor: Actor, @Parent() claim: TaskClaim, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'claimVolunteer', (ids) => this.volunteers.byIds(actor, ids)).load(claim.volunteerId);
  }
}
