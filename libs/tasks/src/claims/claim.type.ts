import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

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

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

@ObjectType({ description: 'A volunteer’s claim on a task: holding a place, waiting for approval, or on the waitlist.' })
export class TaskClaim {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  volunteerId!: string;

  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field(() => Int, { nullable: true, description: 'Place on the waitlist (1 = next), while waitlisted.' })
  waitlistPosition!: number | null;

  @Field(() => Date, { nullable: true, description: 'An offered place passes to the next volunteer if not confirmed by then.' })
  offeredUntil!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was declined, cancelled or given up.' })
  reason!: string | null;

  @Field(() => Date, { nullable: true })
  checkedInAt!: Date | null;

  @Field(() => Date, { nullable: true })
  checkedOutAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Minutes worked: counted from check-in to check-out, or as the organisation corrected them.' })
  minutes!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the organisation confirmed the hours: only confirmed hours count.' })
  hoursConfirmedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The volunteer’s short report on the task.' })
  report!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true, description: 'The last reminder sent for this claim: DAY (the day before) or HOUR (the hour before).' })
  reminder!: string | null;
}

@InputType({ description: 'Checking out of a task, with a short report.' })
export class CheckOutInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(2000)
  report?: string;
}

@InputType({ description: 'The organisation confirms a volunteer’s hours, correcting them if needed.' })
export class ConfirmHoursInput {
  @Field(() => ID)
  @IsUUID('all')
  claimId!: string;

  @Field(() => Int, { nullable: true, description: 'The minutes to confirm, when they differ from those counted.' })
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
  @trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
