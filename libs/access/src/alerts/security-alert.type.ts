import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Why those who answer for records are told at once. */
export enum SecurityAlertKind {
  /** Somebody asked "is this ID number registered?" more often than intake work does. */
  IDENTITY_LOOKUP_BURST = 'IDENTITY_LOOKUP_BURST',
  /** Somebody opened one of the organisation's records in an emergency, beyond the rules. */
  BREAK_GLASS = 'BREAK_GLASS',
}
registerEnumType(SecurityAlertKind, { name: 'SecurityAlertKind' });

@ObjectType({ description: 'Something those who answer for an organisation’s records should know at once. Names staff, never a person’s data.' })
export class SecurityAlert {
  @Field(() => ID)
  id!: string;

  @Field(() => SecurityAlertKind)
  kind!: SecurityAlertKind;

  @Field(() => ID, { description: 'The organisation the alert was raised to.' })
  organisationId!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The staff member who did it.' })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: 'The organisation they acted for.' })
  actorOrganisationName!: string | null;

  @Field(() => String, { nullable: true })
  subjectType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The record concerned (e.g. a person), if any.' })
  subjectId!: string | null;

  @Field(() => String, { nullable: true, description: 'The written reason, for a break-glass opening.' })
  reason!: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;
}
