import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Person } from '@zhulian/registry';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, PageArgs, ParseIdPipe, requestLoader } from '@zhulian/core';
import { ClaimService } from '../claims/claim.service';
import { TaskClaim } from '../claims/claim.type';
import { HandoverService } from '../handovers/handover.service';
import { TaskHandover } from '../handovers/handover.type';
import { Skill, SkillService } from '../skills/skill.service';
import { TaskEvent, TaskTimeline } from './task-timeline';
import { TaskService } from './task.service';
import { TaskEditor } from './task-editor';
import { CancelTaskInput, EditTaskInput, PostTaskInput, Task, TaskBoardFilter, TaskStatus } from './task.type';

export const TaskConnection = ConnectionType(Task);

@ArgsType()
class TaskBoardArgs extends PageArgs {
  @Field(() => TaskBoardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskBoardFilter)
  filter?: TaskBoardFilter;
}

@ArgsType()
class OrganisationTasksArgs extends PageArgs {
  @Field(() => [TaskStatus], { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus, { each: true })
  status?: TaskStatus[];

  @Field({ nullable: true, description: 'Only tasks that take place today (in Beijing time): under way, or starting before midnight.' })
  @IsOptional()
  @IsBoolean()
  today?: boolean;

  @Field({ nullable: true, description: 'Only tasks with claims waiting for your organisation’s approval.' })
  @IsOptional()
  @IsBoolean()
  awaitingDecision?: boolean;
}

@Resolver(() => Task)
export class TaskResolver {
  constructor(
    private readonly tasks: TaskService,
    private readonly claimService: ClaimService,
    private readonly timeline: TaskTimeline,
    private readonly skills: SkillService,
    private readonly handovers: HandoverService,
    private readonly editor: TaskEditor,
  ) {}

  @Query(() => [Skill], { description: 'The skills volunteers offer and tasks ask for.' })
  skillList() {
    return this.skills.list();
  }

  @Query(() => Task, { description: 'One task: open ones for everyone, your organisation’s, or one you claimed.' })
  task(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.tasks.get(actor, id);
  }

  @Query(() => TaskConnection, { description: 'Volunteers: open tasks ahead that fit your skills and areas (and, if asked, your free times), soonest first.' })
  taskBoard(@CurrentActor() actor: Actor, @Args() args: TaskBoardArgs) {
    return this.tasks.board(actor, args);
  }

  @Query(() => TaskConnection, { description: 'Your organisation’s tasks, newest first.' })
  organisationTasks(@CurrentActor() actor: Actor, @Args() args: OrganisationTasksArgs) {
    return this.tasks.ofMyOrganisation(actor, args);
  }

  @Query(() => TaskConnection, { description: 'Other organisations’ open tasks ahead, newest first: work your organisation may offer to take over.' })
  allianceTasks(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    return this.tasks.ofOtherOrganisations(actor, args);
  }

  @Mutation(() => Task, { description: 'Post a task for volunteers (optionally for a case’s person, disclosing what you choose of them to volunteers holding it).' })
  postTask(@CurrentActor() actor: Actor, @Args('input') input: PostTaskInput) {
    return this.tasks.post(actor, input);
  }

  @Mutation(() => Task, { description: 'Change an open task before it starts; its volunteers keep their places (a new time moves their claims).' })
  editTask(@CurrentActor() actor: Actor, @Args('input') input: EditTaskInput) {
    return this.editor.edit(actor, input);
  }

  @Mutation(() => Task, { description: 'Cancel an open task; its volunteers read why.' })
  cancelTask(@CurrentActor() actor: Actor, @Args('input') input: CancelTaskInput) {
    return this.tasks.cancel(actor, input);
  }

  @ResolveField(() => [TaskClaim], { description: 'Every claim, for the organisation running the task; your own claim, for a volunteer.' })
  claims(@CurrentActor() actor: Actor, @Parent() task: Task, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'taskClaims', (ids) => this.claimService.ofTasks(actor, ids)).load(task.id).then((c) => c ?? []);
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person served, as far as your rules let you see them — for a volunteer holding the task, what it discloses, when it discloses it.' })
  person(@CurrentActor() actor: Actor, @Parent() task: Task, @Context() context: GraphqlContext) {
    if (!task.personId) return null;
    return requestLoader(context.req, 'taskPerson', (ids) => this.tasks.peopleOf(actor, ids)).load(task.personId);
  }

  @ResolveField(() => ID, { name: 'caseId', nullable: true, description: 'The case the task serves: for the organisation running it.' })
  caseOf(@CurrentActor() actor: Actor, @Parent() task: Task) {
    return task.organisationId === actor.acting?.organisationId && actor.acting.role !== 'VOLUNTEER' ? task.caseId : null;
  }

  @ResolveField(() => ID, { name: 'referralId', nullable: true, description: 'The accepted referral whose person the task serves: for the organisation running it.' })
  referralOf(@CurrentActor() actor: Actor, @Parent() task: Task) {
    return task.organisationId === actor.acting?.organisationId && actor.acting.role !== 'VOLUNTEER' ? task.referralId : null;
  }

  @ResolveField(() => [TaskEvent], { nullable: true, description: 'The task’s timeline: for the organisation running it.' })
  async timelineEvents(@CurrentActor() actor: Actor, @Parent() task: Task, @Context() context: GraphqlContext) {
    if (task.organisationId !== actor.acting?.organisationId || actor.acting.role === 'VOLUNTEER') return null;
    return (await requestLoader(context.req, 'taskTimeline', (ids) => this.timeline.of(ids)).load(task.id)) ?? [];
  }

  @ResolveField(() => TaskHandover, { nullable: true, description: 'A hand-over waiting for an answer: for the holding and the asking organisation.' })
  pendingHandover(@CurrentActor() actor: Actor, @Parent() task: Task, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'taskHandover', (ids) => this.handovers.openOf(actor, ids)).load(task.id).then((h) => h ?? null);
  }
}
