import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ListOrder, orderFromParam, orderToParam } from './list-sort';

/**
 * On a phone a list is cards without column headers: its sorts are offered here instead, each column both
 * ways; cleared, the list's own order.
 */
export function ListSortSelect<F extends string>({ columns, value, onChange, testId }: {
  columns: { field: F; label: string }[];
  value: ListOrder<F> | null;
  onChange: (order: ListOrder<F> | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const fields = columns.map((c) => c.field);
  return (
    <Select
      allowClear
      placeholder={t('lists.sort.placeholder')}
      aria-label={t('lists.sort.label')}
      data-testid={testId}
      value={orderToParam(value)}
      onChange={(v?: string) => onChange(orderFromParam(v ?? null, fields, null))}
      options={columns.flatMap((c) => [
        { value: `${c.field}.ASC`, label: t('lists.sort.ascending', { column: c.label }) },
        { value: `${c.field}.DESC`, label: t('lists.sort.descending', { column: c.label }) },
      ])}
      style={{ minWidth: 180 }}
      popupMatchSelectWidth={false}
    />
  );
}
