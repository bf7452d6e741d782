import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors';
import { graphql } from '../gql';
import type { AuditTrailQuery } from '../gql/graphql';

const AUDIT = graphql(`
  query AuditTrail($after: String, $subjectId: ID) {
    auditTrail(first: 50, after: $after, subjectId: $subjectId) {
      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId fields grounds requestId } }
      pageInfo { hasNextPage endCursor }
    }
    auditChainStatus { intact events brokenAt problem }
  }
`);

type Entry = AuditTrailQuery['auditTrail']['edges'][number]['node'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For auditors: what happened to whose records, on what grounds — and whether the trail is intact. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [subjectId, setSubjectId] = useState<string | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(AUDIT, { variables: { subjectId }, fetchPolicy: 'network-only' });
  const status = data?.auditChainStatus;
  const fieldName = (entry: Entry, field: string) => (entry.subjectType === 'Person' ? t(`person.fields.${field}`, { defaultValue: field }) : field);

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('audit.title')}</Typography.Title>
      {status && (status.intact ? (
        <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} data-testid="chain-status" message={t('audit.intact', { count: status.events })} />
      ) : (
        <Alert type="error" showIcon icon={<WarningOutlined />} data-testid="chain-status" message={t('audit.broken', { position: status.brokenAt })}
          description={t(status.problem === 'EDITED' ? 'audit.edited' : 'audit.linkBroken')} />
      ))}
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('audit.subjectPlaceholder')}
          aria-label={t('audit.subject')}
          status={invalid ? 'error' : undefined}
          onSearch={(text) => {
            const value = text.trim();
            setInvalid(value !== '' && !UUID.test(value));
            if (value === '' || UUID.test(value)) setSubjectId(value || undefined);
          }}
          style={{ width: 420, maxWidth: '100%' }}
        />
        {invalid && <Typography.Text type="danger">{t('audit.subjectInvalid')}</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      <Table<Entry>
        rowKey="position"
        loading={loading && !data}
        dataSource={data?.auditTrail.edges.map((e) => e.node) ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'position' },
          { title: t('audit.when'), key: 'when', render: (_, e) => new Date(e.occurredAt).toLocaleString(i18n.language) },
          { title: t('audit.who'), key: 'who', render: (_, e) => <Space direction="vertical" size={0}><span>{e.actorName ?? '—'}</span><Typography.Text type="secondary">{e.actorOrganisationName}</Typography.Text></Space> },
          { title: t('audit.action'), key: 'action', render: (_, e) => <Tag color={e.action === 'DENY' ? 'red' : e.action === 'READ' ? 'blue' : 'default'}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Tag> },
          { title: t('audit.record'), key: 'record', render: (_, e) => <Space direction="vertical" size={0}><span>{t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })}</span><Typography.Text type="secondary" copyable={e.subjectId ? { text: e.subjectId } : false}>{e.subjectId?.slice(-12)}</Typography.Text></Space> },
          { title: t('audit.fields'), key: 'fields', render: (_, e) => e.fields.map((f) => fieldName(e, f)).join('、') },
          { title: t('audit.grounds'), key: 'grounds', render: (_, e) => <Typography.Text code>{e.grounds}</Typography.Text> },
        ]}
      />
      {data?.auditTrail.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { subjectId, after: data.auditTrail.pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
