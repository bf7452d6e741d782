import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { Person } from '../people/person.type';
import { BreakGlassGrant, BreakGlassInput, BreakGlassService } from './break-glass.service';

@Resolver()
export class BreakGlassResolver {
  constructor(private readonly service: BreakGlassService) {}

  @Mutation(() => Person, { description: 'Coordinators, in an emergency: open one person’s record beyond the rules for a few hours, with a written reason.' })
  breakGlass(@CurrentActor() actor: Actor, @Args('input') input: BreakGlassInput) {
    return this.service.open(actor, input);
  }

  @Query(() => [BreakGlassGrant], { description: 'Org admins and coordinators: emergency openings of your organisation’s records.' })
  breakGlassGrants(@CurrentActor() actor: Actor) {
    return this.service.ofMyRecords(actor);
  }
}
