import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

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

  @Field(() => [String])
  fields!: string[];

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
