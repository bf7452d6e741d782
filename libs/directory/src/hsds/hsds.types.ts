import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MAX_BODY_BYTES } from '@zhulian/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

/** Files one tabular import takes: HSDS 3.0 names 22 tables and a datapackage.json; room for 3.1's and a profile's own. */
export const MAX_IMPORT_FILES = 40;

/** Services one import call takes: a larger file is sent in batches (the web app shows their progress). */
export const MAX_IMPORT_ROWS = 200;

export enum HsdsImportOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}
registerEnumType(HsdsImportOutcome, { name: 'HsdsImportOutcome' });

@ObjectType({ description: 'Why a row of an HSDS import was refused.' })
export class HsdsImportProblem {
  @Field({ description: 'Where in the row, in HSDS terms, e.g. `service_at_locations.0.location.latitude`.' })
  path!: string;

  @Field({ description: 'A stable code, e.g. REQUIRED, TOO_LONG, INVALID_FORMAT, UNKNOWN_NEED, REGION_CODE_UNKNOWN, AGE_RANGE, CAPACITY_ABOVE_MAXIMUM, DUPLICATE_ID.' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'What became of one service of the batch.' })
export class HsdsImportRow {
  @Field(() => Int, { description: 'The service’s position in the batch, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'The service’s id in the file.' })
  hsdsId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The directory’s service (none for a failed row, or a row a dry run would create).' })
  serviceId!: string | null;

  @Field(() => HsdsImportOutcome)
  outcome!: HsdsImportOutcome;

  @Field(() => [HsdsImportProblem])
  errors!: HsdsImportProblem[];

  @Field(() => [HsdsImportProblem], { description: 'Values left out of a row that was imported (an invalid latitude, a phone without a number), each with why.' })
  warnings!: HsdsImportProblem[];
}

@ObjectType({ description: 'The outcome of one import batch: valid rows are written even when others fail.' })
export class HsdsImportReport {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  failed!: number;

  @Field({ description: 'Nothing was written: the counts say what the import would do.' })
  dryRun!: boolean;

  @Field(() => [HsdsImportRow])
  rows!: HsdsImportRow[];

  @Field(() => [String], { description: 'Tables (or members of a JSON object) of the file that the directory does not read, e.g. organization_identifier.csv, datapackage.json.' })
  ignoredTables!: string[];
}

@ObjectType({ description: 'One table of HSDS’s tabular (CSV) form.' })
export class HsdsCsvFile {
  @Field({ description: 'The file name HSDS gives the table, e.g. services.csv.' })
  name!: string;

  @Field({ description: 'UTF-8 CSV with a header row.' })
  csv!: string;
}

@InputType({ description: 'One table of HSDS’s tabular (CSV) form, named as HSDS names it (service.csv or services.csv, location.csv, …); a datapackage.json may come along and is listed as ignored.' })
export class HsdsCsvFileInput {
  @Field()
  @Matches(/^([a-z_]{1,40}\.csv|datapackage\.json)$/, { message: 'Name the table as HSDS does, e.g. service.csv (or datapackage.json).' })
  name!: string;

  @Field()
  @IsString()
  @MaxLength(MAX_BODY_BYTES)
  csv!: string;
}

@ArgsType()
export class ImportHsdsArgs {
  @Field({ description: `HSDS 3.x JSON: one service object (as the HSDS API answers /services/{id}), an organization with its \`services\`, one service-at-location, an array of service objects, or a page of the HSDS API (\`contents\`); at most ${MAX_IMPORT_ROWS} services. The request body may not exceed 256 KiB: send a larger file in batches, each answered with its own report.` })
  @IsString()
  @MaxLength(MAX_BODY_BYTES)
  json!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Check and report without writing anything.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ArgsType()
export class ImportHsdsCsvArgs {
  @Field(() => [HsdsCsvFileInput], { description: `HSDS tables (services.csv and those that refer to its services); at most ${MAX_IMPORT_ROWS} services and 256 KiB a request: send a larger set in batches.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_FILES)
  @ValidateNested({ each: true })
  @Type(() => HsdsCsvFileInput)
  files!: HsdsCsvFileInput[];

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Check and report without writing anything.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ArgsType()
export class ExportHsdsArgs {
  @Field(() => ID, { nullable: true, description: 'Whose services; yours when left out.' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}
