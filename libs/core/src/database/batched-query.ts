import { EntityManager } from 'typeorm';
import { queryPrepared } from './prepared-query';

/** How many reads one statement answers at most. */
const MOST_IN_ONE = 16;
const BATCH = 'zhulian_batch';
const ORDER = 'zhulian_order';

interface Waiting {
  values: unknown[];
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: unknown) => void;
}

/** Reads waiting for the next turn of the event loop: by connection pool (manager), then by statement text. */
const waiting = new Map<EntityManager, Map<string, Waiting[]>>();
let scheduled = false;

/**
 * Runs a read, answering in one statement the reads of the same text that arrive in the same turn of the
 * event loop (different actors, different values): the rule-compiled reads an event makes for each of its
 * recipients, the session checks and reads of requests that come in together. Each keeps its own values, rules and rows; the statement
 * is `SELECT 0, …, q.* FROM (read 0) q UNION ALL SELECT 1, …` — one round trip and one plan instead of
 * many. Inside a transaction, and for anything but a plain SELECT, the read runs on its own. If the joint
 * statement fails, each read is run on its own, so that one read's bad value cannot fail the others.
 */
export function queryBatched<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (manager.queryRunner || !batchable(text)) return queryPrepared<T>(manager, text, values);
  return new Promise<T[]>((resolve, reject) => {
    let byText = waiting.get(manager);
    if (!byText) waiting.set(manager, (byText = new Map()));
    const calls = byText.get(text) ?? [];
    calls.push({ values, resolve: resolve as (rows: Record<string, unknown>[]) => void, reject });
    byText.set(text, calls);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

/** A plain SELECT whose only `$` are its numbered parameters (so that renumbering them cannot touch anything else). */
function batchable(text: string): boolean {
  return /^\s*SELECT\b/i.test(text) && !/\bFOR\s+(UPDATE|SHARE|NO\s+KEY|KEY)\b/i.test(text) && !/\$(?!\d)/.test(text);
}

function flush(): void {
  scheduled = false;
  const turns = [...waiting];
  waiting.clear();
  for (const [manager, byText] of turns) {
    for (const [text, calls] of byText) {
      for (let start = 0; start < calls.length; start += MOST_IN_ONE) void run(manager, text, calls.slice(start, start + MOST_IN_ONE));
    }
  }
}

async function run(manager: EntityManager, text: string, calls: Waiting[]): Promise<void> {
  if (calls.length === 1 || calls.some((c) => c.values.length !== calls[0].values.length)) {
    await Promise.all(calls.map((c) => alone(manager, text, c)));
    return;
  }
  const width = calls[0].values.length;
  const branches = calls.map((_, i) =>
    `SELECT ${i} AS ${BATCH}, row_number() OVER () AS ${ORDER}, q.* FROM (${text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + i * width}`)}) AS q`);
  let rows: Record<string, unknown>[];
  try {
    rows = await queryPrepared<Record<string, unknown>>(manager, branches.join(' UNION ALL '), calls.flatMap((c) => c.values));
  } catch {
    await Promise.all(calls.map((c) => alone(manager, text, c)));
    return;
  }
  const answers: { order: number; row: Record<string, unknown> }[][] = calls.map(() => []);
  for (const row of rows) {
    const { [BATCH]: batch, [ORDER]: order, ...rest } = row;
    answers[Number(batch)].push({ order: Number(order), row: rest });
  }
  calls.forEach((c, i) => c.resolve(answers[i].sort((a, b) => a.order - b.order).map((a) => a.row)));
}

function alone(manager: EntityManager, text: string, call: Waiting): Promise<void> {
  return queryPrepared<Record<string, unknown>>(manager, text, call.values).then(call.resolve, call.reject);
}
