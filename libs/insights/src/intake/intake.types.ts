import { Field, ID, InputType, ObjectType, OmitType, PickType } from '@nestjs/graphql';
import { Case, OpenCaseInput } from '@zhulian/cases';
import { CreateReferralInput, Referral } from '@zhulian/referrals';
import { Consent, ConsentPurpose, Person, RecordConsentInput, RegisterPersonInput } from '@zhulian/registry';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { InsightAlert } from '../alerts/insight-alert.type';

/** How many of each part one intake may carry: a family's worth, not a batch import. */
export const INTAKE_LIMITS = { members: 12, consents: 10, referrals: 10 } as const;

@InputType({ description: 'The person taken in, when not yet registered: registered with the duplicate check, in a household of their own or one you hold.' })
export class IntakePersonInput extends OmitType(RegisterPersonInput, ['idempotencyKey'] as const, InputType) {}

@InputType({ description: 'A further member of the household the intake founds (the person taken in is its head); region and address are theirs.' })
export class IntakeMemberInput extends PickType(RegisterPersonInput,
  ['fullName', 'gender', 'birthDate', 'idDocumentType', 'idNumber', 'phone', 'disability', 'chronicIllness', 'monthlyIncomeCents', 'assistance', 'relationToHead'] as const,
  InputType) {}

@InputType({ description: 'A consent the person gave on the intake’s signed form, to one organisation (for a referral unless said otherwise).' })
export class IntakeConsentInput extends OmitType(RecordConsentInput, ['personId', 'purpose'] as const, InputType) {
  @Field(() => ConsentPurpose, { defaultValue: ConsentPurpose.REFERRAL })
  @IsEnum(ConsentPurpose)
  purpose!: ConsentPurpose;
}

@InputType({ description: 'The case the intake opens: its needs, priority and what the worker learned.' })
export class IntakeCaseInput extends OmitType(OpenCaseInput, ['personId', 'idempotencyKey'] as const, InputType) {}

@InputType({ description: 'A referral the intake sends from the new case: to a service whose organisation the person consented to.' })
export class IntakeReferralInput extends PickType(CreateReferralInput, ['serviceId', 'needs', 'urgency', 'noteForReceiver', 'sharedCategories'] as const, InputType) {}

@InputType({ description: 'One-stop intake (一件事一次办): everything a family needs started at once, all or nothing.' })
export class OneStopIntakeInput {
  @Field({ description: 'Any unique string (8–100 characters) chosen by the client: a retried intake with the same key answers with what the first one did.' })
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey!: string;

  @Field(() => ID, { nullable: true, description: 'The early-warning alert this intake answers: it is taken on (acknowledged) with the case opened.' })
  @IsOptional()
  @IsUUID('all')
  alertId?: string;

  @Field(() => ID, { nullable: true, description: 'A person already registered (from an alert, or found by the duplicate check) — or give `person`.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose the person from the list.' })
  personId?: string;

  @Field(() => IntakePersonInput, { nullable: true, description: 'A person not yet registered — or give `personId`.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntakePersonInput)
  person?: IntakePersonInput;

  @Field(() => [IntakeMemberInput], { nullable: true, description: 'With `person.newHousehold`: the household’s other members.' })
  @IsOptional()
  @ArrayMaxSize(INTAKE_LIMITS.members)
  @ValidateNested({ each: true })
  @Type(() => IntakeMemberInput)
  members?: IntakeMemberInput[];

  @Field(() => [IntakeConsentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(INTAKE_LIMITS.consents)
  @ValidateNested({ each: true })
  @Type(() => IntakeConsentInput)
  consents?: IntakeConsentInput[];

  @Field(() => IntakeCaseInput)
  @ValidateNested()
  @Type(() => IntakeCaseInput)
  case!: IntakeCaseInput;

  @Field(() => [IntakeReferralInput], { nullable: true, description: 'Each goes to a service whose organisation the person consented to (here or before): none is sent without it.' })
  @IsOptional()
  @ArrayMaxSize(INTAKE_LIMITS.referrals)
  @ValidateNested({ each: true })
  @Type(() => IntakeReferralInput)
  referrals?: IntakeReferralInput[];
}

@ObjectType({ description: 'What one intake did, read back as you may see it.' })
export class OneStopIntakePayload {
  @Field(() => ID)
  intakeId!: string;

  @Field({ description: 'true when this answers a retry: the first request with this key did all of it.' })
  replayed!: boolean;

  @Field(() => Person)
  person!: Person;

  @Field(() => [Person], { description: 'The household members registered with the person.' })
  members!: Person[];

  @Field(() => [Consent])
  consents!: Consent[];

  @Field(() => Case, { name: 'case' })
  case!: Case;

  @Field(() => [Referral])
  referrals!: Referral[];

  @Field(() => InsightAlert, { nullable: true })
  alert!: InsightAlert | null;

  @Field(() => [String], { description: 'Things to know that did not stop the intake, e.g. NO_PLACES_LEFT:<serviceId>.' })
  warnings!: string[];
}
