import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsRegionCode, PageArgs, Trim } from '@zhulian/core';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { AlertStatus, DismissReason } from '../alerts/insight-alert.type';
import { AlertSeverity } from '../rules/insight-rule.type';

@InputType({ description: 'Which alerts: every condition given must hold.' })
export class InsightAlertFilter {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{2,59}$/, { message: 'ruleCode must be a rule code such as LOW_INCOME_NO_DIBAO' })
  ruleCode?: string;

  @Field(() => [AlertSeverity], { nullable: true })
  @IsOptional()
  @IsEnum(AlertSeverity, { each: true })
  severity?: AlertSeverity[];

  @Field(() => [AlertStatus], { nullable: true })
  @IsOptional()
  @IsEnum(AlertStatus, { each: true })
  status?: AlertStatus[];

  @Field({ nullable: true, description: 'A region code: alerts in it or in the regions under it.' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @Field({ nullable: true, description: 'Live alerts only (the default), or only those whose condition stopped (false).' })
  @IsOptional()
  @IsBoolean()
  live?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  personId?: string;
}

@ArgsType()
export class InsightAlertsArgs extends PageArgs {
  @Field(() => InsightAlertFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InsightAlertFilter)
  filter?: InsightAlertFilter;
}

@ArgsType()
export class InsightAlertsCountArgs {
  @Field(() => InsightAlertFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InsightAlertFilter)
  filter?: InsightAlertFilter;
}

@InputType()
export class AcknowledgeInsightAlertInput {
  @Field(() => ID)
  @IsUUID('all')
  alertId!: string;

  @Field(() => Int, { description: 'The version you read: someone else’s decision since then is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field({ nullable: true, description: 'What you will do (kept with the decision, read by your organisation’s coordinators).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType()
export class DismissInsightAlertInput {
  @Field(() => ID)
  @IsUUID('all')
  alertId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => DismissReason)
  @IsEnum(DismissReason)
  reasonCode!: DismissReason;

  @Field({ nullable: true, description: 'Required with OTHER.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reasonText?: string;
}
