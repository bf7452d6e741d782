import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';
import { ReferralStatus } from './referral-moves';

/** Why a referral was declined, cancelled, put on hold or failed. */
export enum ReferralReason {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  NO_CAPACITY = 'NO_CAPACITY',
  OUT_OF_AREA = 'OUT_OF_AREA',
  PERSON_DECLINED = 'PERSON_DECLINED',
  PERSON_UNREACHABLE = 'PERSON_UNREACHABLE',
  NEEDS_CHANGED = 'NEEDS_CHANGED',
  DUPLICATE = 'DUPLICATE',
  WAITING_FOR_DOCUMENTS = 'WAITING_FOR_DOCUMENTS',
  EXPIRED = 'EXPIRED',
  OTHER = 'OTHER',
}

/** What a completed referral achieved. */
export enum ReferralOutcome {
  SERVICE_PROVIDED = 'SERVICE_PROVIDED',
  PARTLY_PROVIDED = 'PARTLY_PROVIDED',
  REFERRED_ONWARD = 'REFERRED_ONWARD',
}

export enum ReferralUrgency {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}

registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'The states of HL7 FHIR Task.' });
registerEnumType(ReferralReason, { name: 'ReferralReason' });
registerEnumType(ReferralOutcome, { name: 'ReferralOutcome' });
registerEnumType(ReferralUrgency, { name: 'ReferralUrgency' });

@ObjectType({ description: 'One move of a referral (or a reminder, an escalation), in order.' })
export class ReferralEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'STATUS_CHANGED, REMINDER_SENT, ESCALATED, ROUTED, …' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Who did it; null when the system did (e.g. expiry).' })
  actorName!: string | null;

  @Field(() => String, { nullable: true })
  actorOrganisationName!: string | null;

  @Field(() => ReferralStatus, { nullable: true })
  fromStatus!: ReferralStatus | null;

  @Field(() => ReferralStatus, { nullable: true })
  toStatus!: ReferralStatus | null;

  @Field(() => ReferralReason, { nullable: true })
  reasonCode!: ReferralReason | null;

  @Field(() => String, { nullable: true })
  reasonText!: string | null;
}

/**
 * A referral, as a request may see it. The sending organisation sees it whole. The receiving one
 * sees, from the request on, what the sender wrote for it (needs, urgency, region, age band, note) and
 * — only once it accepted — the person (then as far as the person's consent, or the coordinator's
 * override, shares them). A draft is the sender's alone.
 */
@ObjectType({ description: 'A referral of a case’s person to another organisation’s service.' })
export class Referral {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @Sensitive('basic')
  @Field(() => ReferralStatus, { nullable: true })
  status!: ReferralStatus | null;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true, description: 'Need category codes.' })
  needs!: string[] | null;

  @Sensitive('basic')
  @Field(() => ReferralUrgency, { nullable: true })
  urgency!: ReferralUrgency | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true, description: 'The person’s age in ten-year bands, e.g. 70-79 (never the date of birth).' })
  ageBand!: string | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true, description: 'What the sender wrote for the receiver.' })
  noteForReceiver!: string | null;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true, description: 'The categories of the person’s data this referral shares once accepted.' })
  sharedCategories!: string[] | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true, description: 'Sent without the person’s consent: the coordinator’s reason, shown to the receiver.' })
  overrideReason!: string | null;

  @Sensitive('basic')
  @Field(() => ReferralReason, { nullable: true, description: 'The reason of the last decline, cancellation, hold or failure.' })
  reasonCode!: ReferralReason | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  reasonText!: string | null;

  @Sensitive('basic')
  @Field(() => ReferralOutcome, { nullable: true })
  outcome!: ReferralOutcome | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  /** Resolved by ReferralResolver: once accepted, as far as the person rules allow. */
  @Sensitive('identity')
  person?: unknown;

  @Sensitive('case_notes')
  @Field(() => ID, { nullable: true, description: 'The sender’s case (the sender only).' })
  caseId!: string | null;

  /** Resolved by ReferralResolver. */
  @Sensitive('basic')
  timeline?: unknown;

  @NotPersonal()
  @Field(() => ID, { nullable: true })
  serviceId!: string | null;

  @NotPersonal()
  @Field(() => String, { nullable: true })
  serviceName!: string | null;

  @NotPersonal()
  @Field(() => ID)
  senderOrganisationId!: string;

  @NotPersonal()
  @Field()
  senderOrganisationName!: string;

  @NotPersonal()
  @Field(() => ID)
  receiverOrganisationId!: string;

  @NotPersonal()
  @Field()
  receiverOrganisationName!: string;

  @NotPersonal()
  @Field(() => ID, { nullable: true, description: 'The receiving organisation’s caseworker it was routed to.' })
  receiverUserId!: string | null;

  @NotPersonal()
  @Field(() => String, { nullable: true })
  receiverUserName!: string | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true, description: 'Awaiting an answer: when it expires unanswered (the receiving organisation’s deadline).' })
  answerBy!: Date | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  requestedAt!: Date | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true, description: 'When it was escalated to the sender’s coordinators for want of an answer.' })
  escalatedAt!: Date | null;

  @NotPersonal()
  @Field(() => Int)
  version!: number;

  @NotPersonal()
  @Field()
  createdAt!: Date;

  // Attributes the access rules read; not part of the API.
  personId!: string;
  openToReceiver!: boolean;
  caseAssignedToMe!: boolean;
}

@ObjectType({ description: 'A referral just created, and what its sender should know.' })
export class CreateReferralPayload {
  @Field(() => Referral)
  referral!: Referral;

  @Field(() => [String], { description: 'E.g. NO_PLACES_LEFT: the service has no place now; the receiver may still accept later.' })
  warnings!: string[];
}
