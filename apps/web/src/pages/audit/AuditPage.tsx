import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, DatePicker, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { AuditOrderField, AuditTrailQuery } from '../../gql/graphql';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { orderFromSorter, sortableColumn } from '../lists/list-sort';
import { ListSortSelect } from '../lists/ListSortSelect';

/** The columns the API sorts the trail by (unsorted: newest first). */
const SORTS: AuditOrderField[] = ['TIME', 'ACTION'];
import { auditWords } from './audit-words';

const AUDIT = graphql(`
  query AuditTrail($after: String, $subjectId: ID, $actorUserId: ID, $actorOrganisationId: ID, $actions: [String!], $category: String, $from: String, $to: String,
                   $orderBy: AuditOrder) {
    auditTrail(first: 50, after: $after, subjectId: $subjectId, actorUserId: $actorUserId, actorOrganisationId: $actorOrganisationId,
               actions: $actions, category: $category, from: $from, to: $to, orderBy: $orderBy) {
      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId subjectCount holderOrganisationNames
                     fields categories highlight rule purpose reason } }
      pageInfo { hasNextPage endCursor }
    }
    auditChainStatus { intact events brokenAt problem }
  }
`);

const ACTORS = graphql(`
  query AuditActors { auditActors { userId displayName organisationId organisationName } }
`);

