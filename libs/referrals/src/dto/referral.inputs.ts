import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { NEED_CODE_PATTERN, PageArgs, SortDirection, Trim } from '@zhulian/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ReferralStatus } from '../referrals/referral-moves';
import { ReferralOutcome, ReferralReason, ReferralUrgency } from '../referrals/referral.type';

const CATEGORIES = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];

@InputType()
export class CreateReferralInput {
  @Field(() => ID, { description: 'The case whose person is referred.' })
  @IsUUID('all')
  caseId!: string;

  @Field(() => ID, { description: 'The service referred to; its organisation receives the referral.' })
  @IsUUID('all')
  serviceId!: string;

  @Field(() => [String], { nullable: true, description: 'Need category codes; the case’s needs when absent.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'Choose needs from the list.' })
  needs?: string[];

  @Field(() => ReferralUrgency, { defaultValue: ReferralUrgency.NORMAL })
  @IsEnum(ReferralUrgency)
  urgency!: ReferralUrgency;

  @Field({ nullable: true, description: 'What the receiver should know before accepting. Do not name the person here.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  noteForReceiver?: string;

  @Field(() => [String], { defaultValue: ['basic', 'contact'], description: 'The categories of the person’s data to share once accepted: the consent must cover them.' })
  @ArrayMinSize(1)
  @IsIn(CATEGORIES, { each: true, message: 'Choose categories from the list.' })
  sharedCategories!: string[];

  @Field({ nullable: true, description: 'Coordinators only: why this must be sent without the person’s consent (shown to the receiver, audited).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(10, { message: 'Write down why this cannot wait for the person’s consent (at least 10 characters).' })
  @MaxLength(1000)
  overrideReason?: string;

  @Field({ defaultValue: true, description: 'false: keep it as a draft, not yet sent.' })
  @IsBoolean()
  send!: boolean;

  @Field({ nullable: true, description: 'A retried request with the same key returns the referral it created.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;
}

@InputType({ description: 'Move a referral to another state (see ReferralStatus for the moves and who makes them).' })
export class MoveReferralInput {
  @Field(() => ID)
  @IsUUID('all')
  referralId!: string;

  @Field(() => ReferralStatus)
  @IsEnum(ReferralStatus)
  status!: ReferralStatus;

  @Field(() => Int, { nullable: true, description: 'The version you last read: refused (CONFLICT) if it changed since.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @Field(() => ReferralReason, { nullable: true, description: 'Required to decline, cancel, hold or fail.' })
  @IsOptional()
  @IsEnum(ReferralReason)
  reasonCode?: ReferralReason;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  reasonText?: string;

  @Field(() => ReferralOutcome, { nullable: true, description: 'Required to complete.' })
  @IsOptional()
  @IsEnum(ReferralOutcome)
  outcome?: ReferralOutcome;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  outcomeNote?: string;

  @Field({ nullable: true, description: 'Sending a draft without consent: a coordinator’s reason.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  overrideReason?: string;
}

@InputType()
export class RouteReferralInput {
  @Field(() => ID)
  @IsUUID('all')
  referralId!: string;

  @Field(() => ID, { description: 'A caseworker (or coordinator, staff) of your organisation.' })
  @IsUUID('all')
  userId!: string;
}

export enum ReferralDirection {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'SENT: referrals your organisation sent; RECEIVED: its inbox.' });

@InputType()
export class ReferralFilter {
  @Field(() => ReferralDirection, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;

  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ReferralStatus, { each: true })
  status?: ReferralStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @Field({ nullable: true, description: 'Only those escalated for want of an answer.' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;

  @Field({ nullable: true, description: 'Only those routed to you.' })
  @IsOptional()
  @IsBoolean()
  routedToMe?: boolean;

  @Field({ nullable: true, description: 'Only those that came back: declined, or expired unanswered (not those withdrawn by their sender).' })
  @IsOptional()
  @IsBoolean()
  cameBack?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only those sent to this organisation.' })
  @IsOptional()
  @IsUUID('all')
  receiverOrganisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Only those sent by this organisation.' })
  @IsOptional()
  @IsUUID('all')
  senderOrganisationId?: string;

  @Field({ nullable: true, description: 'Part of the service’s name, of the sending or receiving organisation’s name, or (where you may read which case a referral belongs to) of its case number.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}

export enum ReferralOrderField {
  NEEDS_ANSWER = 'NEEDS_ANSWER',
  SENT = 'SENT',
  URGENCY = 'URGENCY',
  STATUS = 'STATUS',
  SERVICE = 'SERVICE',
}
registerEnumType(ReferralOrderField, {
  name: 'ReferralOrderField',
  description: 'Basic facts of a referral, which everyone who may see it may read. NEEDS_ANSWER (ASC: the inbox’s order): those awaiting an answer first, the most urgent first, then the oldest request (the soonest deadline: an inbox’s deadlines all run from the request). '
    + 'SENT: when requested (a draft: when written). URGENCY: URGENT to LOW in DESC, then when sent. STATUS: along the lifecycle, then when sent. SERVICE: the service’s name.',
});

@InputType()
export class ReferralOrder {
  @Field(() => ReferralOrderField)
  @IsEnum(ReferralOrderField)
  field!: ReferralOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralOrder, { nullable: true, description: 'Default: the inbox (filter.direction RECEIVED) by NEEDS_ANSWER ascending; anything else newest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralOrder)
  orderBy?: ReferralOrder;

  @Field(() => ReferralFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralFilter)
  filter?: ReferralFilter;
}

@ArgsType()
export class ReferralsCountArgs {
  @Field(() => ReferralFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralFilter)
  filter?: ReferralFilter;
}
