import { Actor, queryBatched } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { abilityFor, AppAbility } from './abilities';
import { ColumnMap, rowFilter, rowFilterBranches } from './row-filter';

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
  /**
   * A page of a sorted list: each branch of the rules runs as its own query (`select` + `sortColumns`, `tail`: its own
   * ORDER BY … LIMIT, served by an index that starts with what the branch fixes, e.g. the receiving organisation), and
   * `SELECT * FROM (branch 1 UNION ALL branch 2 …) ${unionTail}` takes the page from their rows: `sortColumns` selects the
   * sort keys under names (`, k AS seek_k0 …`) that `unionTail` orders by. With one branch, the query as it is.
   */
  page?: { sortColumns: string; unionTail: string };
}

/**
 * Runs a hand-written query with the actor's rules compiled into its WHERE clause: the one way a
 * domain reads protected rows, so that no list, look-up or count can forget the rules. Prepared (the same
 * rules give the same text, planned once per connection), and answered together with the same reads that
 * arrive at the same moment (queryBatched).
 */
export function queryUnderRules<T>(manager: EntityManager, actor: Actor, query: RuledQuery): Promise<T[]> {
  const [text, values] = ruledStatement(manager, actor, query);
  return queryBatched<T>(manager, text, values);
}

/** The statements compiled from an ability (it is shared by the requests of one person acting alike: abilityFor), by query. */
const compiled = new WeakMap<AppAbility, Map<string, { sql: string; params: Record<string, unknown> }>>();
const MOST_COMPILED = 64;

/** The statement `queryUnderRules` runs, as text with numbered parameters and their values. */
export function ruledStatement(manager: EntityManager, actor: Actor, query: RuledQuery): [string, unknown[]] {
  const ability = abilityFor(actor);
  let known = compiled.get(ability);
  if (!known) compiled.set(ability, (known = new Map()));
  const key = JSON.stringify([query.subjectType, query.columns, query.select, query.from, query.where ?? '', query.tail ?? '', query.page ?? null]);
  let statement = known.get(key);
  if (!statement) {
    if (known.size >= MOST_COMPILED) known.clear();
    statement = compile(ability, query);
    known.set(key, statement);
  }
  return manager.connection.driver.escapeQueryWithParameters(statement.sql, {
    ...query.params, ...statement.params, actingOrganisation: actor.acting?.organisationId ?? null, actingUser: actor.userId,
  }) as [string, unknown[]];
}

/** The query with the ability's rules compiled into it, with named parameters (the rules' own values among them). */
function compile(ability: AppAbility, query: RuledQuery): { sql: string; params: Record<string, unknown> } {
  const whole = (condition: string, select = query.select) => `${select} ${query.from} WHERE ${condition} ${query.where ?? ''} ${query.tail ?? ''}`;
  let sql: string;
  let params: Record<string, unknown>;
  const split = query.page ? rowFilterBranches(ability, 'read', query.subjectType, query.columns) : null;
  if (split && split.branches.length > 1) {
    const branches = split.branches.map((condition) => `(${whole(condition, query.select + query.page!.sortColumns)})`);
    sql = `SELECT * FROM (${branches.join(' UNION ALL ')}) AS branches ${query.page!.unionTail}`;
    params = split.params;
  } else {
    const filter = rowFilter(ability, 'read', query.subjectType, query.columns);
    sql = whole(filter.sql);
    params = filter.params;
  }
  return { sql, params };
}
