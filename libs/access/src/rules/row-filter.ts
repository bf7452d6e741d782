import { AnyAbility } from '@casl/ability';
import { rulesToCondition } from '@casl/ability/extra';

/** A SQL condition with named parameters, ready for TypeORM's `andWhere(sql, params)`. */
export interface RowFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * For each condition field a rule may use, the SQL expression it means — a column, or `{ array }` for
 * an expression giving an array (a rule `{ consentedCategories: 'health' }` then means "contains").
 * Written by us, never from input; it may name parameters given in `params`.
 */
export type ColumnMap = Readonly<Record<string, string | { array: string }>>;

interface Node {
  operator: string;
  value: unknown;
  field?: string;
}

let sequence = 0;

/**
 * Compiles the ability's rules for one action on one subject type into a SQL condition, so that lists,
 * look-ups and counts are filtered by the database — never fetched and filtered in JavaScript. Fails
 * closed: no rule gives `FALSE`; a rule on a field the column map does not know, or an operator this
 * compiler does not know, is a programming error and throws rather than widening access.
 */
export function rowFilter(
  ability: AnyAbility,
  action: string,
  subjectType: string,
  columns: ColumnMap,
  options: { field?: string; params?: Record<string, unknown> } = {},
): RowFilter {
  const { ast, compiler } = compileRules(ability, action, subjectType, columns, options);
  return { sql: ast === null ? 'FALSE' : compiler.compile(ast), params: compiler.params };
}

/** The same rules as `rowFilter`, as disjoint branches (see `rowFilterBranches`). */
export interface RowFilterBranches {
  /** SQL conditions, one per branch of the rules; a row matches at most one. Never empty: no rule gives `['FALSE']`. */
  branches: string[];
  params: Record<string, unknown>;
}

/**
 * The rules as `rowFilter` compiles them, split at their top-level OR into branches (one per `can` rule:
 * "the sender's", "the receiver's", …), so that each branch can be its own index-driven query and a list
 * read as `branch 1 UNION ALL branch 2 …` instead of one OR that the planner can only serve by walking
 * the table. A branch that another implies (its conditions include all of the other's) is left out: the
 * other finds its rows. Each later branch excludes the rows of the earlier ones (`(earlier) IS NOT TRUE`),
 * so the branches are disjoint and their UNION ALL is exactly the rows `rowFilter` gives, each once.
 */
export function rowFilterBranches(
  ability: AnyAbility,
  action: string,
  subjectType: string,
  columns: ColumnMap,
  options: { params?: Record<string, unknown> } = {},
): RowFilterBranches {
  const { ast, compiler } = compileRules(ability, action, subjectType, columns, options);
  if (ast === null) return { branches: ['FALSE'], params: compiler.params };
  const alternatives = ast.operator === 'or' ? (ast.value as Node[]) : [ast];
  const kept = withoutImplied(alternatives);
  if (kept.length === 0) return { branches: ['FALSE'], params: compiler.params };
  const conditions = kept.map((node) => compiler.compile(node));
  const branches = conditions.map((condition, i) => [condition, ...conditions.slice(0, i).map((earlier) => `(${earlier}) IS NOT TRUE`)].join(' AND '));
  return { branches, params: compiler.params };
}

/** The conjuncts of a condition: the children of an AND (nested ANDs flattened), else the condition itself. */
function conjunctsOf(node: Node): string[] {
  if (node.operator === 'and') return (node.value as Node[]).flatMap(conjunctsOf);
  return [JSON.stringify(node)];
}

/**
 * The alternatives without those another one implies: A implies B when every conjunct of B is one of A's
 * (B has fewer conditions). Of two alike, the first is kept. Only drops what is provably redundant.
 */
function withoutImplied(alternatives: Node[]): Node[] {
  const conjuncts = alternatives.map((node) => new Set(conjunctsOf(node)));
  const implies = (a: number, b: number) => [...conjuncts[b]].every((c) => conjuncts[a].has(c));
  return alternatives.filter((_, a) => !alternatives.some((__, b) => b !== a && implies(a, b) && (!implies(b, a) || b < a)));
}

/**
 * The condition with, in each OR outside a NOT, the alternatives "the array holds v" on one array field
 * made one "the array holds any of [v…]" (one rule per consent category becomes one test and, split into
 * branches, one branch). Under a NOT it leaves them: `v = ANY(array)` and `array && [v]` differ on NULLs there.
 */
