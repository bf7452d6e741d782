import { parse } from 'csv-parse/browser/esm/sync';

/** Why a chosen file cannot be imported before anything is sent. */
export type SignalFileProblem = 'NOT_CSV' | 'NO_ID_COLUMN' | 'NO_DATE_COLUMN' | 'NO_AMOUNT_COLUMN' | 'NO_ROWS' | 'TOO_MANY_ROWS';

export class SignalFileError extends Error {
  constructor(readonly problem: SignalFileProblem) {
    super(problem);
  }
}

export interface SignalFileRow {
  /** The line in the file (the header is line 1). */
  line: number;
  idNumber: string;
  date: string;
  amountYuan?: string;
}

/** The most rows one file may hold. */
export const MAX_SIGNAL_ROWS = 1_000_000;

// Column names as departments write them, in Chinese or English.
const ID = /^(身份证号码?|公民身份号码|证件号码?|id[ _]?(number|no)?|id_card)$/i;
const DATE = /^(日期|发生日期|结算日期|登记日期|欠费日期|date)$/i;
const AMOUNT = /^(金额|自付金额|个人自付|欠费金额|费用|amount|amount[ _]?yuan)$/i;

/**
 * The rows of a department's CSV file: a header naming the ID-number, date and (for bills and arrears)
 * amount columns in any order, then one row per signal. A byte-order mark, quoted fields and Windows line
 * ends are read as people's files have them. Nothing is checked here but the shape: the API checks each row.
 */
export function rowsOfSignalFile(text: string, needsAmount: boolean): SignalFileRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch {
    throw new SignalFileError('NOT_CSV');
  }
  if (records.length === 0) throw new SignalFileError('NO_ROWS');
  const header = records[0].map((h) => h.trim());
  const column = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
  const [id, date, amount] = [column(ID), column(DATE), column(AMOUNT)];
  if (id < 0) throw new SignalFileError('NO_ID_COLUMN');
  if (date < 0) throw new SignalFileError('NO_DATE_COLUMN');
  if (needsAmount && amount < 0) throw new SignalFileError('NO_AMOUNT_COLUMN');
  const rows = records.slice(1);
  if (rows.length === 0) throw new SignalFileError('NO_ROWS');
  if (rows.length > MAX_SIGNAL_ROWS) throw new SignalFileError('TOO_MANY_ROWS');
  return rows.map((record, i) => ({
    line: i + 2,
    idNumber: (record[id] ?? '').slice(0, 40),
    date: (record[date] ?? '').slice(0, 40),
    ...(amount >= 0 ? { amountYuan: (record[amount] ?? '').slice(0, 40) } : {}),
  }));
}

/** The file's SHA-256 in hexadecimal: the same file is imported once. */
export async function sha256Of(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
