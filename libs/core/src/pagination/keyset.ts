import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Connection, connectionOf, DEFAULT_PAGE_SIZE, PageArgs } from './connection.types';
import { CursorScope, decodeCursor, Keyset } from './cursor';

export interface KeysetOrder<T> {
  /** SQL expressions of the sort key, most significant first; the last must be unique (the id). */
  columns: string[];
  /** The same key read from a loaded row. */
  keyOf: (row: T) => Keyset;
}

/**
 * Keyset (seek) pagination: `WHERE (a, b) > (:a, :b) ORDER BY a, b LIMIT n + 1`. Unlike OFFSET it
 * neither skips nor repeats rows when rows are inserted or deleted between pages, and it costs the
 * same on page 1 and page 1,000 given an index on the key.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  args: PageArgs,
  scope?: CursorScope,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const columns = order.columns;
  if (args.after !== undefined && args.after !== null) {
    const after = decodeCursor(args.after, columns.length, scope);
    const params = Object.fromEntries(after.map((value, i) => [`keyset_${i}`, value]));
    query.andWhere(`(${columns.join(', ')}) > (${columns.map((_, i) => `:keyset_${i}`).join(', ')})`, params);
  }
  columns.forEach((column, i) => (i === 0 ? query.orderBy(column, 'ASC') : query.addOrderBy(column, 'ASC')));
  const rows = await query.take(undefined).limit(first + 1).getMany();
  return connectionOf(rows.slice(0, first), (node) => node, (node) => order.keyOf(node), scope,
    { hasNextPage: rows.length > first, hasPreviousPage: args.after !== undefined && args.after !== null });
}

/**
 * Keyset pagination over rows a caller fetches itself (hand-written SQL): it is given the id after
 * which to start (or null) and how many rows to return, ordered by id. The id comes from a cursor this
 * server signed for the same list and viewer (`scope`), never from the client's own making.
 */
export async function paginateById<T extends { id: string }>(
  args: PageArgs,
  fetch: (afterId: string | null, limit: number) => Promise<T[]>,
  scope?: CursorScope,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const after = args.after !== undefined && args.after !== null ? String(decodeCursor(args.after, 1, scope)[0]) : null;
  const rows = await fetch(after, first + 1);
  return connectionOf(rows.slice(0, first), (node) => node, (node) => [node.id], scope, { hasNextPage: rows.length > first, hasPreviousPage: after !== null });
}
