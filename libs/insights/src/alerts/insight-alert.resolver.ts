import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, ParseIdPipe, requestLoader } from '@zhulian/core';
import { Person } from '@zhulian/registry';
import { AcknowledgeInsightAlertInput, DismissInsightAlertInput, InsightAlertsArgs, InsightAlertsCountArgs } from '../dto/insight.inputs';
import { InsightRule } from '../rules/insight-rule.type';
import { InsightAlertService } from './insight-alert.service';
import { InsightAlert } from './insight-alert.type';

export const InsightAlertConnection = ConnectionType(InsightAlert);

@Resolver(() => InsightAlert)
export class InsightAlertResolver {
  constructor(private readonly service: InsightAlertService) {}

  @Query(() => InsightAlert, { description: 'Coordinators: one early-warning alert about someone your organisation holds.' })
  insightAlert(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Query(() => InsightAlertConnection, { description: 'Coordinators: the early-warning alerts about people your organisation holds, newest first (live ones unless the filter says otherwise).' })
  insightAlerts(@CurrentActor() actor: Actor, @Args() args: InsightAlertsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Int, { description: 'How many alerts you may see (that match the filter).' })
  insightAlertsCount(@CurrentActor() actor: Actor, @Args() args: InsightAlertsCountArgs) {
    return this.service.count(actor, args.filter);
  }

  @Query(() => [InsightRule], { description: 'The early-warning rules in force (the latest version for each region), with how their alerts fared among those you may see.' })
  insightRules(@CurrentActor() actor: Actor) {
    return this.service.rulesWithStats(actor);
  }

  @Mutation(() => InsightAlert, { description: 'Coordinators: confirm an alert as a real need you take on.' })
  acknowledgeInsightAlert(@CurrentActor() actor: Actor, @Args('input') input: AcknowledgeInsightAlertInput) {
    return this.service.acknowledge(actor, input);
  }

  @Mutation(() => InsightAlert, { description: 'Coordinators: dismiss an alert as not a real need, with the reason (it counts against the rule’s precision).' })
  dismissInsightAlert(@CurrentActor() actor: Actor, @Args('input') input: DismissInsightAlertInput) {
    return this.service.dismiss(actor, input);
  }

  @ResolveField(() => InsightRule, { description: 'The rule version that raised it.' })
  async rule(@Parent() alert: InsightAlert, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'alertRule', (ids) => this.service.rulesOf(ids)).load(alert.ruleId)) ?? null;
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person (a household’s head), as far as the person rules allow.' })
  person(@Parent() alert: InsightAlert, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    if (!alert.personId) return null;
    return requestLoader(context.req, 'alertPerson', (ids) => this.service.peopleOf(actor, ids)).load(alert.personId);
  }
}
