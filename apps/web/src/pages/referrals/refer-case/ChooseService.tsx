import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../errors';
import { graphql } from '../../../gql';
import type { CaseData } from '../../cases/CasePage';
import { MatchReasons } from '../MatchReasons';
import type { Chosen } from './refer-draft';
import { SearchDirectory } from './SearchDirectory';

const MATCH_SERVICES = graphql(`
  query MatchServices($caseId: ID!, $first: Int!) {
    matchServices(caseId: $caseId, first: $first) {
      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }
    }
  }
`);

/** Step 1: the matched services, best first, each with its reasons; any other service of the directory below. */
export function ChooseService({ found, chosen, onChoose }: { found: CaseData; chosen: Chosen | null; onChoose: (chosen: Chosen) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(MATCH_SERVICES, { variables: { caseId: found.id, first: 20 }, fetchPolicy: 'network-only' });
  const matches = data?.matchServices ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('refer.matchesHelp')}</Typography.Text>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error, 'referral')} />}
      <List
        loading={loading}
        dataSource={matches}
        data-testid="refer-matches"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('refer.noMatches')} /> }}
        renderItem={(m, i) => (
          <List.Item
            data-testid={`refer-match-${m.serviceId}`}
            style={chosen?.serviceId === m.serviceId ? { background: '#e6f4ff', paddingInline: 8 } : { paddingInline: 8 }}
            actions={[
              <Button key="choose" type={i === 0 ? 'primary' : 'default'} data-testid={`refer-choose-${m.serviceId}`}
                onClick={() => onChoose({ serviceId: m.serviceId, serviceName: m.serviceName, organisationId: m.organisationId, organisationName: m.organisationName, placesAvailable: m.placesAvailable })}>
                {t('refer.choose')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong data-testid="refer-match-name">{m.serviceName}</Typography.Text>
                <Typography.Text type="secondary">{m.organisationName}</Typography.Text>
                {m.placesAvailable === null ? <Tag>{t('directory.placesNotTracked')}</Tag>
                  : m.placesAvailable === 0 ? <Tag color="red">{t('directory.full')}</Tag>
                    : <Tag color="green" data-testid="refer-match-places">{t('refer.places', { count: m.placesAvailable, unit: placesUnit(m.reasons) })}</Tag>}
              </Space>
              <MatchReasons reasons={m.reasons} without={m.placesAvailable === null ? [] : ['PLACES']} />
            </Space>
          </List.Item>
        )}
      />
      <Collapse
        size="small"
        items={[{ key: 'search', label: <Space><SearchOutlined aria-hidden />{t('refer.searchDirectory')}</Space>, children: <SearchDirectory found={found} onChoose={onChoose} /> }]}
        data-testid="refer-search-directory"
      />
    </Space>
  );
}

/** The unit of places is in the PLACES reason's facts (`["6", "人"]`). */
const placesUnit = (reasons: { code: string; values: string[] }[]) => reasons.find((r) => r.code === 'PLACES')?.values[1] ?? '';
