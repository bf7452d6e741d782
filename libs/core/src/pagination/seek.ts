import { registerEnumType } from '@nestjs/graphql';
import { Connection, connectionOf, DEFAULT_PAGE_SIZE, PageArgs } from './connection.types';
import { CursorScope, decodeCursor } from './cursor';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'ASC: smallest, earliest, A first. DESC: the other way.' });

/**
 * How a hand-written list is sorted: SQL expressions, most significant first, then the row's id as the
 * tie-breaker, all in one direction. Each key must be NOT NULL (a row comparison with a null is null and
 * would end the list early) and readable by everyone who may see the row: the cursor carries its value.
 */
export interface SeekSort {
  /** Names the sort in the cursor's scope: a cursor made for one sort is refused by another. */
  name: string;
  keys: readonly string[];
  id: string;
  direction: SortDirection;
}

/** What a list's query adds for one page: a column with the sort key, the seek condition, the order and the limit. */
export interface SeekPage {
  /** `, ARRAY[…]::text[] AS seek_key`: the key as the database holds it, as text (a timestamp keeps its microseconds). */
  keyColumn: string;
  /** `AND (k1, …, id) > (:seek_0, …)` after a cursor, else empty. */
  where: string;
  params: Record<string, string>;
  /** `ORDER BY … LIMIT n`. */
  tail: string;
  /** `, k1 AS seek_k0, …, id AS seek_kn`: the sort keys under names, for a query that takes the page from a union of queries. */
  sortColumns: string;
  /** `ORDER BY seek_k0 …, seek_kn LIMIT n`: the page's order and limit over those named keys. */
  unionTail: string;
}

export interface SeekRow {
  seek_key: string[];
}

/**
 * Keyset pagination under any sort of a hand-written query. The cursor holds the sort key of the last row
 * shown and its id, signed for the list, the sort and the viewer (`scope`): a client can neither forge a
 * position nor bring one from a sort or a viewer that sees other values. The seek is a row comparison,
 * so an index on the keys (and the id) serves the page whatever page it is.
 */
export async function paginateSeek<R extends SeekRow, T>(
  args: PageArgs,
  sort: SeekSort,
  scope: CursorScope,
  fetch: (page: SeekPage) => Promise<R[]>,
  toNode: (row: R) => T,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const columns = [...sort.keys, sort.id];
  const signedFor = { ...scope, list: `${scope.list}:${sort.name}:${sort.direction}` };
  const hasAfter = args.after !== undefined && args.after !== null;
  const params: Record<string, string> = {};
  let where = '';
  if (hasAfter) {
    const after = decodeCursor(args.after!, columns.length, signedFor);
    after.forEach((value, i) => (params[`seek_${i}`] = String(value)));
    where = `AND (${columns.join(', ')}) ${sort.direction === SortDirection.ASC ? '>' : '<'} (${columns.map((_, i) => `:seek_${i}`).join(', ')})`;
  }
  const rows = await fetch({
    keyColumn: `, ARRAY[${columns.map((c) => `(${c})::text`).join(', ')}] AS seek_key`,
    where,
    params,
    tail: `ORDER BY ${columns.map((c) => `${c} ${sort.direction}`).join(', ')} LIMIT ${Number(first + 1)}`,
    sortColumns: columns.map((c, i) => `, ${c} AS seek_k${i}`).join(''),
    unionTail: `ORDER BY ${columns.map((_, i) => `seek_k${i} ${sort.direction}`).join(', ')} LIMIT ${Number(first + 1)}`,
  });
  return connectionOf(rows.slice(0, first), toNode, (row) => row.seek_key, signedFor, { hasNextPage: rows.length > first, hasPreviousPage: hasAfter });
}
