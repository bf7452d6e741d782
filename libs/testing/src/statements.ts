import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';

/** What `run` made the pg driver send: its result and the text of every statement, in order. */
export async function statementsSentBy<T>(run: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const texts: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function query(this: Client, config: unknown, ...rest: unknown[]) {
    texts.push(typeof config === 'string' ? config : (config as { text: string }).text);
    return (original as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof original;
  try {
    return { result: await run(), texts };
  } finally {
    Client.prototype.query = original;
  }
}

/**
 * A hot statement beside its committed text (`queries/*.sql`, so that a reviewer sees the SQL that runs), for a
 * spec to compare; `UPDATE_SQL=1` first rewrites the file with the statement sent.
 */
export function committedStatement(file: string, sent: string): { sent: string; committed: string } {
  if (process.env.UPDATE_SQL === '1') writeFileSync(file, `${sent}\n`);
  return { sent: `${sent}\n`, committed: readFileSync(file, 'utf8') };
}
