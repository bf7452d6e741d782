import { orderFromParam, orderFromSorter, orderToParam, sortableColumn } from '../src/pages/lists/list-sort';

const FIELDS = ['NUMBER', 'PRIORITY'] as const;

describe('a list’s order in the address and in its headers', () => {
  it('reads the order the address keeps, and the default for anything else', () => {
    expect(orderFromParam('PRIORITY.DESC', FIELDS, null)).toEqual({ field: 'PRIORITY', direction: 'DESC' });
    const fallback = { field: 'NUMBER' as const, direction: 'ASC' as const };
    for (const value of [null, '', 'PRIORITY', 'PRIORITY.UP', 'NAME.ASC', 'PRIORITY.DESC.ASC']) {
      expect(orderFromParam(value, FIELDS, fallback)).toEqual(fallback);
    }
    expect(orderToParam({ field: 'NUMBER', direction: 'ASC' })).toBe('NUMBER.ASC');
    expect(orderToParam(null)).toBeUndefined();
  });

  it('shows the current order on its column only, the first click in the column’s natural direction', () => {
    const current = { field: 'PRIORITY' as const, direction: 'DESC' as const };
    expect(sortableColumn('PRIORITY', current)).toMatchObject({ sorter: true, sortOrder: 'descend' });
    expect(sortableColumn('NUMBER', current)).toMatchObject({ sorter: true, sortOrder: null, sortDirections: ['ascend', 'descend', 'ascend'] });
    expect(sortableColumn('NUMBER', current, 'DESC').sortDirections).toEqual(['descend', 'ascend', 'descend']);
  });

  it('reads a header click as the API’s order, and a column it does not sort by as none', () => {
    expect(orderFromSorter({ columnKey: 'NUMBER', order: 'ascend' }, FIELDS, null)).toEqual({ field: 'NUMBER', direction: 'ASC' });
    expect(orderFromSorter([{ columnKey: 'PRIORITY', order: 'descend' }], FIELDS, null)).toEqual({ field: 'PRIORITY', direction: 'DESC' });
    expect(orderFromSorter({ columnKey: 'person', order: 'ascend' }, FIELDS, null)).toBeNull();
    expect(orderFromSorter({ columnKey: 'NUMBER', order: undefined }, FIELDS, null)).toBeNull();
  });
});
