import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { requestAccess } from '@zhulian/access';
import { Actor, CurrentActor, GraphqlContext, ParseIdPipe } from '@zhulian/core';
import { MatchService } from './match.service';
import { IntakeMatchInput, ServiceMatch } from './match.types';

@Resolver(() => ServiceMatch)
export class MatchResolver {
  constructor(private readonly matches: MatchService) {}

  @Query(() => [ServiceMatch], { description: 'Services of other organisations that fit a case you may see, best first, each with its reasons.' })
  matchServices(
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('caseId', { type: () => ID }, ParseIdPipe) caseId: string,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'At most 50.' }) first: number,
  ) {
    return this.matches.forCase(actor, requestAccess(context.req), caseId, Math.min(Math.max(first, 1), 50));
  }

  @Query(() => [ServiceMatch], { description: 'Coordinators and caseworkers taking someone in: services of other organisations that fit, before the case exists.' })
  matchServicesForIntake(
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('input') input: IntakeMatchInput,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'At most 50.' }) first: number,
  ) {
    return this.matches.forIntake(actor, requestAccess(context.req), input, Math.min(Math.max(first, 1), 50));
  }
}
