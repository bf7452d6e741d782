import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { Person } from '../people/person.type';
import { BreakGlassGrant, BreakGlassInput, BreakGlassService } from './break-glass.service';

@Resolver()
export class BreakGlassResolver {
  constructor(private readonly service: BreakGlassService) {}

  @Mutation(() => Person, { description: 'Coordinators of the office holding a record, or of an office above it, in an emergency: open one person’s record beyond the rules for two hours, with a written reason. Raised at once to the holder’s admins, coordinators and auditors.' })
  breakGlass(@CurrentActor() actor: Actor, @Args('input') input: BreakGlassInput) {
    return this.service.open(actor, input);
  }

  @Query(() => [BreakGlassGrant], { description: 'Org admins and coordinators: emergency openings of your organisation’s records.' })
  breakGlassGrants(@CurrentActor() actor: Actor) {
    return this.service.ofMyRecords(actor);
  }
}
