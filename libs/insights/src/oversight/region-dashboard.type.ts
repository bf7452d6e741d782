import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

// Aggregates only: every count of people (or of their cases, referrals, alerts) is null where fewer than 5
// could be read or worked out from the rest (see small-cells.ts). No type here names a person.

@ObjectType({ description: 'A count under a key; null where it would count fewer than 5 (or let such a count be worked out).' })
export class DashboardCount {
  @Field()
  key!: string;

  @Field(() => Int, { nullable: true })
  count!: number | null;
}

@ObjectType({ description: 'A district’s people and open cases (null where fewer than 5).' })
export class RegionCounts {
  @Field()
  regionCode!: string;

  @Field(() => Int, { nullable: true })
  people!: number | null;

  @Field(() => Int, { nullable: true })
  openCases!: number | null;
}

@ObjectType({ description: 'How one organisation answered the region’s referrals over the last 12 months (counts null below 5).' })
export class ReceiverFigures {
  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  @Field(() => Int, { nullable: true })
  received!: number | null;

  @Field(() => Int, { nullable: true })
  accepted!: number | null;

  @Field(() => Int, { nullable: true })
  declined!: number | null;

  @Field(() => Int, { nullable: true })
  expired!: number | null;

  @Field(() => Float, { nullable: true, description: 'accepted ÷ received, shown only when neither the accepted nor the others are 1–4.' })
  acceptanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from request to answer, shown from 5 answers.' })
  medianResponseHours!: number | null;
}

@ObjectType({ description: 'A rule’s alerts in the region (counts null below 5).' })
export class RuleFigures {
  @Field()
  ruleCode!: string;

  @Field(() => Int, { nullable: true })
  raised!: number | null;

  @Field(() => Int, { nullable: true })
  confirmed!: number | null;

  @Field(() => Int, { nullable: true })
  dismissed!: number | null;
}

@ObjectType({ description: 'A region’s dashboard for its civil-affairs office: what the alliance does there, in numbers no one can be singled out by.' })
export class RegionDashboard {
  @Field({ description: 'The region (and every region under it).' })
  regionCode!: string;

  @Field(() => Int, { description: 'Counts below this are withheld.' })
  minimumCell!: number;

  @Field(() => Int, { nullable: true, description: 'People registered in the region.' })
  people!: number | null;

  @Field(() => Int, { nullable: true })
  households!: number | null;

  @Field(() => [RegionCounts], { description: 'Per district under the region.' })
  byRegion!: RegionCounts[];

  @Field(() => Int, { nullable: true })
  openCases!: number | null;

  @Field(() => [DashboardCount], { description: 'Open cases by how long they have been open: UNDER_7_DAYS, UNDER_30_DAYS, UNDER_90_DAYS, OVER_90_DAYS.' })
  openCasesByAge!: DashboardCount[];

  @Field(() => [DashboardCount], { description: 'Open cases by need (a case counts once per need).' })
  needs!: DashboardCount[];

  @Field(() => [ReceiverFigures])
  referralsByReceiver!: ReceiverFigures[];

  @Field(() => [RuleFigures])
  alertsByRule!: RuleFigures[];

  @Field()
  generatedAt!: Date;
}
