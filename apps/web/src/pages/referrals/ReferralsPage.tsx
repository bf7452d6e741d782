import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Input, List, Segmented, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { NeedTags } from '../../components/Needs';
import { ReferralStatusTag, UrgencyTag } from '../../components/StatusTags';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { ReferralDirection, ReferralFilter, ReferralOrderField, ReferralsQuery, ReferralStatus } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { REFERRAL_ACTIVE, REFERRAL_ENDED } from './referral-actions';
import { ReferralSettingsCard } from './ReferralSettingsCard';
import { regionName } from '../../regions';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { orderFromParam, orderFromSorter, orderToParam, sortableColumn } from '../lists/list-sort';
import { ListSortSelect } from '../lists/ListSortSelect';

/** The columns the API sorts referrals by: basic facts, which everyone who sees a referral reads. */
const SORTS: ReferralOrderField[] = ['SERVICE', 'STATUS', 'URGENCY', 'SENT'];

// The person only where the rules show them in a list (the sender's coordinators and caseworkers): asking
// for them elsewhere would only write a refusal to the audit trail for every row.
const REFERRALS = graphql(`
  query Referrals($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder, $received: ReferralFilter, $sent: ReferralFilter, $withPerson: Boolean!) {
    referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        node {
          id status needs urgency regionCode ageBand serviceName senderOrganisationName receiverOrganisationName receiverUserName
          outcome requestedAt createdAt escalatedAt answerBy
          person @include(if: $withPerson) { id fullName }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    received: referralsCount(filter: $received)
    sent: referralsCount(filter: $sent)
  }
`);

const TABS = ['received', 'sent'] as const;
type Direction = (typeof TABS)[number];
const VIEWS = ['all', 'pending', 'active', 'ended'] as const;
type View = (typeof VIEWS)[number];
type Row = ReferralsQuery['referrals']['edges'][number]['node'];

function statusesOf(view: View): ReferralStatus[] | undefined {
  if (view === 'pending') return ['DRAFT', 'REQUESTED'];
  if (view === 'active') return REFERRAL_ACTIVE;
  if (view === 'ended') return REFERRAL_ENDED;
  return undefined;
}

/** Roles that see referrals at all (the referral rules give the others nothing). */
export const REFERRAL_ROLES = ['COORDINATOR', 'CASEWORKER', 'STAFF', 'ORG_ADMIN'];

/**
 * The organisation's referrals: the inbox (what others asked of it) and what it sent, each with how
 * many there are. The inbox shows no one's name: a receiver learns who it is by accepting.
 */
