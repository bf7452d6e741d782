import { Actor } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { abilityFor } from './abilities';
import { queryBatched } from './batched-query';
import { ColumnMap, rowFilter } from './row-filter';

export interface RuledQuery {
  /** The subject type whose `read` rules filter the rows, and what its rule attributes mean in SQL. */
  subjectType: string;
  columns: ColumnMap;
  /** `SELECT …`, `FROM …` (may name `:actingOrganisation` and `:actingUser`), extra conditions and `ORDER BY … LIMIT …`. */
  select: string;
  from: string;
  where?: string;
  params?: Record<string, unknown>;
  tail?: string;
}

/**
 * Runs a hand-written query with the actor's rules compiled into its WHERE clause: the one way a
 * domain reads protected rows, so that no list, look-up or count can forget the rules. Prepared (the same
 * rules give the same text, planned once per connection), and answered together with the same reads that
 * arrive at the same moment (queryBatched).
 */
export function queryUnderRules<T>(manager: EntityManager, actor: Actor, query: RuledQuery): Promise<T[]> {
  const filter = rowFilter(abilityFor(actor), 'read', query.subjectType, query.columns);
  const sql = `${query.select} ${query.from} WHERE ${filter.sql} ${query.where ?? ''} ${query.tail ?? ''}`;
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, {
    ...query.params, ...filter.params, actingOrganisation: actor.acting?.organisationId ?? null, actingUser: actor.userId,
  });
  return queryBatched<T>(manager, text, values);
}
