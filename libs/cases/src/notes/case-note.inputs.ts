import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@zhulian/core';
import { CaseNoteVisibility } from './case-note.type';

@InputType({ description: 'A new entry in a case’s notes, or a correction of an earlier one (which keeps its text).' })
export class AddCaseNoteInput {
  @Field(() => ID)
  @IsUUID('all')
  caseId!: string;

  @Field({ description: 'What to record (1–10,000 characters).' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Write the note.' })
  @MaxLength(10000)
  body!: string;

  @Field(() => CaseNoteVisibility, { nullable: true, description: 'Who may read it; a correction has the visibility of what it corrects. Default: CASE_TEAM.' })
  @IsOptional()
  @IsEnum(CaseNoteVisibility)
  visibility?: CaseNoteVisibility;

  @Field(() => ID, { nullable: true, description: 'Correct an earlier entry of yours: it stays as written, marked as corrected by this one.' })
  @IsOptional()
  @IsUUID('all')
  correctsId?: string;

  @Field({ nullable: true, description: 'Any unique string (8–100 characters): a retried request with the same key returns the entry it added.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;
}
