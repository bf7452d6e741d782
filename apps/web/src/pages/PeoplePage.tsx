import { UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Input, List, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Guarded } from '../components/Guarded';
import { errorText } from '../errors';
import { graphql } from '../gql';
import type { PeopleQuery, PeopleSearch } from '../gql/graphql';
import { searchFrom } from './people-search';
import { useActing } from '../session/SessionProvider';

const PEOPLE = graphql(`
  query People($first: Int, $after: String, $search: PeopleSearch) {
    people(first: $first, after: $after, search: $search) {
      edges { node { id fullName gender birthYear phone regionCode } }
      pageInfo { hasNextPage endCursor }
    }
    peopleCount(search: $search)
  }
`);

export const REGISTRAR_ROLES = ['COORDINATOR', 'CASEWORKER'];

type Row = PeopleQuery['people']['edges'][number]['node'];

export function PeoplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  const [search, setSearch] = useState<PeopleSearch | undefined>(undefined);
  const { data, loading, error, fetchMore } = useQuery(PEOPLE, { variables: { first: 25, search } });
  const rows = data?.people.edges.map((e) => e.node) ?? [];
  const canRegister = !!acting && REGISTRAR_ROLES.includes(acting.role);
  const name = (row: Row) => <Link to={`/people/${row.id}`} data-testid={`person-${row.id}`}><Guarded value={row.fullName} /></Link>;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('people.title')}</Typography.Title>
        <Space>
          {data && <Typography.Text type="secondary" data-testid="people-count">{t('people.count', { count: data.peopleCount })}</Typography.Text>}
          {canRegister && <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate('/people/new')} data-testid="register-open">{t('people.register')}</Button>}
        </Space>
      </Space>
      <Input.Search
        allowClear
        enterButton
        placeholder={t('people.searchPlaceholder')}
        aria-label={t('people.search')}
        data-testid="people-search"
        onSearch={(text) => setSearch(searchFrom(text))}
        style={{ maxWidth: 480 }}
      />
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      {phone ? (
        <List
          loading={loading && !data}
          dataSource={rows}
          locale={{ emptyText: t('people.empty') }}
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
          loading={loading && !data}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('people.empty') }}
          columns={[
            { title: t('people.name'), key: 'name', render: (_, row) => name(row) },
            { title: t('people.gender'), key: 'gender', render: (_, row) => (row.gender ? t(`gender.${row.gender}`) : <Guarded value={null} />) },
            { title: t('people.birthYear'), key: 'birthYear', render: (_, row) => <Guarded value={row.birthYear} /> },
            { title: t('people.phone'), key: 'phone', render: (_, row) => <Guarded value={row.phone} /> },
            { title: t('people.region'), key: 'region', render: (_, row) => <Guarded value={row.regionCode} /> },
          ]}
        />
      )}
      {data?.people.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: 25, search, after: data.people.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
