import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, PageArgs, requestLoader } from '@zhulian/core';
import { Task } from '../tasks/task.type';
import { TaskService } from '../tasks/task.service';
import { VolunteerProfile } from '../volunteers/volunteer-profile.type';
import { VolunteerService } from '../volunteers/volunteer.service';
import { ClaimService } from './claim.service';
import { ClaimDecisionInput, ClaimTaskInput, TaskClaim } from './claim.type';

export const TaskClaimConnection = ConnectionType(TaskClaim);

@Resolver(() => TaskClaim)
export class ClaimResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly tasks: TaskService,
    private readonly volunteers: VolunteerService,
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

  @ResolveField(() => Task, { nullable: true })
  task(@CurrentActor() actor: Actor, @Parent() claim: TaskClaim, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'claimTask', (ids) => this.tasks.byIds(actor, ids)).load(claim.taskId);
  }

  @ResolveField(() => VolunteerProfile, { nullable: true, description: 'The volunteer, as far as the rules let you see them.' })
  volunteer(@CurrentActor() actor: Actor, @Parent() claim: TaskClaim, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'claimVolunteer', (ids) => this.volunteers.byIds(actor, ids)).load(claim.volunteerId);
  }
}
