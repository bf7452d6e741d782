import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Events an auditor should see first. */
export enum AuditHighlight {
  BREAK_GLASS = 'BREAK_GLASS',
  EXPORT = 'EXPORT',
  IDENTITY_LOOKUP = 'IDENTITY_LOOKUP',
}
registerEnumType(AuditHighlight, { name: 'AuditHighlight' });

@ObjectType({ description: 'One entry of the audit trail: who did what to which record, on what grounds. Never a value.' })
export class AuditEntry {
  @Field(() => Int)
  position!: number;

  @Field()
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true, description: 'The staff member’s display name.' })
  actorName!: string | null;

  @Field(() => ID, { nullable: true })
  actorOrganisationId!: string | null;

  @Field(() => String, { nullable: true })
  actorOrganisationName!: string | null;

  @Field()
  action!: string;

  @Field()
  subjectType!: string;

  @Field(() => ID, { nullable: true })
  subjectId!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many records the event concerns, when it names many (an export).' })
  subjectCount!: number | null;

  @Field(() => String, { nullable: true, description: 'The organisations holding the records it concerns.' })
  holderOrganisationNames!: string | null;

  @Field(() => [String])
  fields!: string[];

  @Field(() => [String], { description: 'The sensitivity categories of those fields (identity, contact, health, …).' })
  categories!: string[];

  @Field(() => AuditHighlight, { nullable: true })
  highlight!: AuditHighlight | null;

  @Field(() => String, { nullable: true, description: 'The rule that allowed it: role:COORDINATOR, consent, registered-by-me, assigned, break-glass, …' })
  rule!: string | null;

  @Field(() => [ID], { description: 'The consents it rested on.' })
  consentIds!: string[];

  @Field(() => String, { nullable: true, description: 'The stated purpose of an export.' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The written reason, where one was required (an export of identity data).' })
  reason!: string | null;

  @Field({ description: 'What allowed it (role, consent ids, …), as JSON.' })
  grounds!: string;

  @Field({ description: 'Facts about a change (never personal values), as JSON.' })
  details!: string;

  @Field(() => String, { nullable: true })
  requestId!: string | null;
}

@ObjectType({ description: 'Whether the audit trail’s hash chain is intact.' })
export class AuditChainStatus {
  @Field()
  intact!: boolean;

  @Field(() => Int)
  events!: number;

  @Field(() => Int, { nullable: true, description: 'The first event that was edited, or whose link is broken.' })
  brokenAt!: number | null;

  @Field(() => String, { nullable: true, description: 'EDITED or LINK_BROKEN.' })
  problem!: string | null;
}

@ObjectType({ description: 'A staff member whose events an auditor may read, and the organisation they acted for.' })
export class AuditActorOption {
  @Field(() => ID)
  userId!: string;

  @Field()
  displayName!: string;

  @Field(() => ID, { nullable: true })
  organisationId!: string | null;

  @Field(() => String, { nullable: true })
  organisationName!: string | null;
}
