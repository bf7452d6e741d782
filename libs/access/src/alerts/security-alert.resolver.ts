import { Args, ArgsType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { Actor, ConnectionType, CurrentActor, PageArgs, ParseIdPipe } from '@zhulian/core';
import { SecurityAlert } from './security-alert.type';
import { SecurityAlerts } from './security-alerts';

export const SecurityAlertConnection = ConnectionType(SecurityAlert);

@ArgsType()
class SecurityAlertsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only those nobody has acknowledged yet.' })
  @IsOptional()
  @IsBoolean()
  unacknowledgedOnly?: boolean;
}

@Resolver(() => SecurityAlert)
export class SecurityAlertResolver {
  constructor(private readonly alerts: SecurityAlerts) {}

  @Query(() => SecurityAlertConnection, { description: 'Admins, coordinators and auditors: alerts about your organisation’s records and those below it, newest first.' })
  securityAlerts(@CurrentActor() actor: Actor, @Args() args: SecurityAlertsArgs) {
    return this.alerts.list(actor, args);
  }

  @Mutation(() => SecurityAlert, { description: 'Mark an alert as seen and dealt with.' })
  acknowledgeSecurityAlert(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.alerts.acknowledge(actor, id);
  }
}