function withContainsMerged(node: Node, isArray: (field: string | undefined) => boolean, negated = false): Node {
  if (node.operator !== 'and' && node.operator !== 'or' && node.operator !== 'not') return node;
  const children = (node.value as Node[]).map((child) => withContainsMerged(child, isArray, negated || node.operator === 'not'));
  if (node.operator !== 'or' || negated) return { ...node, value: children };
  const holds = (child: Node) => (child.operator === 'eq' && child.value !== null && isArray(child.field) ? [child.value]
    : child.operator === 'in' && isArray(child.field) ? (child.value as unknown[]) : null);
  const byField = new Map<string, Node[]>();
  for (const child of children) if (holds(child)) byField.set(child.field!, [...(byField.get(child.field!) ?? []), child]);
  const merged = children.flatMap((child) => {
    const alike = holds(child) ? byField.get(child.field!)! : [child];
    if (alike.length === 1) return [child];
    return alike[0] === child ? [{ operator: 'in', field: child.field, value: alike.flatMap((one) => holds(one)!) }] : [];
  });
  return merged.length === 1 ? merged[0] : { ...node, value: merged };
}

function compileRules(
  ability: AnyAbility,
  action: string,
  subjectType: string,
  columns: ColumnMap,
  options: { field?: string; params?: Record<string, unknown> },
): { ast: Node | null; compiler: { compile: (node: Node) => string; params: Record<string, unknown> } } {
  // The rules for the action (and, when given, for one field: "rows where this field is readable").
  const rules = ability.rulesFor(action, subjectType, options.field);
  // A `cannot` rule arrives as its own condition: negating it is the converter's job.
  const convert = (rule: (typeof rules)[number]): Node => (rule.inverted ? { operator: 'not', value: [rule.ast as Node] } : (rule.ast as Node));
  const condition = rulesToCondition(rules, convert, {
    and: (value: Node[]): Node => ({ operator: 'and', value }),
    or: (value: Node[]): Node => ({ operator: 'or', value }),
    empty: (): Node => ({ operator: 'and', value: [] }),
  }) as Node | null;
  const ast = condition === null ? null : withContainsMerged(condition, (field) => typeof columns[field ?? ''] === 'object');
  const params: Record<string, unknown> = { ...options.params };
  const prefix = `acl${(sequence = (sequence + 1) % 1_000_000)}_`;
  let n = 0;
  const param = (value: unknown) => {
    const name = `${prefix}${(n += 1)}`;
    params[name] = value;
    return `:${name}`;
  };
  const mapped = (field: string | undefined) => {
    const sql = field === undefined ? undefined : columns[field];
    if (!sql) throw new Error(`Access rule on ${subjectType}.${String(field)}: no column is mapped for this field`);
    return sql;
  };
  const column = (field: string | undefined) => {
    const sql = mapped(field);
    if (typeof sql !== 'string') throw new Error(`Access rule on ${subjectType}.${String(field)}: only "equals" and "in" apply to an array`);
    return sql;
  };
  const compile = (node: Node): string => {
    const children = () => node.value as Node[];
    switch (node.operator) {
      case 'and':
        return children().length === 0 ? 'TRUE' : `(${children().map(compile).join(' AND ')})`;
      case 'or':
        return children().length === 0 ? 'FALSE' : `(${children().map(compile).join(' OR ')})`;
      case 'not':
        // NULL inside NOT stays NULL, which excludes the row: an unknown value never grants access.
        return `NOT ${compile(children()[0])}`;
      case 'eq': {
        const target = mapped(node.field);
        if (typeof target !== 'string') return `(${param(node.value)} = ANY(${target.array}))`;
        return node.value === null ? `(${target} IS NULL)` : `(${target} = ${param(node.value)})`;
      }
      case 'ne':
        return node.value === null ? `(${column(node.field)} IS NOT NULL)` : `(${column(node.field)} <> ${param(node.value)})`;
      case 'in': {
        if ((node.value as unknown[]).length === 0) return 'FALSE';
        const target = mapped(node.field);
        if (typeof target !== 'string') return `(${target.array} && ${param(node.value)})`;
        return `(${target} = ANY(${param(node.value)}))`;
      }
      case 'nin':
        return (node.value as unknown[]).length === 0 ? 'TRUE' : `(${column(node.field)} <> ALL(${param(node.value)}))`;
      case 'gt':
        return `(${column(node.field)} > ${param(node.value)})`;
      case 'gte':
        return `(${column(node.field)} >= ${param(node.value)})`;
      case 'lt':
        return `(${column(node.field)} < ${param(node.value)})`;
      case 'lte':
        return `(${column(node.field)} <= ${param(node.value)})`;
      default:
        throw new Error(`Access rule on ${subjectType}: the operator "${node.operator}" cannot be turned into SQL`);
    }
  };
  return { ast, compiler: { compile, params } };
}
