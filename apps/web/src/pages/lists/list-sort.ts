import type { SortOrder } from 'antd/es/table/interface';

export type Direction = 'ASC' | 'DESC';

/** A list's order as the API takes it: a column and a direction. */
export interface ListOrder<F extends string> {
  field: F;
  direction: Direction;
}

/**
 * The order kept in the page's address (`sort=URGENCY.DESC`), so that going back to a list returns to it
 * sorted as it was; an unknown value is the list's default.
 */
export function orderFromParam<F extends string>(value: string | null, fields: readonly F[], fallback: ListOrder<F> | null): ListOrder<F> | null {
  const [field, direction, ...rest] = (value ?? '').split('.');
  if (rest.length === 0 && (fields as readonly string[]).includes(field) && (direction === 'ASC' || direction === 'DESC')) return { field: field as F, direction };
  return fallback;
}

export function orderToParam<F extends string>(order: ListOrder<F> | null): string | undefined {
  return order ? `${order.field}.${order.direction}` : undefined;
}

/**
 * An antd column sorted by the server: the header shows the list's current order and a click asks the
 * API for another one (the table never sorts the page it holds). Clicking the sorted column again turns
 * the direction round; the first click on another column takes its natural direction.
 */
export function sortableColumn<F extends string>(field: F, current: ListOrder<F> | null, first: Direction = 'ASC') {
  const sortOrder: SortOrder = current?.field === field ? (current.direction === 'ASC' ? 'ascend' : 'descend') : null;
  const directions: SortOrder[] = first === 'ASC' ? ['ascend', 'descend', 'ascend'] : ['descend', 'ascend', 'descend'];
  return { sorter: true, sortOrder, sortDirections: directions, showSorterTooltip: false };
}

/** The order a click on a header asks for: antd's sorter (its column's key) read as the API's field and direction. */
export function orderFromSorter<F extends string>(sorter: unknown, fields: readonly F[], fallback: ListOrder<F> | null): ListOrder<F> | null {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  const { columnKey, order } = (one ?? {}) as { columnKey?: unknown; order?: SortOrder };
  if (typeof columnKey !== 'string' || !(fields as readonly string[]).includes(columnKey) || !order) return fallback;
  return { field: columnKey as F, direction: order === 'ascend' ? 'ASC' : 'DESC' };
}
