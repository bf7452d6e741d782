import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, ParseIdPipe, requestLoader } from '@zhulian/core';
import { PersonService } from '../people/person.service';
import { Person } from '../people/person.type';
import { HouseholdService } from './household.service';
import { Household } from './household.type';

@Resolver(() => Household)
export class HouseholdResolver {
  constructor(
    private readonly households: HouseholdService,
    private readonly people: PersonService,
  ) {}

  @Query(() => Household, { description: 'One household, if the rules let you see it.' })
  household(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.households.get(actor, id);
  }

  @ResolveField(() => [Person], { nullable: true, description: 'The members you may see, head first; a member you may not see is absent.' })
  async members(@Parent() household: Household, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    const loader = requestLoader(context.req, 'householdMembers', (ids) => this.people.inHouseholds(actor, ids));
    return (await loader.load(household.id)) ?? [];
  }
}

/** The household of a person, batched across a page of people. */
@Resolver(() => Person)
export class PersonHouseholdResolver {
  constructor(private readonly households: HouseholdService) {}

  @ResolveField(() => Household, { nullable: true, description: 'Their household, if they belong to one and the rules let you see it.' })
  household(@Parent() person: Person, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    if (!person.householdId) return null;
    return requestLoader(context.req, 'household', (ids) => this.households.byIds(actor, ids)).load(person.householdId);
  }
}
