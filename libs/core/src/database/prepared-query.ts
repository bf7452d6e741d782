import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * How many different statement texts this process prepares at most. Each connection keeps the statements
 * it has run, so the texts must stay few: they do (one per query and shape of rules), and past this
 * bound the rest run unprepared rather than fill the connections' memory.
 */
const MOST_PREPARED = 500;
const names = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans a rule-compiled query once
 * per connection, then only binds the values (planning the same text again cost more than running it).
 * The name is a hash of the text, so one name always means one text on every connection.
 */
export async function queryPrepared<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const name = preparedStatementName(text);
  if (!name) return manager.query(text, values);
  const runner = manager.queryRunner;
  const client = runner ? ((await runner.connect()) as PoolClient) : ((manager.connection.driver as unknown as { master: Pool }).master);
  try {
    return (await client.query<T & object>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** The name under which this process prepares `text` (one name per text, on every connection), or null past the bound. */
export function preparedStatementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MOST_PREPARED) return null;
  const name = `rules_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  names.set(text, name);
  return name;
}
