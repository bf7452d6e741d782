import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Which evaluator reads a rule: the code that finds its subjects; the rule row gives it its parameters. */
export enum RuleKind {
  INCOME_BELOW_LINE = 'INCOME_BELOW_LINE',
  ELDERLY_ALONE_INACTIVE = 'ELDERLY_ALONE_INACTIVE',
  CASE_INACTIVE = 'CASE_INACTIVE',
  /** Signals of a kind (e.g. medical bills) over some months, weighed against the household's income. */
  SIGNAL_BURDEN = 'SIGNAL_BURDEN',
  /** Any signal of a kind in the last months. */
  SIGNAL_PRESENT = 'SIGNAL_PRESENT',
  /** Referrals declined by several organisations in a row, or one expired unanswered. */
  REFERRAL_DEAD_END = 'REFERRAL_DEAD_END',
  /** A child whose household's only adult has an open case for being in hospital or detained. */
  CHILD_CARER_AWAY = 'CHILD_CARER_AWAY',
}

export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

registerEnumType(RuleKind, { name: 'InsightRuleKind', description: 'Which evaluator reads a rule.' });
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });

/** How a rule's alerts fared, among the alerts the viewer may see. */
@ObjectType({ description: 'How a rule’s alerts fared, counted over the alerts you may see.' })
export class InsightRuleStats {
  @Field(() => Int, { description: 'Alerts raised, ever.' })
  raised!: number;

  @Field(() => Int, { description: 'Alerts still waiting for a decision (condition still holding).' })
  open!: number;

  @Field(() => Int, { description: 'Alerts a coordinator confirmed (acknowledged).' })
  confirmed!: number;

  @Field(() => Int, { description: 'Alerts a coordinator dismissed as not a real need.' })
  dismissed!: number;

  @Field(() => Float, { nullable: true, description: 'confirmed ÷ (confirmed + dismissed); null before any decision.' })
  precision!: number | null;
}

/**
 * An early-warning rule, as data: the version in force for a region (a district's own version of a code
 * overrides the city's). Nothing personal: what the rule looks for, in words a social worker understands.
 */
@ObjectType({ description: 'An early-warning rule: what it looks for, where, and how its alerts fared.' })
export class InsightRule {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Stable across versions and regions, e.g. LOW_INCOME_NO_DIBAO.' })
  code!: string;

  @Field(() => Int)
  version!: number;

  @Field({ description: 'The region it applies to, and every region under it without a version of its own.' })
  regionCode!: string;

  @Field(() => RuleKind)
  kind!: RuleKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field({ description: 'Its parameters, as JSON (e.g. {"minAge":70,"inactiveDays":30}).' })
  params!: string;

  @Field()
  nameZh!: string;

  @Field()
  nameEn!: string;

  @Field()
  descriptionZh!: string;

  @Field()
  descriptionEn!: string;

  @Field()
  active!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => InsightRuleStats, { nullable: true, description: 'How its alerts fared, among those you may see (all versions and regions of the code).' })
  stats?: InsightRuleStats;
}
