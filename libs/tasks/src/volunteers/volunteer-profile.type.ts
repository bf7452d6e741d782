import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { maskIdNumber, maskPhone, NotPersonal, Sensitive } from '@zhulian/access';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsRegionCode } from '@zhulian/core';

@ObjectType({ description: 'A weekly time a volunteer is usually free (Beijing time).' })
@InputType('AvailabilityInput')
export class Availability {
  @Field(() => Number, { description: '1 = Monday … 7 = Sunday.' })
  @IsInt()
  @Min(1)
  @Max(7)
  day!: number;

  @Field({ description: 'HH:MM' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter the time as HH:MM.' })
  from!: string;

  @Field({ description: 'HH:MM, after `from`.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter the time as HH:MM.' })
  to!: string;
}

/**
 * A volunteer as the rules let a request see them: the volunteer themself and their group's coordinators
 * everything; an organisation whose task they hold their name, skills and phone; others nothing.
 */
@ObjectType({ description: 'A volunteer: skills, areas, availability, and the checks their volunteer group keeps.' })
export class VolunteerProfile {
  @NotPersonal()
  @Field(() => ID)
  userId!: string;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Sensitive('contact', { mask: maskPhone })
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Sensitive('identity', { mask: maskIdNumber })
  @Field(() => String, { nullable: true })
  idNumber!: string | null;

  @NotPersonal()
  @Field(() => ID, { description: 'The volunteer group that keeps the profile.' })
  organisationId!: string;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true, description: 'Skill codes (see skills).' })
  skills!: string[] | null;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true, description: 'Region codes of the areas served.' })
  areaCodes!: string[] | null;

  @Sensitive('basic')
  @Field(() => [Availability], { nullable: true })
  availability!: Availability[] | null;

  @Sensitive('basic')
  @Field(() => [String], { nullable: true })
  languages!: string[] | null;

  @Sensitive('basic')
  @Field(() => Date, { nullable: true, description: 'When the group checked the volunteer’s identity.' })
  identityCheckedAt!: Date | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true, description: 'Until when (YYYY-MM-DD) the background check for work with children or in homes holds.' })
  backgroundCheckValidUntil!: string | null;

  // Attributes the access rules and the audit trail read; not part of the API.
  /** The record's id for the audit trail: the volunteer's user id. */
  id!: string;
  isMe!: boolean;
  claimsTaskOfMine!: boolean;
  holdsTaskOfMine!: boolean;
  idKeyId!: string | null;
  idSealed!: Buffer | null;
}

@InputType({ description: 'What a volunteer says of themself.' })
export class VolunteerProfileInput {
  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  skills!: string[];

  @Field(() => [String], { description: 'Region codes of the areas served, e.g. 110105.' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsRegionCode({ each: true })
  areaCodes!: string[];

  @Field(() => [Availability])
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => Availability)
  availability!: Availability[];

  @Field(() => [String], { nullable: true, defaultValue: ['zh'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(['zh', 'en', 'yue', 'other'], { each: true, message: 'Choose languages among zh, en, yue, other.' })
  languages?: string[];

  @Field({ nullable: true, description: 'The resident ID number: kept sealed, shown to the group’s coordinators.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;
}

@InputType({ description: 'A volunteer group’s checks of one of its volunteers.' })
export class VerifyVolunteerInput {
  @Field(() => ID)
  @IsUUID('all')
  userId!: string;

  @Field({ description: 'The volunteer’s identity was checked against their ID card.' })
  @IsBoolean()
  identityChecked!: boolean;

  @Field(() => String, { nullable: true, description: 'The background check (for work with children or in homes) holds until this day, YYYY-MM-DD; empty when there is none.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date as YYYY-MM-DD.' })
  backgroundCheckValidUntil?: string;
}
