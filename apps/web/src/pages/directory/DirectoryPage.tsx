import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Input, List, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useNeeds } from '../../components/Needs';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { ServiceFilter, ServiceOrderField, ServicesQuery } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { HsdsExport, HsdsImport } from './HsdsImport';
import { regionName } from '../../regions';
import { BEIJING_DISTRICTS, ServiceStatusTag } from './ServiceParts';
import { emptyText, ListLoading } from '../lists/ListLoading';
import { orderFromParam, orderFromSorter, orderToParam, sortableColumn } from '../lists/list-sort';
import { ListSortSelect } from '../lists/ListSortSelect';

/** The columns the API sorts the directory by (unsorted: the order services were added). */
const SORTS: ServiceOrderField[] = ['NAME', 'ORGANISATION', 'PLACES'];

const SERVICES = graphql(`
  query Services($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {
    services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges { node { id name organisationId organisationName categories serviceAreaCodes status updatedAt capacity { available maximum unit updatedAt } } }
      pageInfo { hasNextPage endCursor }
    }
    servicesCount(filter: $filter)
  }
`);

/** Who keeps an organisation's services: adds, edits and imports them. */
export const SERVICE_EDITOR_ROLES = ['ORG_ADMIN', 'COORDINATOR'];

type Row = ServicesQuery['services']['edges'][number]['node'];

/** Places left, "full" in red when none is, "not counted" when the service does not track them. */
export function PlacesLeft({ capacity }: { capacity: Row['capacity'] }) {
  const { t } = useTranslation();
  if (!capacity) return <Typography.Text type="secondary">{t('directory.placesNotTracked')}</Typography.Text>;
  if (capacity.available === 0) return <Tag color="red" data-testid="places-full">{t('directory.full')}</Tag>;
  return <span data-testid="places-left">{t('directory.placesLeft', { count: capacity.available, unit: capacity.unit })}</span>;
}

export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const needs = useNeeds();
  // The search lives in the address, so that going back from a service returns to the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const category = params.get('need') ?? undefined;
  const region = params.get('region') ?? undefined;
  const withPlaces = params.get('places') === '1';
  const filter: ServiceFilter = {
    ...(search.trim() ? { search: search.trim() } : {}), ...(category ? { category } : {}), ...(region ? { regionCode: region } : {}),
    ...(withPlaces ? { hasCapacity: true } : {}),
  };
  const order = orderFromParam(params.get('sort'), SORTS, null);
  const orderBy = order ?? undefined;
  const { data: answer, previousData, loading, error, fetchMore, refetch } = useQuery(SERVICES, { variables: { first: 25, filter, orderBy }, fetchPolicy: 'cache-and-network' });
  // While another sort or search is on its way, the rows shown before stay (under the spinner).
  const data = answer ?? previousData;
  const rows = data?.services.edges.map((e) => e.node) ?? [];
  const mayEdit = !!acting && SERVICE_EDITOR_ROLES.includes(acting.role);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (!value) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const name = (row: Row) => <Link to={`/directory/${row.id}`} data-testid={`service-${row.id}`}>{row.name}</Link>;
  const categories = (row: Row) => (
    <Space size={[4, 4]} wrap>{row.categories.map((c) => <Tag key={c} color="geekblue">{needs.name(c)}</Tag>)}</Space>
  );
  const updated = (row: Row) => dateTime(row.capacity?.updatedAt ?? row.updatedAt, i18n.resolvedLanguage);

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('directory.title')}</Typography.Title>
        <Space wrap>
          {data && <Typography.Text type="secondary" data-testid="services-count">{t('directory.count', { count: data.servicesCount })}</Typography.Text>}
          {mayEdit && <Link to="/directory/new"><Button type="primary" icon={<PlusOutlined />} data-testid="service-add">{t('directory.add')}</Button></Link>}
        </Space>
      </Space>
      <Space wrap size="middle">
        <Input.Search
          allowClear
          defaultValue={search}
          placeholder={t('directory.searchPlaceholder')}
          aria-label={t('directory.search')}
          onSearch={(v) => set('q', v)}
          style={{ width: 300 }}
          data-testid="services-search"
        />
        <Select allowClear placeholder={t('cases.allNeeds')} aria-label={t('directory.need')} value={category} onChange={(v?: string) => set('need', v)}
          options={needs.options} style={{ minWidth: 160 }} data-testid="services-need" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('directory.allDistricts')} aria-label={t('directory.district')} value={region}
          onChange={(v?: string) => set('region', v)} options={BEIJING_DISTRICTS.map((c) => ({ value: c, label: regionName(t, c) }))} style={{ minWidth: 160 }} />
        {phone && (
          <ListSortSelect testId="services-sort" value={order} onChange={(o) => set('sort', orderToParam(o))} columns={[
            { field: 'NAME', label: t('directory.service') }, { field: 'ORGANISATION', label: t('directory.organisation') }, { field: 'PLACES', label: t('directory.places') },
          ]} />
        )}
        <Space>
          <Switch checked={withPlaces} onChange={(on) => set('places', on ? '1' : undefined)} aria-labelledby="services-places-label" data-testid="services-with-places" />
          <Typography.Text id="services-places-label">{t('directory.withPlaces')}</Typography.Text>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {!data && !error ? <ListLoading /> : phone ? (
        <List
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: emptyText(loading, t('directory.empty')) }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                <Space wrap><Typography.Text strong>{name(row)}</Typography.Text><ServiceStatusTag status={row.status} /></Space>
                <Typography.Text type="secondary">{row.organisationName}</Typography.Text>
                {categories(row)}
                <Space wrap><PlacesLeft capacity={row.capacity} /><Typography.Text type="secondary">{t('directory.updatedAt', { date: updated(row) })}</Typography.Text></Space>
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
          locale={{ emptyText: emptyText(loading, t('directory.empty')) }}
          data-testid="services-table"
          onRow={(row) => ({ 'data-testid': `service-row-${row.id}` }) as never}
          onChange={(_pagination, _filters, sorter) => set('sort', orderToParam(orderFromSorter(sorter, SORTS, null)))}
          columns={[
            { title: t('directory.service'), key: 'NAME', ...sortableColumn('NAME', order), render: (_, row) => <Space wrap>{name(row)}{row.status !== 'ACTIVE' && <ServiceStatusTag status={row.status} />}</Space> },
            { title: t('directory.organisation'), dataIndex: 'organisationName', key: 'ORGANISATION', ...sortableColumn('ORGANISATION', order) },
            { title: t('directory.categories'), key: 'categories', render: (_, row) => categories(row) },
            { title: t('directory.places'), key: 'PLACES', ...sortableColumn('PLACES', order, 'DESC'), render: (_, row) => <PlacesLeft capacity={row.capacity} /> },
            { title: t('directory.updated'), key: 'updated', render: (_, row) => updated(row) },
          ]}
        />
      )}
      {data?.services.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: 25, filter, orderBy, after: data.services.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
      {mayEdit && (
        <>
          <HsdsImport onImported={() => void refetch()} />
          <HsdsExport />
        </>
      )}
    </div>
  );
}
