import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsRegionCode, NEED_CODE_PATTERN, PageArgs, SortDirection, Trim } from '@zhulian/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength,
  ValidateNested,
} from 'class-validator';
import { ScheduleFrequency, ServiceStatus } from '../services/service.type';

export const PHONE = /^[0-9+()\- ]{3,40}$/;
export const BYDAY = /^(-?[0-9]?(MO|TU|WE|TH|FR|SA|SU))(,-?[0-9]?(MO|TU|WE|TH|FR|SA|SU))*$/;
export const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Places a capacity may count; beyond it a number is a typing slip. */
export const MAX_PLACES = 1_000_000;
/** A required document's description: the HSDS standard's own example needs 279 characters. */
export const MAX_DOCUMENT_LENGTH = 1000;

@InputType({ description: 'The places a service has. Free places are then kept current with setServiceCapacity.' })
export class ServiceCapacityInput {
  @Field(() => Int, { description: 'Places free now (0: full).' })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  available!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  maximum?: number | null;

  @Field({ description: 'What one place is, e.g. 床位, 份/日, 户.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  unit!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  description?: string | null;
}

@InputType({ description: 'A place where the service is delivered. Give the id of one the service has to keep it; leave it out for a new place.' })
export class ServiceLocationInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'The district or street: a 6- or 9-digit region code, e.g. 110105 or 110105001.' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field({ defaultValue: false, description: 'Only your organisation (and those whose referral you accepted) may see where it is, e.g. a shelter.' })
  @IsBoolean()
  confidential!: boolean;
}

@InputType({ description: 'When the service is open. Give the id of a schedule the service has to keep it.' })
export class ServiceScheduleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field(() => ScheduleFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(ScheduleFrequency)
  freq?: ScheduleFrequency | null;

  @Field(() => String, { nullable: true, description: 'e.g. MO,TU,WE,TH,FR (monthly: 1MO, -1FR).' })
  @IsOptional()
  @Matches(BYDAY, { message: 'Name the days as MO,TU,WE,TH,FR,SA,SU (monthly rules may say 1MO or -1FR).' })
  byday?: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM, Beijing time.' })
  @IsOptional()
  @Matches(CLOCK, { message: 'Write the time as HH:MM, e.g. 08:30.' })
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM, Beijing time.' })
  @IsOptional()
  @Matches(CLOCK, { message: 'Write the time as HH:MM, e.g. 17:30.' })
  closesAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/**
 * A whole service, as its organisation describes it: an update replaces every field, its places and
 * its schedules with what is sent (a field left out is cleared).
 */
@InputType({ isAbstract: true })
export class ServiceInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Give the service a name.' })
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  alternateName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => ServiceStatus, { defaultValue: ServiceStatus.ACTIVE })
  @IsEnum(ServiceStatus)
  status!: ServiceStatus;

  @Field(() => [String], { nullable: true, description: 'Need category codes the service answers (see needCategories).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'Choose categories from the list.' })
  categories?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  eligibilityDescription?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  minimumAge?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  maximumAge?: number | null;

  @Field(() => [String], { nullable: true, description: 'Where applicants must live (6- or 9-digit region codes).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsRegionCode({ each: true })
  eligibleRegionCodes?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The highest monthly income per household member (in fen) that qualifies.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  maxIncomePerPersonCents?: number | null;

  @Field(() => [String], { nullable: true, description: 'Need category codes an applicant must have (any of them).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'Choose needs from the list.' })
  eligibleNeeds?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_DOCUMENT_LENGTH, { each: true })
  requiredDocuments?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Where the service is delivered (6- or 9-digit region codes).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsRegionCode({ each: true })
  serviceAreaCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  applicationProcess?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  feesDescription?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'Enter a web address starting with http:// or https://.' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(254)
  @IsEmail({}, { message: 'Enter a valid e-mail address.' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @Matches(PHONE, { message: 'Enter a telephone number: digits, spaces, +, - and brackets.' })
  phone?: string | null;

  @Field(() => ServiceCapacityInput, { nullable: true, description: 'Leave out when you do not track places.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceCapacityInput)
  capacity?: ServiceCapacityInput | null;

  @Field(() => [ServiceLocationInput], { nullable: true, description: 'Every place of the service (at most 20): places not listed are removed.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ServiceLocationInput)
  locations?: ServiceLocationInput[] | null;

  @Field(() => [ServiceScheduleInput], { nullable: true, description: 'Every opening schedule (at most 20): schedules not listed are removed.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ServiceScheduleInput)
  schedules?: ServiceScheduleInput[] | null;
}

@InputType({ description: 'A new service of the organisation you act for.' })
export class CreateServiceInput extends ServiceInput {
  @Field(() => String, { nullable: true, description: 'Any unique string (8–100 characters) chosen by the client: a retried request with the same key returns the service it created instead of creating a second one.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'The whole service as it should be. Send the version you last read.' })
export class UpdateServiceInput extends ServiceInput {
  @Field(() => ID)
  @IsUUID('all')
  serviceId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType({ description: 'How many places are free now (and, optionally, how many there are).' })
export class SetServiceCapacityInput {
  @Field(() => ID)
  @IsUUID('all')
  serviceId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  available!: number;

  @Field(() => Int, { nullable: true, description: 'Left out: unchanged.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  maximum?: number;

  @Field(() => Int, { nullable: true, description: 'The version you last read: the change is refused if the service changed since. Left out: the count is set regardless.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

@InputType()
export class ServiceFilter {
  @Field(() => String, { nullable: true, description: 'Words of the name (similar spellings match too), the description or the organisation’s name; the name of a need category (老人, elderly) or of a region (朝阳) the service answers or serves.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @Field(() => String, { nullable: true, description: 'A need category code the service answers.' })
  @IsOptional()
  @Matches(NEED_CODE_PATTERN, { message: 'Choose a category from the list.' })
  category?: string;

  @Field(() => String, { nullable: true, description: 'Services delivered in this region (6- or 9-digit code; a service for the whole district, city or province counts).' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @Field(() => ServiceStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceStatus)
  status?: ServiceStatus;

  @Field(() => Boolean, { nullable: true, description: 'true: places are free now; false: full. Services that do not track places match neither.' })
  @IsOptional()
  @IsBoolean()
  hasCapacity?: boolean;
}

export enum ServiceOrderField {
  ADDED = 'ADDED',
  NAME = 'NAME',
  ORGANISATION = 'ORGANISATION',
  PLACES = 'PLACES',
}
registerEnumType(ServiceOrderField, {
  name: 'ServiceOrderField',
  description: 'ADDED: when it was added to the directory. NAME: its name. ORGANISATION: its organisation’s name, then its own. PLACES: places free now (those that do not count places first in ASC).',
});

@InputType()
export class ServiceOrder {
  @Field(() => ServiceOrderField)
  @IsEnum(ServiceOrderField)
  field!: ServiceOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceOrder, { nullable: true, description: 'Default: in the order services were added.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceOrder)
  orderBy?: ServiceOrder;

  @Field(() => ServiceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceFilter)
  filter?: ServiceFilter;
}

@ArgsType()
export class ServicesCountArgs {
  @Field(() => ServiceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceFilter)
  filter?: ServiceFilter;
}
