import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { NEED_CODE_PATTERN, PageArgs, SortDirection, Trim } from '@zhulian/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CaseOutcome, CasePriority, CaseStatus } from '../cases/case.type';

@InputType()
export class OpenCaseInput {
  @Field(() => ID)
  @IsUUID('all')
  personId!: string;

  @Field(() => [String], { description: 'Need category codes (see needCategories), at least one.' })
  @ArrayMinSize(1, { message: 'Choose at least one need.' })
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'Choose needs from the list.' })
  needs!: string[];

  @Field(() => CasePriority, { defaultValue: CasePriority.NORMAL })
  @IsEnum(CasePriority)
  priority!: CasePriority;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  summary?: string;

  @Field({ nullable: true, description: 'The case’s first note entry, read by all who work the case (see addCaseNote for later ones).' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;

  @Field({ nullable: true, description: 'Any unique string (8–100 characters) chosen by the client: a retried request with the same key returns the case it created instead of opening a second one.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;
}

@InputType({ description: 'Change a case’s needs, priority or summary. Send the version you last read. (Notes: addCaseNote.)' })
export class UpdateCaseInput {
  @Field(() => ID)
  @IsUUID('all')
  caseId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'Choose at least one need.' })
  @ArrayMaxSize(10)
  @Matches(NEED_CODE_PATTERN, { each: true, message: 'Choose needs from the list.' })
  needs?: string[];

  @Field(() => CasePriority, { nullable: true })
  @IsOptional()
  @IsEnum(CasePriority)
  priority?: CasePriority;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  summary?: string;

  @Field({ nullable: true, deprecationReason: 'Notes are entries: use addCaseNote. A text sent here is added as a new entry for the whole team; it no longer replaces anything.' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;
}

@InputType()
export class AssignCaseInput {
  @Field(() => ID)
  @IsUUID('all')
  caseId!: string;

  @Field(() => ID, { description: 'The caseworker to assign: of your organisation, or of another one the person consented to for case management.' })
  @IsUUID('all')
  userId!: string;

  @Field(() => ID, { nullable: true, description: 'Reassign: the caseworker whose assignment this one replaces.' })
  @IsOptional()
  @IsUUID('all')
  replacesUserId?: string;
}

@InputType()
export class UnassignCaseInput {
  @Field(() => ID)
  @IsUUID('all')
  caseId!: string;

  @Field(() => ID)
  @IsUUID('all')
  userId!: string;
}

@InputType()
export class SetCaseStatusInput {
  @Field(() => ID)
  @IsUUID('all')
  caseId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => CaseStatus)
  @IsEnum(CaseStatus)
  status!: CaseStatus;

  @Field(() => CaseOutcome, { nullable: true, description: 'Required to close a case.' })
  @IsOptional()
  @IsEnum(CaseOutcome)
  outcome?: CaseOutcome;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  outcomeNote?: string;
}

@InputType()
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true })
  @IsOptional()
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[];

  @Field({ nullable: true, description: 'Only the cases you are assigned to.' })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean;

  @Field({ nullable: true, description: 'Only the cases nobody is assigned to now (who is assigned is a basic fact of a case).' })
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  personId?: string;

  @Field({ nullable: true, description: 'A need category code.' })
  @IsOptional()
  @Matches(NEED_CODE_PATTERN)
  need?: string;

  @Field({ nullable: true, description: 'Part of a case number, e.g. 2026-0042 or 建外-2026.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  caseNumber?: string;
}

export enum CaseOrderField {
  OPENED = 'OPENED',
  NUMBER = 'NUMBER',
  PRIORITY = 'PRIORITY',
  STATUS = 'STATUS',
}
registerEnumType(CaseOrderField, {
  name: 'CaseOrderField',
  description: 'Basic facts of a case, which everyone who may see a case may read. OPENED: when it was opened. NUMBER: its case number. PRIORITY: LOW to URGENT, then when opened. STATUS: OPEN, IN_PROGRESS, ON_HOLD, CLOSED, then when opened.',
});

@InputType()
export class CaseOrder {
  @Field(() => CaseOrderField)
  @IsEnum(CaseOrderField)
  field!: CaseOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseOrder, { nullable: true, description: 'Default: newest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseOrder)
  orderBy?: CaseOrder;

  @Field(() => CaseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseFilter)
  filter?: CaseFilter;
}

@ArgsType()
export class CasesCountArgs {
  @Field(() => CaseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseFilter)
  filter?: CaseFilter;
}
