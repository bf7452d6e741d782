import { DownloadOutlined, SolutionOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Input, List, Segmented, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { releaseFirstScreen } from '../../first-screen';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { PeopleOrder, PeopleQuery, PeopleSearch, SortDirection } from '../../gql/graphql';
import { ExportPeopleDialog } from './ExportPeopleDialog';
import { searchFrom } from './people-search';
import { useActing } from '../../session/SessionProvider';
import { regionName } from '../../regions';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { orderFromSorter, sortableColumn } from '../lists/list-sort';

const PEOPLE = graphql(`
  query People($first: Int, $after: String, $search: PeopleSearch, $orderBy: PeopleOrder, $orderDirection: SortDirection) {
    people(first: $first, after: $after, search: $search, orderBy: $orderBy, orderDirection: $orderDirection) {
      edges { node { id fullName gender birthYear phone regionCode } }
      pageInfo { hasNextPage endCursor }
    }
    peopleCount(search: $search)
  }
`);

export const REGISTRAR_ROLES = ['COORDINATOR', 'CASEWORKER'];
/** Roles the registry's rules can show people to, and so who may export what they see. */
const VIEWER_ROLES = ['COORDINATOR', 'CASEWORKER', 'STAFF', 'ORG_ADMIN'];
const ORDERS: PeopleOrder[] = ['REGISTERED', 'NAME'];

type Row = PeopleQuery['people']['edges'][number]['node'];

export function PeoplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const [search, setSearch] = useState<PeopleSearch | undefined>(undefined);
  const [orderBy, setOrderBy] = useState<PeopleOrder>('REGISTERED');
  const [orderDirection, setOrderDirection] = useState<SortDirection>('ASC');
  const { data: answer, previousData, loading, error, fetchMore } = useQuery(PEOPLE, { variables: { first: 25, search, orderBy, orderDirection } });
  // While another search or order is on its way, the rows shown before stay (under the spinner).
  const data = answer ?? previousData;
  const [exporting, setExporting] = useState(false);
  const rows = data?.people.edges.map((e) => e.node) ?? [];
  const canRegister = !!acting && REGISTRAR_ROLES.includes(acting.role);
  const canExport = !!acting && VIEWER_ROLES.includes(acting.role);
  // The list the server drew first (if it did) stands until this one can take its place.
  useEffect(() => {
    if (data || error) releaseFirstScreen();
  }, [data, error]);

  const name = (row: Row) => <Link to={`/people/${row.id}`} data-testid={`person-${row.id}`}><Guarded value={row.fullName} /></Link>;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('people.title')}</Typography.Title>
        <Space wrap>
          {data && <Typography.Text type="secondary" data-testid="people-count">{t('people.count', { count: data.peopleCount })}</Typography.Text>}
          {canExport && <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="people-export">{t('people.export')}</Button>}
          {canRegister && <Button icon={<SolutionOutlined />} onClick={() => navigate('/intake')} data-testid="intake-open">{t('insights.intake.title')}</Button>}
          {canRegister && <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate('/people/new')} data-testid="register-open">{t('people.register')}</Button>}
        </Space>
      </Space>
      {exporting && <ExportPeopleDialog search={search} orderBy={orderBy} onClose={() => setExporting(false)} />}
      <Input.Search
        allowClear
        enterButton
        placeholder={t('people.searchPlaceholder')}
        aria-label={t('people.search')}
        data-testid="people-search"
        onSearch={(text) => setSearch(searchFrom(text))}
        style={{ maxWidth: 480 }}
      />
      <Space wrap>
        <Typography.Text type="secondary" id="people-order-label">{t('people.orderBy')}</Typography.Text>
        <Segmented<PeopleOrder>
          aria-labelledby="people-order-label"
          data-testid="people-order"
          value={orderBy}
          onChange={(o) => { setOrderBy(o); setOrderDirection('ASC'); }}
          options={ORDERS.map((o) => ({ value: o, label: t(`people.order.${o}`) }))}
        />
        {orderBy === 'NAME' && <Typography.Text type="secondary" data-testid="people-order-hint">{t('people.nameOrderHint')}</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      {!data && !error ? <ListLoading /> : phone ? (
        <List
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: emptyText(loading, t('people.empty')) }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space direction="vertical">
                <Typography.Text strong>{name(row)}</Typography.Text>
                <Typography.Text type="secondary">{row.gender ? t(`gender.${row.gender}`) : ''} · {row.birthYear ?? ''} · <Guarded value={row.phone} /></Typography.Text>
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
          locale={{ emptyText: emptyText(loading, t('people.empty')) }}
          data-testid="people-table"
          onChange={(_pagination, _filters, sorter) => {
            // By name, the API lists only the people whose name you may read (the hint says so); unsorted, in the order registered.
            const order = orderFromSorter(sorter, ['NAME'] as const, null);
            setOrderBy(order ? 'NAME' : 'REGISTERED');
            setOrderDirection(order?.direction ?? 'ASC');
          }}
          columns={[
            { title: t('people.name'), key: 'NAME', ...sortableColumn('NAME', orderBy === 'NAME' ? { field: 'NAME', direction: orderDirection } : null), render: (_, row) => name(row) },
            { title: t('people.gender'), key: 'gender', render: (_, row) => (row.gender ? t(`gender.${row.gender}`) : <Guarded value={null} />) },
            { title: t('people.birthYear'), key: 'birthYear', render: (_, row) => <Guarded value={row.birthYear} /> },
            { title: t('people.phone'), key: 'phone', render: (_, row) => <Guarded value={row.phone} /> },
            { title: t('people.region'), key: 'region', render: (_, row) => <Guarded value={row.regionCode && regionName(t, row.regionCode)} /> },
          ]}
        />
      )}
      {data?.people.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: 25, search, orderBy, orderDirection, after: data.people.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
