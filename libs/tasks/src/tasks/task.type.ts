import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsRegionCode, Trim } from '@zhulian/core';

export enum TaskStatus {
  OPEN = 'OPEN',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

const CATEGORIES = ['basic', 'contact', 'location'];

/**
 * A service task an organisation posts for volunteers. It carries nothing personal of the person served —
 * a district, not an address; who it is for shows only to volunteers holding it, as far as it discloses.
 */
@ObjectType({ description: 'A volunteer service task: what, where (a district), when, how many volunteers.' })
export class Task {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'Skill codes the task needs (any of them).' })
  skills!: string[];

  @Field({ description: 'The district or street where the task is done (6- or 9-digit region code) — never an address.' })
  regionCode!: string;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field(() => Int, { description: 'How many volunteers it needs.' })
  slots!: number;

  @Field(() => Int, { description: 'Places held by volunteers (or waiting for approval or confirmation).' })
  placesTaken!: number;

  @Field(() => Int, { description: 'Volunteers waiting for a place.' })
  waitlistLength!: number;

  @Field()
  needsApproval!: boolean;

  @Field({ description: 'Involves a minor: only an identity-checked volunteer with a background check in force may claim it.' })
  involvesMinor!: boolean;

  @Field({ description: 'A visit in someone’s home: only an identity-checked volunteer with a background check in force may claim it.' })
  homeVisit!: boolean;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => String, { nullable: true })
  cancelledReason!: string | null;

  @Field(() => [String], { description: 'What the task discloses of the person served to a volunteer holding it (categories).' })
  discloses!: string[];

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field({ description: 'A place was given up and nobody waits in line for it: the organisation should find cover.' })
  needsCover!: boolean;

  @Field({ description: 'The task’s organisation asked you to cover a free place.' })
  coverAskedOfMe!: boolean;

  // Attributes the rules read; not part of the API.
  personId!: string | null;
  caseId!: string | null;
  referralId!: string | null;
  claimedByMe!: boolean;
}

@InputType({ description: 'A task to post. With a case or an accepted referral, it may disclose some of the person’s data to volunteers holding it — within what you may read.' })
export class PostTaskInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  skills!: string[];

  @Field({ description: 'The district or street, a 6- or 9-digit region code (e.g. 110105, 110105001).' })
  @IsRegionCode()
  regionCode!: string;

  @Field()
  @Type(() => Date)
  @IsDate()
  startsAt!: Date;

  @Field()
  @Type(() => Date)
  @IsDate()
  endsAt!: Date;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  slots!: number;

  @Field({ defaultValue: false })
  @IsBoolean()
  needsApproval!: boolean;

  @Field({ defaultValue: false })
  @IsBoolean()
  involvesMinor!: boolean;

  @Field({ defaultValue: false })
  @IsBoolean()
  homeVisit!: boolean;

  @Field(() => ID, { nullable: true, description: 'The case the task serves (its person).' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @Field(() => ID, { nullable: true, description: 'Or: a referral your organisation accepted, whose person the task serves.' })
  @IsOptional()
  @IsUUID('all')
  referralId?: string;

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'What a volunteer holding it sees of the person: basic (given name), contact (phone, from the day of the task), location (the address, during the task).' })
  @IsOptional()
  @IsArray()
  @IsIn(CATEGORIES, { each: true, message: 'A task discloses basic, contact or location data only.' })
  discloses?: string[];

  @Field({ nullable: true, description: 'Any unique string chosen by the client: a retried request returns the task it posted.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;
}

@InputType()
export class CancelTaskInput {
  @Field(() => ID)
  @IsUUID('all')
  taskId!: string;

  @Field({ description: 'Why: the volunteers who claimed it read this.' })
  @Trim()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

@InputType({ description: 'Which open tasks a volunteer sees: by default those that fit their skills and areas.' })
export class TaskBoardFilter {
  @Field({ nullable: true, defaultValue: true, description: 'Only tasks needing a skill I have (or none).' })
  @IsOptional()
  @IsBoolean()
  fitsMySkills?: boolean;

  @Field({ nullable: true, defaultValue: true, description: 'Only tasks in the areas I serve.' })
  @IsOptional()
  @IsBoolean()
  nearMe?: boolean;

  @Field({ nullable: true, defaultValue: false, description: 'Only tasks within the times I said I am usually free.' })
  @IsOptional()
  @IsBoolean()
  whenIAmFree?: boolean;

  @Field({ nullable: true, defaultValue: false, description: 'Only tasks of the next seven days.' })
  @IsOptional()
  @IsBoolean()
  thisWeek?: boolean;

  @Field({ nullable: true, defaultValue: false, description: 'Only tasks whose organisation asked you to cover a free place (and you have not claimed).' })
  @IsOptional()
  @IsBoolean()
  askedMe?: boolean;
}

@InputType({ description: 'Changes to an open task that has not started: only the fields given change. Its volunteers keep their places.' })
export class EditTaskInput {
  @Field(() => ID)
  @IsUUID('all')
  taskId!: string;

  @Field(() => Int, { description: 'The version you edited: a task changed since is refused (STALE_TASK), so nobody’s change is lost.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  title?: string;

  @Field(() => String, { nullable: true, description: 'An empty text removes the description.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  skills?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  startsAt?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  endsAt?: Date;

  @Field(() => Int, { nullable: true, description: 'More places go to the waitlist in order; fewer than are taken is refused.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  slots?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  needsApproval?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  involvesMinor?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  homeVisit?: boolean;
}
