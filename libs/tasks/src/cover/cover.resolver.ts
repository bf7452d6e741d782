import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, ParseIdPipe } from '@zhulian/core';
import { CoverService } from './cover.service';
import { AskForCoverInput, CoverCandidates } from './cover.type';

@Resolver(() => CoverCandidates)
export class CoverResolver {
  constructor(private readonly cover: CoverService) {}

  @Query(() => CoverCandidates, { description: 'The task’s organisation: who could cover a free place — volunteers who fit, are free and were not asked yet.' })
  coverCandidates(@CurrentActor() actor: Actor, @Args('taskId', { type: () => ID }, ParseIdPipe) taskId: string) {
    return this.cover.candidates(actor, taskId);
  }

  @Mutation(() => CoverCandidates, { description: 'The task’s organisation: ask volunteers to cover a free place; they find the task at the top of their board.' })
  askForCover(@CurrentActor() actor: Actor, @Args('input') input: AskForCoverInput) {
    return this.cover.ask(actor, input);
  }
}