export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const tab: Direction = params.get('tab') === 'sent' ? 'sent' : 'received';
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'all';
  const mine = tab === 'received' && params.get('mine') === '1';
  const status = statusesOf(view);
  const withStatus = (direction: ReferralDirection): ReferralFilter => ({ direction, ...(status ? { status } : {}) });
  const search = params.get('q') ?? '';
  const filter: ReferralFilter = {
    ...withStatus(tab === 'sent' ? 'SENT' : 'RECEIVED'), ...(mine ? { routedToMe: true } : {}), ...(search.trim() ? { search: search.trim() } : {}),
  };
  // No sort chosen: the API's own — the inbox on what needs an answer, urgent and oldest request first; the sent ones newest first.
  const order = orderFromParam(params.get('sort'), SORTS, null);
  const orderBy = order ?? undefined;
  const withPerson = tab === 'sent' && !!acting && ['COORDINATOR', 'CASEWORKER'].includes(acting.role);
  const { data: answer, previousData, loading, error, fetchMore } = useQuery(REFERRALS, {
    variables: { first: 25, filter, orderBy, received: withStatus('RECEIVED'), sent: withStatus('SENT'), withPerson },
  });
  // While another sort or search is on its way, the rows shown before stay (under the spinner).
  const data = answer ?? previousData;
  const rows = data?.referrals.edges.map((e) => e.node) ?? [];

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const open = (row: Row) => (
    <Link to={`/referrals/${row.id}`} data-testid={`referral-${row.id}`}>{row.serviceName ?? t('referrals.view')}</Link>
  );
  const escalated = (row: Row) => row.escalatedAt && <Tag color="red">{t('referrals.escalated')}</Tag>;
  const when = (row: Row) => dateTime(row.requestedAt ?? row.createdAt, i18n.resolvedLanguage);
  const answerBy = (row: Row) => row.answerBy && (
    <Typography.Text type="secondary" data-testid="referral-answer-by" style={{ whiteSpace: 'nowrap' }}>
      {t('lists.referrals.answerBy', { date: dateTime(row.answerBy, i18n.resolvedLanguage) })}
    </Typography.Text>
  );
  const sentColumn = { title: t('referrals.sentAt'), key: 'SENT', ...sortableColumn('SENT', order, 'DESC'),
    render: (_: unknown, row: Row) => <Space orientation="vertical" size={0}><span>{when(row)}</span>{answerBy(row)}</Space> };
  const columns = tab === 'received'
    ? [
      { title: t('referrals.service'), key: 'SERVICE', ...sortableColumn('SERVICE', order), render: (_: unknown, row: Row) => open(row) },
      { title: t('referrals.from'), key: 'from', render: (_: unknown, row: Row) => row.senderOrganisationName },
      { title: t('referrals.status'), key: 'STATUS', ...sortableColumn('STATUS', order), render: (_: unknown, row: Row) => <Space size={4}><ReferralStatusTag status={row.status} />{escalated(row)}</Space> },
      { title: t('referrals.needs'), key: 'needs', render: (_: unknown, row: Row) => <NeedTags codes={row.needs} /> },
      { title: t('referrals.urgency'), key: 'URGENCY', ...sortableColumn('URGENCY', order, 'DESC'), render: (_: unknown, row: Row) => <UrgencyTag urgency={row.urgency} /> },
      { title: t('referrals.who'), key: 'who', render: (_: unknown, row: Row) => t('referrals.ageAndRegion', { age: row.ageBand ?? '-', region: row.regionCode ? regionName(t, row.regionCode) : '-' }) },
      { title: t('referrals.routedTo'), key: 'routed', render: (_: unknown, row: Row) => row.receiverUserName ?? <Typography.Text type="secondary">{t('referrals.notRouted')}</Typography.Text> },
      sentColumn,
    ]
    : [
      // The person is not a sort: not every viewer of a referral may read whom it is for.
      { title: t('referrals.person'), key: 'person', render: (_: unknown, row: Row) => (withPerson ? <Guarded value={row.person?.fullName} /> : <Guarded value={null} />) },
      { title: t('referrals.service'), key: 'SERVICE', ...sortableColumn('SERVICE', order), render: (_: unknown, row: Row) => open(row) },
      { title: t('referrals.to'), key: 'to', render: (_: unknown, row: Row) => row.receiverOrganisationName },
      { title: t('referrals.status'), key: 'STATUS', ...sortableColumn('STATUS', order), render: (_: unknown, row: Row) => <Space size={4}><ReferralStatusTag status={row.status} />{escalated(row)}</Space> },
      { title: t('referrals.urgency'), key: 'URGENCY', ...sortableColumn('URGENCY', order, 'DESC'), render: (_: unknown, row: Row) => <UrgencyTag urgency={row.urgency} /> },
      { title: t('referrals.outcome'), key: 'outcome', render: (_: unknown, row: Row) => (row.outcome ? t(`referralOutcome.${row.outcome}`) : '') },
      sentColumn,
    ];
  const empty = search.trim() || view !== 'all' || mine ? t('lists.referrals.noneMatch') : t(`referrals.empty.${tab}`);

  const list = (
    <>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} style={{ marginBottom: 12 }} />}
      {!data && !error ? <ListLoading /> : phone ? (
        <List
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: emptyText(loading, empty) }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                <Space wrap><Typography.Text strong>{open(row)}</Typography.Text><ReferralStatusTag status={row.status} />{escalated(row)}</Space>
                <Space wrap size={4}><UrgencyTag urgency={row.urgency} /><Typography.Text type="secondary">{tab === 'received' ? row.senderOrganisationName : row.receiverOrganisationName} · {when(row)}</Typography.Text>{answerBy(row)}</Space>
                <NeedTags codes={row.needs} />
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
          columns={columns}
          data-testid="referrals-table"
          onRow={(row) => ({ 'data-testid': `referral-row-${row.id}` }) as never}
          onChange={(_pagination, _filters, sorter) => set({ sort: orderToParam(orderFromSorter(sorter, SORTS, null)) })}
        />
      )}
      {data?.referrals.pageInfo.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void fetchMore({ variables: { first: 25, filter, orderBy, after: data.referrals.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </>
  );

  const label = (direction: Direction) => (
    <Space size={6}>
      {t(`referrals.tabs.${direction}`)}
      {data && (
        <Tag bordered={false} color={direction === 'received' ? 'blue' : 'default'} data-testid={`referrals-count-${direction}`}>
          {direction === 'received' ? data.received : data.sent}
        </Tag>
      )}
    </Space>
  );

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('referrals.title')}</Typography.Title>
      <Space wrap size="middle">
        <Segmented<View>
          aria-label={t('referrals.status')}
          data-testid="referrals-view"
          value={view}
          onChange={(v) => set({ view: v === 'all' ? undefined : v })}
          options={VIEWS.map((v) => ({ value: v, label: t(`referrals.views.${v}`) }))}
        />
        <Input.Search
          allowClear
          key={tab}
          defaultValue={search}
          placeholder={t('lists.referrals.searchPlaceholder')}
          aria-label={t('lists.referrals.search')}
          data-testid="referrals-search"
          onSearch={(text) => set({ q: text.trim() || undefined })}
          style={{ width: 260 }}
        />
        {phone && (
          <ListSortSelect testId="referrals-sort" value={order} onChange={(o) => set({ sort: orderToParam(o) })} columns={[
            { field: 'SERVICE', label: t('referrals.service') }, { field: 'STATUS', label: t('referrals.status') },
            { field: 'URGENCY', label: t('referrals.urgency') }, { field: 'SENT', label: t('referrals.sentAt') },
          ]} />
        )}
        {tab === 'received' && (
          <Space>
            <Switch checked={mine} onChange={(on) => set({ mine: on ? '1' : undefined })} aria-labelledby="referrals-mine-label" data-testid="referrals-mine" />
            <Typography.Text id="referrals-mine-label">{t('referrals.routedToMe')}</Typography.Text>
          </Space>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'sent' ? 'sent' : undefined, mine: undefined, sort: undefined })}
        items={TABS.map((direction) => ({ key: direction, label: label(direction), children: direction === tab ? list : null }))}
      />
      {/* How this organisation's inbox is chased: its admin's to set (updateReferralSettings). */}
      {acting?.role === 'ORG_ADMIN' && <ReferralSettingsCard />}
    </div>
  );
}
