import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';
import { AlertSeverity } from '../rules/insight-rule.type';

export enum AlertStatus {
  /** Raised, nobody decided yet. */
  OPEN = 'OPEN',
  /** A coordinator confirmed it is a real need and took it on. */
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  /** A coordinator found it is not (with a reason, which counts against the rule's precision). */
  DISMISSED = 'DISMISSED',
}

export enum DismissReason {
  NOT_IN_NEED = 'NOT_IN_NEED',
  ALREADY_HELPED = 'ALREADY_HELPED',
  DATA_WRONG = 'DATA_WRONG',
  DUPLICATE = 'DUPLICATE',
  OTHER = 'OTHER',
}

export enum AlertSubjectType {
  Person = 'Person',
  Household = 'Household',
  Case = 'Case',
}

registerEnumType(AlertStatus, { name: 'InsightAlertStatus' });
registerEnumType(DismissReason, { name: 'InsightDismissReason', description: 'Why an alert is not a real need.' });
registerEnumType(AlertSubjectType, { name: 'InsightSubjectType', description: 'What an alert is about: a person, a household, or a case.' });

/**
 * One finding of an early-warning rule, for the coordinators of the organisation that holds the person.
 * The facts behind it are fields of their own, each with the category of the personal data it derives from,
 * so a viewer reads exactly what they could read on the person; the person is read under the person rules.
 */
@ObjectType({ description: 'An early-warning finding: which rule, about whom, why, and what was decided.' })
export class InsightAlert {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @NotPersonal()
  @Field({ description: 'The rule’s code (its version that raised the alert: `rule`).' })
  ruleCode!: string;

  /** Resolved by the resolver: the rule version that raised it. */
  @NotPersonal()
  rule?: unknown;

  @Sensitive('basic')
  @Field(() => AlertSubjectType, { nullable: true })
  subjectType!: AlertSubjectType | null;

  /** Resolved by the resolver: the person (the head of a household), under the person rules. */
  @Sensitive('basic')
  person?: unknown;

  @Sensitive('basic')
  @Field(() => ID, { nullable: true, description: 'The household, for a household’s finding.' })
  householdId!: string | null;

  @Sensitive('basic')
  @Field(() => ID, { nullable: true, description: 'The case, for a case’s finding.' })
  caseId!: string | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Sensitive('basic')
  @Field(() => AlertSeverity, { nullable: true })
  severity!: AlertSeverity | null;

  @Sensitive('basic')
  @Field(() => Int, { nullable: true, description: '0–100: how strongly the facts point to a need (the rule says how it is reckoned).' })
  score!: number | null;

  @Sensitive('basic')
  @Field(() => AlertStatus, { nullable: true })
  status!: AlertStatus | null;

  // The facts behind the finding, as far as the viewer may read them.

  @Sensitive('basic')
  @Field(() => Int, { nullable: true, description: 'Members of the household (1 for a person in none).' })
  householdSize!: number | null;

  @Sensitive('financial')
  @Field(() => Int, { nullable: true, description: 'Recorded monthly income per member, in fen.' })
  incomePerPersonCents!: number | null;

  @NotPersonal()
  @Field(() => Int, { nullable: true, description: 'The region’s minimum-living line for the year, in fen a month per person.' })
  lineCents!: number | null;

  @Sensitive('basic')
  @Field(() => Int, { nullable: true })
  age!: number | null;

  @Sensitive('basic')
  @Field(() => Boolean, { nullable: true })
  livesAlone!: boolean | null;

  @Sensitive('health')
  @Field(() => Boolean, { nullable: true, description: 'A disability or a chronic illness is recorded.' })
  healthConditionRecorded!: boolean | null;

  @Sensitive('basic')
  @Field(() => Int, { nullable: true, description: 'Days since anything was recorded on the person’s cases (or this case); null: never.' })
  daysInactive!: number | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true, description: 'The case’s priority, for a case’s finding.' })
  casePriority!: string | null;

  @NotPersonal()
  @Field(() => Int, { nullable: true, description: 'The days the rule allows a case of this priority.' })
  limitDays!: number | null;

  @Sensitive('health')
  @Field(() => Int, { nullable: true, description: 'How many signals from other departments the finding rests on (a medical bill or a disability registration says something of health).' })
  signalCount!: number | null;

  @Sensitive('financial')
  @Field(() => Int, { nullable: true, description: 'What those signals add up to, in fen (bills paid, arrears owed).' })
  signalTotalCents!: number | null;

  @Sensitive('financial')
  @Field(() => Int, { nullable: true, description: 'Those signals as a share of the household’s income over the same months, in per cent.' })
  burdenPercent!: number | null;

  @Sensitive('health')
  @Field(() => String, { nullable: true, description: 'The date of the latest of those signals (YYYY-MM-DD).' })
  lastSignalOn!: string | null;

  @NotPersonal()
  @Field(() => Int, { nullable: true, description: 'The months the rule looks back over.' })
  months!: number | null;

  @Sensitive('basic')
  @Field(() => Int, { nullable: true, description: 'Different organisations that declined the person’s latest referrals, one after another.' })
  declinedInARow!: number | null;

  @Sensitive('basic')
  @Field(() => Boolean, { nullable: true, description: 'A referral expired unanswered, and none was accepted since.' })
  expiredUnanswered!: boolean | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'Why the child’s only carer is away: the need of their open case (HOSPITALISED, DETAINED).' })
  carerAwayNeed!: string | null;

  @Sensitive('basic')
  @Field(() => DismissReason, { nullable: true })
  reasonCode!: DismissReason | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'The coordinator’s words on the decision.' })
  reasonText!: string | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @NotPersonal()
  @Field()
  raisedAt!: Date;

  @NotPersonal()
  @Field({ description: 'The last evaluation that still found it.' })
  lastSeenAt!: Date;

  @NotPersonal()
  @Field(() => Date, { nullable: true, description: 'When its condition stopped holding (it is no longer live).' })
  clearedAt!: Date | null;

  @NotPersonal()
  @Field(() => Int)
  version!: number;

  @NotPersonal()
  @Field(() => ID, { description: 'The organisation holding the person, whose coordinators it goes to.' })
  holdingOrganisationId!: string;

  // For the resolvers and the rules; not part of the API.
  ruleId!: string;
  personId!: string | null;
}
