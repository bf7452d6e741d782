/** Why a chosen file cannot be imported before anything is sent. */
export type HsdsFileProblem = 'NOT_JSON' | 'NO_SERVICES' | 'MIXED';

export class HsdsFileError extends Error {
  constructor(readonly problem: HsdsFileProblem) {
    super(problem);
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The services of an HSDS 3.x JSON file in every shape the standard gives them (as the API reads them):
 * an array of services; an object with `services` (an organization with its services, or a full export);
 * one page of the HSDS API (`contents`); one service object (`/services/{id}`); one service-at-location
 * (its service, delivered at its place).
 */
export function servicesOfHsdsFile(text: string): unknown[] {
  let parsed: unknown;
  try {
    // A file saved by Windows Notepad starts with a byte-order mark that JSON.parse refuses.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new HsdsFileError('NOT_JSON');
  }
  let services: unknown;
  if (Array.isArray(parsed)) services = parsed;
  else if (isObject(parsed)) {
    if (Array.isArray(parsed.services)) services = parsed.services;
    else if (Array.isArray(parsed.contents)) services = parsed.contents;
    else if (isObject(parsed.service) && isObject(parsed.location)) {
      const { service, ...at } = parsed;
      const current = Array.isArray(service.service_at_locations) ? service.service_at_locations : [];
      services = [{ ...service, service_at_locations: [...current, at] }];
    } else if ('id' in parsed && 'name' in parsed) services = [parsed];
  }
  if (!Array.isArray(services) || services.length === 0) throw new HsdsFileError('NO_SERVICES');
  return services;
}

/** HSDS's tabular form: CSV tables (and a datapackage.json) chosen together. */
export function isTableSet(names: string[]): boolean {
  const tabular = names.map((name) => /\.csv$/i.test(name) || name === 'datapackage.json');
  if (tabular.every(Boolean) && names.some((name) => /\.csv$/i.test(name))) return true;
  if (names.length === 1 && !tabular[0]) return false;
  throw new HsdsFileError('MIXED');
}

/**
 * The services in batches of at most `size` and, since the API refuses a request body over 256 KiB, of
 * at most `maxBytes` of JSON each (a service larger than that on its own still goes, alone, and its row fails there).
 */
export function batchesOf(services: unknown[], size = 100, maxBytes = 200_000): unknown[][] {
  const encoder = new TextEncoder();
  const batches: unknown[][] = [];
  let current: unknown[] = [];
  let bytes = 2;
  for (const service of services) {
    const length = encoder.encode(JSON.stringify(service)).length + 1;
    if (current.length > 0 && (current.length >= size || bytes + length > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 2;
    }
    current.push(service);
    bytes += length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface ImportProblem { path: string; code: string; message: string }
export interface ImportRow {
  index: number; hsdsId?: string | null; outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'FAILED'; errors: ImportProblem[]; warnings: ImportProblem[];
}
export interface ImportReport { total: number; created: number; updated: number; unchanged: number; failed: number; rows: ImportRow[]; ignoredTables: string[] }

export const EMPTY_REPORT: ImportReport = { total: 0, created: 0, updated: 0, unchanged: 0, failed: 0, rows: [], ignoredTables: [] };

/** The running tally after one more batch; the batch's rows numbered from `offset`, as in the whole file. */
export function addBatch(tally: ImportReport, batch: ImportReport, offset: number): ImportReport {
  return {
    total: tally.total + batch.total,
    created: tally.created + batch.created,
    updated: tally.updated + batch.updated,
    unchanged: tally.unchanged + batch.unchanged,
    failed: tally.failed + batch.failed,
    rows: [...tally.rows, ...batch.rows.map((r) => ({ ...r, index: r.index + offset }))],
    ignoredTables: [...new Set([...tally.ignoredTables, ...batch.ignoredTables])],
  };
}
