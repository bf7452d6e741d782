import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SignalKind {
  /** A large bill from the medical-insurance bureau (amount: what the person paid themself). */
  MEDICAL_BILL = 'MEDICAL_BILL',
  /** Unpaid water, electricity or heating (amount: what is owed). */
  UTILITY_ARREARS = 'UTILITY_ARREARS',
  /** A disability newly registered with the disabled persons' federation (no amount). */
  DISABILITY_REGISTRATION = 'DISABILITY_REGISTRATION',
}

export enum SignalImportStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
}

/** Why a row of a signal file was not read. The row's ID number is never repeated back. */
export enum SignalRowProblem {
  ID_NUMBER_FORMAT = 'ID_NUMBER_FORMAT',
  ID_NUMBER_CHECK = 'ID_NUMBER_CHECK',
  DATE = 'DATE',
  AMOUNT = 'AMOUNT',
}

registerEnumType(SignalKind, { name: 'SignalKind', description: 'What another department’s file tells about a person.' });
registerEnumType(SignalImportStatus, { name: 'SignalImportStatus' });
registerEnumType(SignalRowProblem, { name: 'SignalRowProblem', description: 'Why a row of a signal file was not read.' });

@ObjectType({ description: 'A row of a signal file that was not read: its line and why (never its content).' })
export class SignalRowIssue {
  @Field(() => Int, { description: 'The line in the file (the header is line 1).' })
  line!: number;

  @Field(() => SignalRowProblem)
  problem!: SignalRowProblem;
}

/**
 * One import of another department's file, as the office that imported it sees it. How many rows matched
 * someone the alliance holds is shown only when both it and the rows that matched no one are at least 5:
 * otherwise a file of one real number among made-up ones would tell whether that person is registered.
 */
@ObjectType({ description: 'An import of another department’s signal file: its progress and what came of it.' })
export class SignalImport {
  @Field(() => ID)
  id!: string;

  @Field(() => SignalKind)
  kind!: SignalKind;

  @Field()
  fileName!: string;

  @Field(() => SignalImportStatus)
  status!: SignalImportStatus;

  @Field(() => Int, { description: 'The rows the file holds (without its header).' })
  rowsExpected!: number;

  @Field(() => Int, { description: 'The rows received so far.' })
  rowsDone!: number;

  @Field(() => Int, { description: 'Rows not read (see `issues`).' })
  invalid!: number;

  @Field(() => Int, { nullable: true, description: 'Rows that matched a person held in your region; null while fewer than 5 matched or fewer than 5 did not.' })
  matched!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of the matched rows, those already known from an earlier file; null when `matched` is.' })
  repeated!: number | null;

  @Field(() => Int, { nullable: true, description: 'Rows that matched no one (their ID numbers were not kept); null when `matched` is.' })
  unmatched!: number | null;

  @Field({ description: 'Whether the matched and unmatched counts are withheld because one of them is below 5.' })
  countsSuppressed!: boolean;

  @Field(() => [SignalRowIssue], { description: 'The first 100 rows not read.' })
  issues!: SignalRowIssue[];

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType({ description: 'The start of an import: the import, and whether this very file was imported before (then nothing is imported again).' })
export class SignalImportStart {
  @Field(() => SignalImport)
  import!: SignalImport;

  @Field()
  alreadyImported!: boolean;
}

@ObjectType({ description: 'What one batch of rows came to. Matches are counted only in the import’s total.' })
export class SignalBatchResult {
  @Field(() => Int)
  rows!: number;

  @Field(() => [SignalRowIssue])
  issues!: SignalRowIssue[];

  @Field(() => Int, { description: 'Rows received so far, this batch included.' })
  rowsDone!: number;
}
