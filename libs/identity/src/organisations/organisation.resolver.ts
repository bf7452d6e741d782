import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, ParseIdPipe, requestLoader } from '@zhulian/core';
import { CreateOrganisationInput, OrganisationsArgs } from '../dto/organisation.inputs';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationService } from './organisation.service';

export const OrganisationConnection = ConnectionType(Organisation);

@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(private readonly service: OrganisationService) {}

  @Query(() => OrganisationConnection, { description: 'The organisations of the alliance, oldest first.' })
  organisations(@CurrentActor() actor: Actor, @Args() args: OrganisationsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Organisation)
  organisation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => Organisation, { description: 'Platform admins only.' })
  createOrganisation(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganisationInput) {
    return this.service.create(actor, input);
  }

  @ResolveField(() => Organisation, { nullable: true })
  parent(@Parent() organisation: Organisation, @Context() context: GraphqlContext) {
    if (!organisation.parentId) return null;
    return organisationLoader(context, this.service).load(organisation.parentId);
  }
}

export function organisationLoader(context: GraphqlContext, organisations: OrganisationService) {
  return requestLoader(context.req, 'organisation', async (ids) => new Map((await organisations.getMany(ids)).map((o) => [o.id, o])));
}
