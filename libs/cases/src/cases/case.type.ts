import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';

export enum CaseStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  CLOSED = 'CLOSED',
}

export enum CasePriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}

/** How a case ended. */
export enum CaseOutcome {
  NEEDS_MET = 'NEEDS_MET',
  PARTLY_MET = 'PARTLY_MET',
  NOT_MET = 'NOT_MET',
  DECLINED_BY_PERSON = 'DECLINED_BY_PERSON',
  MOVED_AWAY = 'MOVED_AWAY',
  DECEASED = 'DECEASED',
  TRANSFERRED = 'TRANSFERRED',
}

/** What happened on a case's timeline. */
export enum CaseEventKind {
  OPENED = 'OPENED',
  ASSIGNED = 'ASSIGNED',
  UNASSIGNED = 'UNASSIGNED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  UPDATED = 'UPDATED',
  /** A referral of the case was sent or moved (see referralId, referralStatus). */
  REFERRAL = 'REFERRAL',
}

registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(CasePriority, { name: 'CasePriority' });
registerEnumType(CaseOutcome, { name: 'CaseOutcome', description: 'How a case ended.' });
registerEnumType(CaseEventKind, { name: 'CaseEventKind' });

@ObjectType({ description: 'A caseworker assigned to a case, now or before.' })
export class CaseAssignment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field()
  displayName!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  @Field()
  assignedAt!: Date;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType({ description: 'A caseworker a coordinator may assign to a case.' })
export class AssignableCaseworker {
  @Field(() => ID)
  userId!: string;

  @Field()
  displayName!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;
}

@ObjectType({ description: 'One thing that happened to a case, in order. Never carries the case’s notes.' })
export class CaseEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => CaseEventKind)
  kind!: CaseEventKind;

  @Field(() => String, { nullable: true, description: 'Who did it (their display name).' })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: 'ASSIGNED / UNASSIGNED: the caseworker.' })
  assigneeName!: string | null;

  @Field(() => CaseStatus, { nullable: true })
  fromStatus!: CaseStatus | null;

  @Field(() => CaseStatus, { nullable: true })
  toStatus!: CaseStatus | null;

  @Field(() => CaseOutcome, { nullable: true })
  outcome!: CaseOutcome | null;

  @Field(() => [String], { nullable: true, description: 'UPDATED: which of the case’s fields changed (never their values).' })
  changed!: string[] | null;

  @Field(() => ID, { nullable: true, description: 'REFERRAL: the referral.' })
  referralId!: string | null;

  @Field(() => String, { nullable: true, description: 'REFERRAL: the state the referral moved to (a ReferralStatus).' })
  referralStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'REFERRAL: the organisation referred to.' })
  organisationName!: string | null;
}

/**
 * A case, as a request may see it: checked field by field like a person. Its person is shown as far as
 * the person rules allow; its summary and notes are `case_notes`, for the holder's coordinators and the
 * assigned caseworkers (another organisation's only with the person's consent to case notes, and then
 * only the note entries written for the whole team).
 */
@ObjectType({ description: 'A case: a person’s needs, held by one organisation and worked by its assigned caseworkers.' })
export class Case {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  /** Resolved by CaseResolver: the person, as far as the person rules allow. */
  @Sensitive('basic')
  person?: unknown;

  @NotPersonal()
  @Field({ description: 'The number people say and write: the holding organisation’s short name, the year, a count (建外-2026-0042).' })
  caseNumber!: string;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true, description: 'Need category codes (see needCategories).' })
  needs!: string[] | null;

  @Sensitive('basic')
  @Field(() => CasePriority, { nullable: true })
  priority!: CasePriority | null;

  @Sensitive('basic')
  @Field(() => CaseStatus, { nullable: true })
  status!: CaseStatus | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'A short description of the situation.' })
  summary!: string | null;

  /** Resolved by CaseNoteResolver from the entries the viewer may read. */
  @Sensitive('case_notes')
  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Notes are dated, signed entries: read noteEntries, write addCaseNote. This gives the texts of the entries you may read, oldest first, separated by blank lines.',
  })
  notes?: string | null;

  /** Resolved by CaseNoteResolver: the entries, each under the note rules. */
  @Sensitive('case_notes')
  noteEntries?: unknown;

  /** Resolved by CaseAttachmentResolver: the files, each under the attachment rules (an ID document needs consent to identity). */
  @Sensitive('basic')
  attachments?: unknown;

  @Sensitive('basic')
  @Field(() => CaseOutcome, { nullable: true })
  outcome!: CaseOutcome | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  /** Resolved by CaseResolver. */
  @Sensitive('basic')
  assignees?: unknown;

  /** Resolved by CaseResolver. */
  @Sensitive('basic')
  timeline?: unknown;

  @NotPersonal()
  @Field(() => ID, { description: 'The organisation that holds the case.' })
  holdingOrganisationId!: string;

  @NotPersonal()
  @Field(() => Int, { description: 'Changes with every update: send it back to update, so that no one overwrites a change they have not seen.' })
  version!: number;

  @NotPersonal()
  @Field()
  createdAt!: Date;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  // Attributes the access rules read; not part of the API.
  personId!: string;
  assignedToMe!: boolean;
  consentedCategories!: string[];
  consentIds!: string[];
}
