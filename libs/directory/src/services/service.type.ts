import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';

/** HSDS 3.x's service statuses (`active`, `inactive`, `defunct`, `temporarily closed`). */
export enum ServiceStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  DEFUNCT = 'DEFUNCT',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
}

/** RFC 5545 recurrence of a schedule, as HSDS allows it. */
export enum ScheduleFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

registerEnumType(ServiceStatus, { name: 'ServiceStatus', description: 'Whether a service takes people now (HSDS service status).' });
registerEnumType(ScheduleFrequency, { name: 'ScheduleFrequency' });

@ObjectType({ description: 'How many places a service has, kept current by its organisation (HSDS 3.1 service_capacity).' })
export class ServiceCapacity {
  @Field(() => Int, { description: 'Places free now; 0 means the service is full.' })
  available!: number;

  @Field(() => Int, { nullable: true })
  maximum!: number | null;

  @Field({ description: 'What one place is, e.g. 床位, 份/日, 户.' })
  unit!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: 'When `available` was last set.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'When a service is open: an RFC 5545 weekly or monthly rule with opening hours (Beijing time).' })
export class ServiceSchedule {
  @Field(() => ID)
  id!: string;

  @Field(() => ScheduleFrequency, { nullable: true })
  freq!: ScheduleFrequency | null;

  @Field(() => String, { nullable: true, description: 'Days, e.g. `MO,TU,WE,TH,FR`; monthly rules may say `1MO` or `-1FR`.' })
  byday!: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM.' })
  opensAt!: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM.' })
  closesAt!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  // Not part of the API: its service, and the id the schedule had in an imported HSDS file.
  serviceId!: string;
  hsdsId!: string | null;
}

/**
 * Where a service is delivered. Directory data is not personal data, but where a confidential place
 * is (a shelter) is shown only to the organisation that runs it — and, once the referrals lib says so,
 * to organisations whose referral to the service it accepted. Everyone else sees that the place exists
 * (its name and district) and gets null, named in `extensions.access.denied`, for where it is.
 */
@ObjectType({ description: 'A place where a service is delivered. A confidential place’s whereabouts are shown only to those the rules allow.' })
export class ServiceLocation {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @NotPersonal()
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Sensitive('location')
  @Field(() => String, { nullable: true })
  address!: string | null;

  @NotPersonal()
  @Field(() => String, { nullable: true, description: 'The district or street (6- or 9-digit region code).' })
  regionCode!: string | null;

  @Sensitive('location')
  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Sensitive('location')
  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @NotPersonal()
  @Field({ description: 'A place whose whereabouts only its organisation (and those it accepted a referral from) may see, e.g. a shelter.' })
  confidential!: boolean;

  // Attributes the access rules read; not part of the API.
  serviceId!: string;
  organisationId!: string;
  acceptedReferralToMe!: boolean;
  hsdsId!: string | null;
}

/**
 * The staff contacts an HSDS file named for a service (people's names, titles, e-mails and telephones,
 * an address's "for the attention of"), kept only to be given back by the HSDS export. Not in the API:
 * the export checks `contacts` against the rules below (service.rules.ts) and audits each export of it.
 */
export class ServiceStaffContacts {
  @NotPersonal()
  id!: string;

  @Sensitive('contact')
  contacts!: unknown;

  // The attribute the access rules read.
  organisationId!: string;
}

@ObjectType({ description: 'A service an organisation of the alliance offers (shaped after Open Referral HSDS 3.x).' })
export class Service {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  alternateName!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ServiceStatus)
  status!: ServiceStatus;

  @Field(() => [String], { description: 'Need category codes the service answers (see needCategories).' })
  categories!: string[];

  @Field(() => String, { nullable: true, description: 'Who the service is for, in words.' })
  eligibilityDescription!: string | null;

  @Field(() => Int, { nullable: true })
  minimumAge!: number | null;

  @Field(() => Int, { nullable: true })
  maximumAge!: number | null;

  @Field(() => [String], { description: 'Where applicants must live (6- or 9-digit region codes); empty: anywhere.' })
  eligibleRegionCodes!: string[];

  @Field(() => Int, { nullable: true, description: 'The highest monthly income per household member (in fen) that qualifies; null: no income limit.' })
  maxIncomePerPersonCents!: number | null;

  @Field(() => [String], { description: 'Need category codes an applicant must have (any of them); empty: no such condition.' })
  eligibleNeeds!: string[];

  @Field(() => [String], { description: 'Documents to bring, e.g. 身份证.' })
  requiredDocuments!: string[];

  @Field(() => [String], { description: 'Where the service is delivered (6- or 9-digit region codes).' })
  serviceAreaCodes!: string[];

  @Field(() => String, { nullable: true })
  applicationProcess!: string | null;

  @Field(() => String, { nullable: true })
  feesDescription!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'The service’s public telephone number.' })
  phone!: string | null;

  @Field(() => ServiceCapacity, { nullable: true, description: 'Null when the organisation does not track places.' })
  capacity!: ServiceCapacity | null;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  /** Resolved by ServiceResolver, under the location rules. */
  locations?: ServiceLocation[];

  /** Resolved by ServiceResolver. */
  schedules?: ServiceSchedule[];

  @Field(() => String, { nullable: true, description: 'The id the service has in the HSDS file it was imported from.' })
  hsdsId!: string | null;

  @Field(() => Int, { description: 'Changes with every update: send it back to update, so that no one overwrites a change they have not seen.' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
