import { z } from 'zod';
import { HsdsService, hsdsServiceSchema, issueCode } from './hsds.schema';

export interface RowProblem {
  path: string;
  code: string;
  message: string;
}

/** Fields without which there is no service: a bad one fails the row. */
const ESSENTIAL = new Set(['id', 'name', 'status']);
/** Inside a list item, the fields the item is about: a bad one drops the item, not only the field. */
const ITEM_CORE = new Set(['id', 'number', 'document', 'location', 'unit', 'available', 'name']);
/** How many rounds of dropping a row may take before it is refused: a row this broken is not data. */
const MAX_ROUNDS = 20;

type Json = Record<string, unknown>;

/**
 * Checks a row against the HSDS schema, dropping what is invalid instead of refusing the row: a bad
 * optional value (a latitude of 100) is left out, a bad list item (a phone without a number) is left out
 * whole; each drop is a warning on the row. Only a bad id, name or status fails the row.
 */
export function parseLeniently(raw: unknown): { data: HsdsService; row: Json; warnings: RowProblem[] } | { errors: RowProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ path: '', code: 'INVALID_TYPE', message: 'A service is a JSON object.' }] };
  }
  let row = structuredClone(raw) as Json;
  const warnings: RowProblem[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = hsdsServiceSchema.safeParse(row);
    if (parsed.success) return { data: withWholeCoordinates(parsed.data, warnings), row, warnings };
    const essential = parsed.error.issues.filter((issue) => issue.path.length <= 1 && ESSENTIAL.has(String(issue.path[0] ?? '')));
    if (essential.length > 0 || parsed.error.issues.some((issue) => issue.path.length === 0)) return { errors: parsed.error.issues.map(problemOf) };
    for (const issue of parsed.error.issues) {
      if (issue.code === 'too_big' && issue.type === 'array') {
        // A list longer than the directory takes: its first items are kept.
        if (truncate(row, issue.path, Number(issue.maximum))) warnings.push({ ...problemOf(issue), message: `Left out beyond the first ${String(issue.maximum)}: ${issue.message}` });
        continue;
      }
      const at = dropPoint(issue.path);
      if (remove(row, at)) warnings.push({ ...problemOf(issue), path: at.join('.'), message: `Left out: ${issue.message}` });
    }
    row = compact(row) as Json;
  }
  return { errors: [{ path: '', code: 'INVALID', message: 'Too many values of this service are invalid.' }] };
}

/** A place is located by both coordinates: when one was left out, the other goes too. */
function withWholeCoordinates(data: HsdsService, warnings: RowProblem[]): HsdsService {
  data.service_at_locations.forEach(({ location }, i) => {
    if ((location.latitude === null) === (location.longitude === null)) return;
    const alone = location.latitude === null ? 'longitude' : 'latitude';
    location[alone] = null;
    warnings.push({ path: `service_at_locations.${i}.location.${alone}`, code: 'COORDINATES_INCOMPLETE', message: 'Left out: a place is located by both latitude and longitude, and the other was invalid.' });
  });
  return data;
}

function problemOf(issue: z.ZodIssue): RowProblem {
  return { path: issue.path.join('.'), code: issueCode(issue), message: issue.message };
}

/** Where to cut: the value itself, or the list item it belongs to when it is what the item is about. */
function dropPoint(path: (string | number)[]): (string | number)[] {
  const last = path[path.length - 1];
  // A list that is too long: cut it back to the items the schema allows (the issue names the list).
  if (typeof last === 'number') return path;
  const itemAt = path.length - 2;
  if (itemAt >= 0 && typeof path[itemAt] === 'number' && ITEM_CORE.has(String(last))) return path.slice(0, itemAt + 1);
  // A capacity's unit is what its count counts: the capacity goes with it.
  const unitAt = path.lastIndexOf('unit');
  if (unitAt > 0 && typeof path[unitAt - 1] === 'number') return path.slice(0, unitAt);
  return path;
}

/** Marks the value at `path` for removal (lists are compacted afterwards, so indices stay valid this round). */
function remove(row: Json, path: (string | number)[]): boolean {
  let node: unknown = row;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path[path.length - 1];
  if (typeof node !== 'object' || node === null || last === undefined) return false;
  if (Array.isArray(node) && typeof last === 'number') {
    if (!(last in node)) return false;
    node[last] = DROPPED;
    return true;
  }
  const holder = node as Record<string, unknown>;
  if (!(String(last) in holder)) return false;
  delete holder[String(last)];
  return true;
}

function truncate(row: Json, path: (string | number)[], maximum: number): boolean {
  let node: unknown = row;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (!Array.isArray(node) || node.length <= maximum) return false;
  node.splice(maximum);
  return true;
}

const DROPPED = Symbol('dropped');

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DROPPED).map(compact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
}
