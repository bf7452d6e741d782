import { Args, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { RegionDashboard } from './region-dashboard.type';
import { RegionDashboardService } from './region-dashboard.service';

@Resolver(() => RegionDashboard)
export class RegionDashboardResolver {
  constructor(private readonly service: RegionDashboardService) {}

  @Query(() => RegionDashboard, { description: 'A civil-affairs office’s coordinators and auditors: the dashboard of its region (or of a region under it). Aggregates only; counts below 5 withheld.' })
  regionDashboard(@CurrentActor() actor: Actor, @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string) {
    return this.service.dashboard(actor, regionCode);
  }
}
