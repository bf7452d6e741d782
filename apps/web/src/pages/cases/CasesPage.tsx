import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Input, List, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { NeedTags, useNeeds } from '../../components/Needs';
import { CaseStatusTag, PriorityTag } from '../../components/StatusTags';
import { date } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { CaseFilter, CaseOrderField, CasesQuery, CaseStatus } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { CASE_ACTIVE } from './case-moves';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { orderFromParam, orderFromSorter, orderToParam, sortableColumn } from '../lists/list-sort';
import { ListSortSelect } from '../lists/ListSortSelect';

const CASES = graphql(`
  query Cases($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges { node { id caseNumber needs priority status createdAt person { id fullName } assignees { id displayName organisationName endedAt } } }
      pageInfo { hasNextPage endCursor }
    }
    casesCount(filter: $filter)
  }
`);

/** Roles that work cases, and so may narrow the list to their own; they are also those who open cases. */
export const CASE_WORKER_ROLES = ['COORDINATOR', 'CASEWORKER'];
/** The columns the API sorts cases by: basic facts, which everyone who sees a case reads. */
const SORTS: CaseOrderField[] = ['NUMBER', 'PRIORITY', 'STATUS', 'OPENED'];
const VIEWS = ['active', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'all'] as const;
type View = (typeof VIEWS)[number];

type Row = CasesQuery['cases']['edges'][number]['node'];

function statusesOf(view: View): CaseStatus[] | undefined {
  if (view === 'all') return undefined;
  return view === 'active' ? CASE_ACTIVE : [view];
}

/** Everyone assigned now, with their organisation when it is not the case's own. */
export function CurrentAssignees({ assignees }: { assignees: Row['assignees'] }) {
  const { t } = useTranslation();
  if (!assignees) return <Guarded value={null} />;
  const now = assignees.filter((a) => !a.endedAt);
  if (now.length === 0) return <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>;
  return <>{now.map((a) => a.displayName).join(t('common.listSeparator'))}</>;
}

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const needs = useNeeds();
  // The filters live in the address, so that going back from a case returns to the same list.
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'active';
  const need = params.get('need') ?? undefined;
  const mine = params.get('mine') === '1';
  const number = params.get('number') ?? undefined;
  const filter: CaseFilter = {
    ...(statusesOf(view) ? { status: statusesOf(view) } : {}), ...(need ? { need } : {}), ...(mine ? { assignedToMe: true } : {}), ...(number ? { caseNumber: number } : {}),
  };
  const order = orderFromParam(params.get('sort'), SORTS, null);
  const orderBy = order ?? undefined;
  const { data: answer, previousData, loading, error, fetchMore } = useQuery(CASES, { variables: { first: 25, filter, orderBy } });
  // While another sort or filter is on its way, the rows shown before stay (under the spinner).
  const data = answer ?? previousData;
  const rows = data?.cases.edges.map((e) => e.node) ?? [];
  const canBeAssigned = !!acting && CASE_WORKER_ROLES.includes(acting.role);
  const filtered = view !== 'all' || !!need || mine || !!number;
  // Only those who open cases are told how to; the others (an NGO's staff, an admin) read what their organisation holds.
  const empty = canBeAssigned ? t('cases.empty') : t(filtered ? 'cases.empty' : 'lists.cases.noneHeld');

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const name = (row: Row) => (
    <Link to={`/cases/${row.id}`} data-testid={`case-${row.id}`}>
      {row.person ? <Guarded value={row.person.fullName} /> : t('cases.personHidden')}
    </Link>
  );

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('cases.title')}</Typography.Title>
        {data && <Typography.Text type="secondary" data-testid="cases-count">{t('cases.count', { count: data.casesCount })}</Typography.Text>}
      </Space>
      <Typography.Text type="secondary" data-testid="cases-hint">{t(canBeAssigned ? 'cases.openHint' : 'lists.cases.readOnlyHint')}</Typography.Text>
      <Space wrap size="middle">
        <Segmented<View>
          aria-label={t('cases.status')}
          data-testid="cases-view"
          value={view}
          onChange={(v) => set('view', v === 'active' ? undefined : v)}
          options={VIEWS.map((v) => ({ value: v, label: v === 'active' || v === 'all' ? t(`cases.views.${v}`) : t(`caseStatus.${v}`) }))}
        />
        <Input.Search
          allowClear
          defaultValue={number}
          placeholder={t('cases.numberPlaceholder')}
          aria-label={t('cases.number')}
          data-testid="cases-number"
          onSearch={(text) => set('number', text.trim() || undefined)}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t('cases.allNeeds')}
          aria-label={t('cases.need')}
          data-testid="cases-need"
          value={need}
          onChange={(v?: string) => set('need', v)}
          options={needs.options}
          style={{ minWidth: 160 }}
        />
        {phone && (
          <ListSortSelect testId="cases-sort" value={order} onChange={(o) => set('sort', orderToParam(o))} columns={[
            { field: 'NUMBER', label: t('cases.number') }, { field: 'PRIORITY', label: t('cases.fields.priority') },
            { field: 'STATUS', label: t('cases.status') }, { field: 'OPENED', label: t('cases.openedAt') },
          ]} />
        )}
        {canBeAssigned && (
          <Space>
            <Switch checked={mine} onChange={(on) => set('mine', on ? '1' : undefined)} aria-labelledby="cases-mine-label" data-testid="cases-mine" />
            <Typography.Text id="cases-mine-label">{t('cases.assignedToMe')}</Typography.Text>
          </Space>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {!data && !error ? <ListLoading /> : phone ? (
        <List
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: emptyText(loading, empty) }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                <Space wrap><Typography.Text strong>{name(row)}</Typography.Text><Typography.Text type="secondary">{row.caseNumber}</Typography.Text><CaseStatusTag status={row.status} /><PriorityTag priority={row.priority} /></Space>
                <NeedTags codes={row.needs} />
                <Typography.Text type="secondary"><CurrentAssignees assignees={row.assignees} /></Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          loading={loading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: emptyText(loading, empty) }}
          data-testid="cases-table"
          onChange={(_pagination, _filters, sorter) => set('sort', orderToParam(orderFromSorter(sorter, SORTS, null)))}
          columns={[
            { title: t('cases.number'), key: 'NUMBER', ...sortableColumn('NUMBER', order), render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{row.caseNumber}</span> },
            // The person is not a sort: not every viewer of a case may read whose it is.
            { title: t('cases.person'), key: 'person', render: (_, row) => name(row) },
            { title: t('cases.fields.needs'), key: 'needs', render: (_, row) => <NeedTags codes={row.needs} /> },
            { title: t('cases.fields.priority'), key: 'PRIORITY', ...sortableColumn('PRIORITY', order, 'DESC'), render: (_, row) => <PriorityTag priority={row.priority} /> },
            { title: t('cases.status'), key: 'STATUS', ...sortableColumn('STATUS', order), render: (_, row) => <CaseStatusTag status={row.status} /> },
            { title: t('cases.assignees'), key: 'assignees', render: (_, row) => <CurrentAssignees assignees={row.assignees} /> },
            { title: t('cases.openedAt'), key: 'OPENED', ...sortableColumn('OPENED', order ?? { field: 'OPENED', direction: 'DESC' }, 'DESC'), render: (_, row) => date(row.createdAt, i18n.resolvedLanguage) },
          ]}
        />
      )}
      {data?.cases.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: 25, filter, orderBy, after: data.cases.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
