import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ServiceStatus } from '@zhulian/directory';

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

@ObjectType({
  description: 'A service working in the region (its service area or a place there): its places, as the directory shows them to every member, and the region’s '
    + 'referrals to it over the last 12 months (counts null below 5, or where they would give such a count away).',
})
export class ServiceFigures {
  @Field(() => ID)
  serviceId!: string;

  @Field()
  serviceName!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  @Field(() => ServiceStatus)
  status!: ServiceStatus;

  @Field({ description: 'Whether the organisation keeps count of the service’s places; when not, the places and their use are null.' })
  capacityTracked!: boolean;

  @Field(() => Int, { nullable: true, description: 'Places in all; null when not tracked or when the organisation gives no total.' })
  placesTotal!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places free now; null when not tracked.' })
  placesAvailable!: number | null;

  @Field(() => String, { nullable: true, description: 'What one place is (床位, 份/日, 户).' })
  capacityUnit!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the free places were last counted.' })
  capacityUpdatedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Share of the places taken, (total − free) ÷ total, 0 to 1; null without a total.' })
  use!: number | null;

  @Field(() => Int, { nullable: true, description: 'Referrals of the region’s people to the service over the last 12 months; null where withheld.' })
  referralsReceived!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of those, accepted; null where withheld.' })
  referralsAccepted!: number | null;
}

@ObjectType({ description: 'Confirmed volunteer hours in a month or of a skill: hours shown only where the number of volunteers is (5 or more, or 0).' })
export class VolunteerHoursCell {
  @Field({ description: 'The month (YYYY-MM, Beijing time) or the skill’s code (NONE: tasks naming no skill).' })
  key!: string;

  @Field(() => Float, { nullable: true, description: 'Confirmed hours, to a tenth.' })
  hours!: number | null;

  @Field(() => Int, { nullable: true, description: 'Distinct volunteers who gave them.' })
  volunteers!: number | null;
}

@ObjectType({ description: 'Confirmed volunteer hours of one skill the tasks asked for (a task asking for two counts under both).' })
export class SkillHours extends VolunteerHoursCell {
  @Field(() => String, { nullable: true, description: 'The skill’s name; null for NONE.' })
  nameZh!: string | null;

  @Field(() => String, { nullable: true })
  nameEn!: string | null;
}

@ObjectType({ description: 'Volunteer hours confirmed by the organisations for tasks in the region over the last 12 months (this month and the 11 before it).' })
export class VolunteerHoursFigures {
  @Field({ description: 'The first day counted (the start of the month, Beijing time).' })
  since!: Date;

  @Field(() => Float, { nullable: true, description: 'Confirmed hours in all; null where they would give back a withheld month’s or skill’s.' })
  hours!: number | null;

  @Field(() => Int, { nullable: true, description: 'Distinct volunteers who gave them.' })
  volunteers!: number | null;

  @Field(() => [VolunteerHoursCell], { description: 'Month by month, oldest first, every month present.' })
  byMonth!: VolunteerHoursCell[];

  @Field(() => [SkillHours], { description: 'By the skill the tasks asked for.' })
  bySkill!: SkillHours[];
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

  @Field(() => [ServiceFigures], { description: 'Capacity use per service working in the region, by organisation and name.' })
  services!: ServiceFigures[];

  @Field(() => VolunteerHoursFigures, { description: 'Confirmed volunteer hours in the region.' })
  volunteerHours!: VolunteerHoursFigures;

  @Field()
  generatedAt!: Date;
}
