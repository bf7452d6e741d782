import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, ParseIdPipe, requestLoader } from '@zhulian/core';
import { CreateServiceInput, ServicesArgs, ServicesCountArgs, SetServiceCapacityInput, UpdateServiceInput } from '../dto/service.inputs';
import { DirectoryService } from './directory.service';
import { Service, ServiceLocation, ServiceSchedule } from './service.type';

export const ServiceConnection = ConnectionType(Service);

@Resolver(() => Service)
export class ServiceResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Query(() => Service, { description: 'One service of the directory.' })
  service(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.directory.get(actor, id);
  }

  @Query(() => ServiceConnection, { description: 'The alliance’s service directory, in the order services were added.' })
  services(@CurrentActor() actor: Actor, @Args() args: ServicesArgs) {
    return this.directory.list(actor, args);
  }

  @Query(() => Int, { description: 'How many services of the directory match the filter.' })
  servicesCount(@CurrentActor() actor: Actor, @Args() args: ServicesCountArgs) {
    return this.directory.count(actor, args.filter);
  }

  @Mutation(() => Service, { description: 'Admins and coordinators: add a service of the organisation you act for.' })
  createService(@CurrentActor() actor: Actor, @Args('input') input: CreateServiceInput) {
    return this.directory.create(actor, input);
  }

  @Mutation(() => Service, { description: 'Admins and coordinators: replace a service of your organisation with the input (places and schedules included).' })
  updateService(@CurrentActor() actor: Actor, @Args('input') input: UpdateServiceInput) {
    return this.directory.update(actor, input);
  }

  @Mutation(() => Service, { description: 'Staff, coordinators and admins: how many places of a service of your organisation are free now.' })
  setServiceCapacity(@CurrentActor() actor: Actor, @Args('input') input: SetServiceCapacityInput) {
    return this.directory.setCapacity(actor, input);
  }

  @ResolveField(() => [ServiceLocation], { description: 'Where the service is delivered; a confidential place’s whereabouts only as the rules allow.' })
  async locations(@Parent() service: Service, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'serviceLocations', (ids) => this.directory.locationsOf(actor, ids)).load(service.id)) ?? [];
  }

  @ResolveField(() => [ServiceSchedule], { description: 'When the service is open.' })
  async schedules(@Parent() service: Service, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'serviceSchedules', (ids) => this.directory.schedulesOf(ids)).load(service.id)) ?? [];
  }
}
