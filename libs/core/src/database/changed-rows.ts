import { EntityManager } from 'typeorm';

/**
 * The rows an `UPDATE … RETURNING` or `DELETE … RETURNING` gave back. TypeORM answers those two
 * statements with `[rows, rowCount]` rather than the rows, so `result.length` would always be 2: every
 * conditional update whose success is judged by the rows it changed goes through here.
 */
export async function changedRows<T = { id: string }>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (!/^\s*(UPDATE|DELETE)\b/i.test(sql) || !/\bRETURNING\b/i.test(sql)) throw new Error('changedRows runs UPDATE or DELETE … RETURNING statements only');
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
