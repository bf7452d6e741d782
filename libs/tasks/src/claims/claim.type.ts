import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '@zhulian/core';

export enum ClaimStatus {
  /** Holds a place until the task's organisation approves it. */
  PENDING = 'PENDING',
  HELD = 'HELD',
  WAITLISTED = 'WAITLISTED',
  /** A place freed up and is offered to this volunteer, who must confirm it in time. */
  OFFERED = 'OFFERED',
  RELEASED = 'RELEASED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  NO_SHOW = 'NO_SHOW',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ClaimStatus, { name: 'ClaimStatus' });

@ObjectType({ description: 'Where a volunteer was when checking in or out, as their device told it (rounded to about 11 metres).' })
export class CheckPlace {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Int, { nullable: true, description: 'How accurate the device said the position was, in metres.' })
  accuracyMeters!: number | null;
}

/**
 * A claim as the rules let a request see it. Who sees a claim at all is decided in SQL (the volunteer their
 * own; the task's organisation's staff every claim on its tasks); the volunteer's report and where they checked
 * in and out are personal data under the claim rules (claim.rules.ts).
 */
@ObjectType({ description: 'A volunteer’s claim on a task: holding a place, waiting for approval, or on the waitlist.' })
export class TaskClaim {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @NotPersonal()
  @Field(() => ID)
  taskId!: string;

  @NotPersonal()
  @Field(() => ID)
  volunteerId!: string;

  @NotPersonal()
  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @NotPersonal()
  @Field(() => Int, { nullable: true, description: 'Place on the waitlist (1 = next), while waitlisted.' })
  waitlistPosition!: number | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true, description: 'An offered place passes to the next volunteer if not confirmed by then.' })
  offeredUntil!: Date | null;

  @NotPersonal()
  @Field(() => String, { nullable: true, description: 'Why it was declined, cancelled or given up (checked to name no one).' })
  reason!: string | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  checkedInAt!: Date | null;

  @Sensitive('location')
  @Field(() => CheckPlace, { nullable: true, description: 'Where the volunteer checked in, if they chose to say.' })
  checkInPlace!: CheckPlace | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true })
  checkedOutAt!: Date | null;

  @Sensitive('location')
  @Field(() => CheckPlace, { nullable: true, description: 'Where the volunteer checked out, if they chose to say.' })
  checkOutPlace!: CheckPlace | null;

  @NotPersonal()
  @Field(() => Int, { nullable: true, description: 'Minutes worked: counted from check-in to check-out, or as the organisation corrected them.' })
  minutes!: number | null;

  @NotPersonal()
  @Field(() => Date, { nullable: true, description: 'When the organisation confirmed the hours: only confirmed hours count.' })
  hoursConfirmedAt!: Date | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'The volunteer’s short report on the task (it may say how the person served was).' })
  report!: string | null;

  @NotPersonal()
  @Field()
  createdAt!: Date;

  @NotPersonal()
  @Field(() => Int)
  version!: number;

  @NotPersonal()
  @Field(() => String, { nullable: true, description: 'The last reminder sent for this claim: DAY (the day before) or HOUR (the hour before).' })
  reminder!: string | null;

  /** Resolved by ClaimResolver: the task, under the task rules. */
  @NotPersonal()
  task?: unknown;

  /** Resolved by ClaimResolver: the volunteer, under the volunteer profile rules. */
  @NotPersonal()
  volunteer?: unknown;

  // An attribute the claim rules read; not part of the API.
  /** The organisation that runs the claim's task. */
  taskOrganisationId!: string;
}

@InputType({ description: 'Where you are, from your device: sent only if you choose to.' })
export class CheckPlaceInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude!: number;

  @Field(() => Float, { nullable: true, description: 'How accurate the position is, in metres, as the device said.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  accuracyMeters?: number;
}

@InputType({ description: 'Checking in to a task, optionally saying where you are.' })
export class CheckInInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field(() => CheckPlaceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CheckPlaceInput)
  place?: CheckPlaceInput;
}

@InputType({ description: 'Checking out of a task, with a short report.' })
export class CheckOutInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  report?: string;

  @Field(() => CheckPlaceInput, { nullable: true, description: 'Where you are, if you choose to say.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CheckPlaceInput)
  place?: CheckPlaceInput;
}

@InputType({ description: 'The organisation confirms a volunteer’s hours, correcting them if needed.' })
export class ConfirmHoursInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field(() => Int, { nullable: true, description: 'The minutes to confirm, when they differ from those counted; required for a volunteer who did not check in.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  minutes?: number;
}

@ObjectType({ description: 'A volunteer’s hours: confirmed ones count; the others wait for the organisation.' })
export class VolunteerHours {
  @Field(() => Int)
  confirmedMinutes!: number;

  @Field(() => Int)
  awaitingConfirmationMinutes!: number;

  @Field(() => Int)
  tasksCompleted!: number;
}

@ObjectType({ description: 'A statement of a volunteer’s confirmed hours, as groups hand to schools and employers.' })
export class HoursStatement {
  @Field()
  filename!: string;

  @Field({ description: 'UTF-8 CSV with a byte-order mark.' })
  csv!: string;

  @Field(() => Int)
  confirmedMinutes!: number;
}

@InputType()
export class ClaimTaskInput {
  @Field(() => ID)
  @IsUUID('all')
  taskId!: string;

  @Field({ nullable: true, description: 'Any unique string chosen by the client: a retried claim counts once.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;
}

@InputType({ description: 'A claim and, where needed, why (a decline, giving up a place).' })
export class ClaimDecisionInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
