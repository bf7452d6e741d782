import { skipToken, useQuery } from '@apollo/client/react';
import { Button, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNeeds } from '../../../components/Needs';
import { graphql } from '../../../gql';
import type { ServiceFilter } from '../../../gql/graphql';
import { regionName } from '../../../regions';
import { useActing } from '../../../session/SessionProvider';
import type { CaseData } from '../../cases/CasePage';
import type { Chosen } from './refer-draft';

const SERVICES_FOR_REFERRAL = graphql(`
  query ServicesForReferral($filter: ServiceFilter) {
    services(first: 50, filter: $filter) {
      edges { node { id name organisationId organisationName capacity { available unit } } }
    }
  }
`);

/** Any active service of the directory, by need and (by default) the person's district: for what matching does not suggest. */
export function SearchDirectory({ found, onChoose }: { found: CaseData; onChoose: (chosen: Chosen) => void }) {
  const { t } = useTranslation();
  const acting = useActing();
  const needs = useNeeds();
  const [category, setCategory] = useState<string | undefined>(found.needs?.[0]);
  const [nearby, setNearby] = useState(!!found.regionCode);
  const [search, setSearch] = useState('');
  const filter: ServiceFilter = {
    status: 'ACTIVE', ...(category ? { category } : {}), ...(nearby && found.regionCode ? { regionCode: found.regionCode } : {}), ...(search.trim() ? { search: search.trim() } : {}),
  };
  const { data, loading } = useQuery(SERVICES_FOR_REFERRAL, acting ? { variables: { filter }, fetchPolicy: 'network-only' } : skipToken);
  const services = data?.services.edges.map((e) => e.node) ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('directory.searchPlaceholder')} aria-label={t('directory.search')} onSearch={setSearch} style={{ width: 200 }} data-testid="refer-search" />
        <Select allowClear value={category} onChange={(v?: string) => setCategory(v)} placeholder={t('cases.allNeeds')} aria-label={t('refer.category')}
          data-testid="refer-category" options={needs.options} style={{ minWidth: 160 }} />
        {found.regionCode && (
          <Space>
            <Switch checked={nearby} onChange={setNearby} aria-labelledby="refer-nearby-label" />
            <Typography.Text id="refer-nearby-label">{t('refer.nearby', { region: regionName(t, found.regionCode) })}</Typography.Text>
          </Space>
        )}
      </Space>
      <List
        size="small"
        loading={loading}
        dataSource={services}
        locale={{ emptyText: t('refer.noServices') }}
        renderItem={(s) => {
          // The API refuses a referral to one's own organisation: it needs none.
          const own = s.organisationId === acting?.organisation.id;
          return (
            <List.Item
              actions={[
                <Button key="choose" size="small" disabled={own} data-testid={`refer-pick-${s.id}`}
                  onClick={() => onChoose({ serviceId: s.id, serviceName: s.name, organisationId: s.organisationId, organisationName: s.organisationName, placesAvailable: s.capacity?.available ?? null })}>
                  {t('refer.choose')}
                </Button>,
              ]}
            >
              <Space wrap size={4}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary">{s.organisationName}</Typography.Text>
                <Typography.Text type="secondary">· {s.capacity ? t('refer.places', { count: s.capacity.available, unit: s.capacity.unit }) : t('refer.placesNotTracked')}</Typography.Text>
                {own && <Tag>{t('refer.ownService')}</Tag>}
              </Space>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
