import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsRegionCode, NEED_CODE_PATTERN } from '@zhulian/core';

/** What a reason is about. Its `values` fill the sentence the app shows, e.g. AGE_AT_LEAST ["72", "60"]: "age 72 ≥ 60". */
export enum MatchReasonCode {
  NEED = 'NEED',
  AGE_AT_LEAST = 'AGE_AT_LEAST',
  AGE_AT_MOST = 'AGE_AT_MOST',
  REGION_ELIGIBLE = 'REGION_ELIGIBLE',
  INCOME_PER_PERSON_BELOW = 'INCOME_PER_PERSON_BELOW',
  DOCUMENTS_REQUIRED = 'DOCUMENTS_REQUIRED',
  PLACES = 'PLACES',
  SERVES_AREA = 'SERVES_AREA',
  ACCEPTANCE_RATE = 'ACCEPTANCE_RATE',
  RESPONSE_TIME = 'RESPONSE_TIME',
}

/** MET / NOT_MET: the criterion was checked; NEEDS_CHECKING: it rests on data the caller may not read; INFO: a fact for ranking. */
export enum MatchStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  NEEDS_CHECKING = 'NEEDS_CHECKING',
  INFO = 'INFO',
}

registerEnumType(MatchReasonCode, { name: 'MatchReasonCode' });
registerEnumType(MatchStatus, { name: 'MatchStatus' });

@ObjectType({ description: 'Why a service was suggested (or how it ranks). Never quotes a value you may not read.' })
export class MatchReason {
  @Field(() => MatchReasonCode)
  code!: MatchReasonCode;

  @Field(() => MatchStatus)
  status!: MatchStatus;

  @Field(() => [String], { description: 'The facts of the sentence, in order (e.g. the age and the minimum; the region; places and unit).' })
  values!: string[];
}

@ObjectType({ description: 'A service suggested for a case: eligible (or needing checks), ranked by places, nearness and its record.' })
export class ServiceMatch {
  @Field(() => ID)
  serviceId!: string;

  @Field()
  serviceName!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  organisationName!: string;

  @Field(() => Float, { description: '0–1, higher first.' })
  score!: number;

  @Field(() => Int, { nullable: true, description: 'Places free now; null when the service does not count them.' })
  placesAvailable!: number | null;

  @Field(() => [MatchReason])
  reasons!: MatchReason[];
}

@InputType({ description: 'The facts an intake matches services on, before its case exists: a registered person’s own record, or what you are entering.' })
export class IntakeMatchInput {
  @Field(() => [String], { description: 'Need category codes, at least one.' })
  @ArrayMinSize(1, { message: 'Choose at least one need.' })
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'needs must be need category codes such as ELDERLY_CARE' })
  needs!: string[];

  @Field(() => ID, { nullable: true, description: 'A registered person: their facts as you may read them (the rest is ignored).' })
  @IsOptional()
  @IsUUID('all')
  personId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date of birth as YYYY-MM-DD.' })
  birthDate?: string;

  @Field(() => Int, { nullable: true, description: 'The household’s monthly income in fen (or the person’s, living alone).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  monthlyIncomeCents?: number;

  @Field(() => Int, { nullable: true, description: 'How many live on that income (1 when absent).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  householdSize?: number;
}
