import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SignalKind } from '../signals/signal-import.type';

/** Rows a batch carries at most. */
export const MAX_BATCH_ROWS = 2000;

@InputType({ description: 'Start importing a signal file: what it is, its name, its SHA-256 and how many rows it holds.' })
export class StartSignalImportInput {
  @Field(() => SignalKind)
  @IsEnum(SignalKind)
  kind!: SignalKind;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fileName!: string;

  @Field({ description: 'The file’s SHA-256, 64 hexadecimal digits: the same file is imported once.' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal digits' })
  sha256!: string;

  @Field(() => Int, { description: 'Its rows, without the header.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rows!: number;
}

@InputType({ description: 'One row of a signal file, as the file says it: checked row by row (a bad row is reported, not the batch refused).' })
export class SignalRowInput {
  @Field(() => Int, { description: 'Its line in the file (the header is line 1).' })
  @IsInt()
  @Min(2)
  @Max(1_000_001)
  line!: number;

  @Field()
  @IsString()
  @MaxLength(40)
  idNumber!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsString()
  @MaxLength(40)
  date!: string;

  @Field({ nullable: true, description: 'In yuan, e.g. 12345.60 (none for a disability registration).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  amountYuan?: string;
}

@InputType()
export class AddSignalRowsInput {
  @Field(() => ID)
  @IsUUID('all')
  importId!: string;

  @Field(() => [SignalRowInput], { description: `At most ${MAX_BATCH_ROWS} rows, in file order; a batch is known by its first line (sent twice, counted once).` })
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  @Type(() => SignalRowInput)
  rows!: SignalRowInput[];
}
