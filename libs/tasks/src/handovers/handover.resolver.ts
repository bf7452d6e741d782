import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, PageArgs, ParseIdPipe, requestLoader } from '@zhulian/core';
import { TaskService } from '../tasks/task.service';
import { Task } from '../tasks/task.type';
import { HandoverService } from './handover.service';
import { AnswerHandoverInput, HandoverDirection, HandoverStatus, RequestHandoverInput, TaskHandover } from './handover.type';

export const TaskHandoverConnection = ConnectionType(TaskHandover);

@ArgsType()
class TaskHandoversArgs extends PageArgs {
  @Field(() => HandoverDirection)
  @IsEnum(HandoverDirection)
  direction!: HandoverDirection;

  @Field(() => [HandoverStatus], { nullable: true })
  @IsOptional()
  @IsEnum(HandoverStatus, { each: true })
  status?: HandoverStatus[];
}

@Resolver(() => TaskHandover)
export class HandoverResolver {
  constructor(
    private readonly handovers: HandoverService,
    private readonly tasks: TaskService,
  ) {}

  @Query(() => TaskHandoverConnection, { description: 'Hand-overs of your organisation’s tasks (INCOMING) or asked by it (OUTGOING), newest first.' })
  taskHandovers(@CurrentActor() actor: Actor, @Args() args: TaskHandoversArgs) {
    return this.handovers.list(actor, args);
  }

  @Mutation(() => TaskHandover, { description: 'Ask to take over another organisation’s open task; approved automatically if they do not answer in time.' })
  requestTaskHandover(@CurrentActor() actor: Actor, @Args('input') input: RequestHandoverInput) {
    return this.handovers.request(actor, input);
  }

  @Mutation(() => TaskHandover, { description: 'The holder: approve a hand-over (the task moves to the asking organisation) or decline it with a reason.' })
  answerTaskHandover(@CurrentActor() actor: Actor, @Args('input') input: AnswerHandoverInput) {
    return this.handovers.answer(actor, input);
  }

  @ResolveField(() => Task, { nullable: true, description: 'The task asked for, as you may see it (every member sees the alliance’s tasks).' })
  task(@CurrentActor() actor: Actor, @Parent() handover: TaskHandover, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'handoverTask', (ids) => this.tasks.byIds(actor, ids)).load(handover.taskId).then((t) => t ?? null);
  }

  @Mutation(() => TaskHandover, { description: 'The asking organisation: withdraw a hand-over not yet answered.' })
  withdrawTaskHandover(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.handovers.withdraw(actor, id);
  }
}
