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
  // The rules for the action (and, when given, for one field: "rows where this field is readable").
  const rules = ability.rulesFor(action, subjectType, options.field);
  // A `cannot` rule arrives as its own condition: negating it is the converter's job.
  const convert = (rule: (typeof rules)[number]): Node => (rule.inverted ? { operator: 'not', value: [rule.ast as Node] } : (rule.ast as Node));
  const ast = rulesToCondition(rules, convert, {
    and: (value: Node[]): Node => ({ operator: 'and', value }),
    or: (value: Node[]): Node => ({ operator: 'or', value }),
    empty: (): Node => ({ operator: 'and', value: [] }),
  }) as Node | null;
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
  return { sql: ast === null ? 'FALSE' : compile(ast), params };
}