type Entry = AuditTrailQuery['auditTrail']['edges'][number]['node'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS = ['READ', 'EXPORT', 'LOOKUP', 'BREAK_GLASS', 'DENY', 'CHANGE', 'SIGN_IN'];
const CATEGORIES = ['identity', 'contact', 'health', 'financial', 'case_notes', 'location', 'basic'];

interface Filters {
  subjectId?: string;
  actorUserId?: string;
  actorOrganisationId?: string;
  actions?: string[];
  category?: string;
  from?: string;
  to?: string;
  orderBy?: { field: AuditOrderField; direction: 'ASC' | 'DESC' };
}

/**
 * For auditors: what the staff of their office and the offices under it did, and what anyone did with those
 * offices' records — who, when, which fields and why, in words; emergency openings, exports and identity
 * look-ups highlighted; filtered and paged by the API; cards on a phone.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<Filters>({});
  const [invalid, setInvalid] = useState(false);
  const { data: answer, previousData, loading, error, fetchMore } = useQuery(AUDIT, { variables: filters, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  // While another sort or filter is on its way, the entries shown before stay (under the spinner).
  const data = answer ?? previousData;
  const { data: actors } = useQuery(ACTORS);
  const words = auditWords(t);
  const status = data?.auditChainStatus;
  const entries = data?.auditTrail.edges.map((e) => e.node) ?? [];
  const set = (change: Filters) => setFilters((current) => ({ ...current, ...change }));
  const organisations = [...new Map((actors?.auditActors ?? []).filter((a) => a.organisationId).map((a) => [a.organisationId!, a.organisationName ?? ''])).entries()];

  const when = (e: Entry) => dateTime(e.occurredAt, i18n.language);
  const who = (e: Entry) => <Space orientation="vertical" size={0}><span>{e.actorName ?? t('audit.system')}</span><Typography.Text type="secondary">{e.actorOrganisationName}</Typography.Text></Space>;
  const action = (e: Entry) => (
    <Space wrap size={4}>
      <Tag color={e.highlight ? 'volcano' : e.action === 'DENY' ? 'red' : e.action === 'READ' ? 'blue' : 'default'} data-testid="audit-action">{words.action(e.action)}</Tag>
      {e.highlight && <Tag color="volcano" data-testid="audit-highlight">{t(`audit.highlights.${e.highlight}`)}</Tag>}
    </Space>
  );
  const record = (e: Entry) => (
    <Space orientation="vertical" size={0}>
      <span>{e.subjectCount ? t('audit.records', { count: e.subjectCount, kind: words.subject(e.subjectType) }) : words.subject(e.subjectType)}</span>
      {e.subjectId && <Typography.Text type="secondary" copyable={{ text: e.subjectId }}>{e.subjectId.slice(-12)}</Typography.Text>}
      {e.holderOrganisationNames && <Typography.Text type="secondary">{t('audit.heldBy', { names: e.holderOrganisationNames })}</Typography.Text>}
    </Space>
  );
  const fields = (e: Entry) => (
    <Space orientation="vertical" size={2}>
      <span>{e.fields.map((f) => words.field(e.subjectType, f)).join('、') || '—'}</span>
      <Space wrap size={2}>{e.categories.filter((c) => c !== 'basic').map((c) => <Tag key={c} color={c === 'identity' ? 'gold' : undefined}>{t(`categories.${c}`)}</Tag>)}</Space>
    </Space>
  );
  const grounds = (e: Entry) => (
    <Space orientation="vertical" size={0}>
      <span>{words.rule(e.rule)}</span>
      {e.purpose && <Typography.Text type="secondary">{t('audit.purpose', { purpose: e.purpose })}</Typography.Text>}
      {e.reason && <Typography.Text type="secondary">{t('audit.reason', { reason: e.reason })}</Typography.Text>}
    </Space>
  );

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('audit.title')}</Typography.Title>
      {status && (status.intact ? (
        <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} data-testid="chain-status" title={t('audit.intact', { count: status.events })} />
      ) : (
        <Alert type="error" showIcon icon={<WarningOutlined />} data-testid="chain-status" title={t('audit.broken', { position: status.brokenAt })}
          description={t(status.problem === 'EDITED' ? 'audit.edited' : 'audit.linkBroken')} />
      ))}
      <Card size="small" title={t('audit.filters')}>
        <div style={{ display: 'grid', gap: 8, gridTemplateColumns: phone ? 'minmax(0, 1fr)' : 'repeat(auto-fill, minmax(220px, 1fr))' }}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('audit.byStaff')} aria-label={t('audit.byStaff')} data-testid="audit-staff"
            value={filters.actorUserId} onChange={(actorUserId?: string) => set({ actorUserId })}
            options={(actors?.auditActors ?? []).map((a) => ({ value: a.userId, label: `${a.displayName}（${a.organisationName ?? ''}）` }))} />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('audit.byOrganisation')} aria-label={t('audit.byOrganisation')} data-testid="audit-organisation"
            value={filters.actorOrganisationId} onChange={(actorOrganisationId?: string) => set({ actorOrganisationId })}
            options={organisations.map(([value, label]) => ({ value, label }))} />
          <Select mode="multiple" allowClear placeholder={t('audit.byAction')} aria-label={t('audit.byAction')} data-testid="audit-actions"
            value={filters.actions ?? []} onChange={(actions: string[]) => set({ actions: actions.length ? actions : undefined })}
            options={ACTIONS.map((a) => ({ value: a, label: words.action(a) }))} />
          <Select allowClear placeholder={t('audit.byCategory')} aria-label={t('audit.byCategory')} data-testid="audit-category"
            value={filters.category} onChange={(category?: string) => set({ category })}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
          <DatePicker.RangePicker aria-label={t('audit.byDate')} data-testid="audit-dates" placeholder={[t('audit.fromDay'), t('audit.toDay')]}
            onChange={(days) => set({ from: days?.[0]?.format('YYYY-MM-DD'), to: days?.[1]?.format('YYYY-MM-DD') })} />
          <Input.Search allowClear placeholder={t('audit.subjectPlaceholder')} aria-label={t('audit.subject')} status={invalid ? 'error' : undefined}
            onSearch={(text) => {
              const value = text.trim();
              setInvalid(value !== '' && !UUID.test(value));
              if (value === '' || UUID.test(value)) set({ subjectId: value || undefined });
            }} />
        </div>
        {invalid && <Typography.Text type="danger">{t('audit.subjectInvalid')}</Typography.Text>}
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {phone && (
        <ListSortSelect testId="audit-sort" value={filters.orderBy ?? null} onChange={(o) => set({ orderBy: o ?? undefined })} columns={[
          { field: 'TIME', label: t('audit.when') }, { field: 'ACTION', label: t('audit.action') },
        ]} />
      )}
      {!data && !error ? (
        <ListLoading />
      ) : phone ? (
        <List
          loading={loading}
          dataSource={entries}
          locale={{ emptyText: emptyText(loading, t('audit.empty')) }}
          renderItem={(e) => (
            <Card size="small" style={{ marginBottom: 8, borderColor: e.highlight ? '#ffbb96' : undefined }} data-testid="audit-entry">
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>{action(e)}<Typography.Text type="secondary">{when(e)}</Typography.Text></Space>
                {who(e)}
                {record(e)}
                {fields(e)}
                {grounds(e)}
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Entry>
          rowKey="position"
          loading={loading}
          dataSource={entries}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: emptyText(loading, t('audit.empty')) }}
          data-testid="audit-table"
          onChange={(_pagination, _filters, sorter) => set({ orderBy: orderFromSorter(sorter, SORTS, null) ?? undefined })}
          onRow={(e) => ({ 'data-testid': 'audit-entry', style: e.highlight ? { background: '#fff7e6' } : undefined }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('audit.when'), key: 'TIME', ...sortableColumn('TIME', filters.orderBy ?? { field: 'TIME', direction: 'DESC' }, 'DESC'), render: (_, e) => when(e) },
            { title: t('audit.who'), key: 'who', render: (_, e) => who(e) },
            { title: t('audit.action'), key: 'ACTION', ...sortableColumn('ACTION', filters.orderBy ?? null), render: (_, e) => action(e) },
            { title: t('audit.record'), key: 'record', render: (_, e) => record(e) },
            { title: t('audit.fields'), key: 'fields', render: (_, e) => fields(e) },
            { title: t('audit.grounds'), key: 'grounds', render: (_, e) => grounds(e) },
          ]}
        />
      )}
      {data?.auditTrail.pageInfo.hasNextPage && (
        <Button loading={loading} data-testid="audit-more"
          onClick={() => void fetchMore({ variables: { ...filters, after: data.auditTrail.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
