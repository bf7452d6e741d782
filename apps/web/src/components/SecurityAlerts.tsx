import { AlertOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { dateTime } from '../dates';
import { errorText } from '../errors';
import { graphql } from '../gql';
import { useActing } from '../session/SessionProvider';

const ALERTS = graphql(`
  query SecurityAlerts {
    securityAlerts(first: 20, unacknowledgedOnly: true) {
      edges { node { id kind occurredAt actorName actorOrganisationName subjectType subjectId reason } }
    }
  }
`);

const ACKNOWLEDGE = graphql(`
  mutation AcknowledgeSecurityAlert($id: ID!) { acknowledgeSecurityAlert(id: $id) { id acknowledgedAt } }
`);

/** Those told at once when someone breaks the glass on their records or checks ID numbers in bulk. */
export const ALERT_READERS = ['ORG_ADMIN', 'COORDINATOR', 'AUDITOR'];

/**
 * What an organisation's admins, coordinators and auditors must know at once: an emergency opening of
 * one of its records, a burst of ID-number checks by one of its staff. Each stays until someone deals with it.
 */
export function SecurityAlerts() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const reads = acting !== null && ALERT_READERS.includes(acting.role);
  const { data, error, refetch } = useQuery(ALERTS, { skip: !reads, fetchPolicy: 'network-only' });
  const [acknowledge] = useMutation(ACKNOWLEDGE);
  const [problem, setProblem] = useState<string | null>(null);
  if (!reads || !data) return error ? <Alert type="error" showIcon title={errorText(t, error)} /> : null;
  const alerts = data.securityAlerts.edges.map((e) => e.node);
  if (alerts.length === 0) return null;
  const done = async (id: string) => {
    setProblem(null);
    try {
      await acknowledge({ variables: { id } });
      await refetch();
    } catch (e) {
      setProblem(errorText(t, e));
    }
  };
  return (
    <Card title={<Space><AlertOutlined />{t('securityAlerts.title', { count: alerts.length })}</Space>} data-testid="security-alerts"
      styles={{ header: { background: '#fff2e8' } }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} />}
      <List
        dataSource={alerts}
        renderItem={(alert) => (
          <List.Item data-testid="security-alert" actions={[
            <Button key="ack" size="small" onClick={() => void done(alert.id)} data-testid="security-alert-acknowledge">{t('securityAlerts.acknowledge')}</Button>,
          ]}>
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}>
                <Tag color="volcano">{t(`securityAlerts.kinds.${alert.kind}`)}</Tag>
                <Typography.Text type="secondary">{dateTime(alert.occurredAt, i18n.language)}</Typography.Text>
              </Space>
              <Typography.Text>
                {t(`securityAlerts.said.${alert.kind}`, { who: alert.actorName ?? t('securityAlerts.someone'), organisation: alert.actorOrganisationName ?? '' })}
              </Typography.Text>
              {alert.reason && <Typography.Text type="secondary">{t('securityAlerts.reason', { reason: alert.reason })}</Typography.Text>}
              {alert.subjectType === 'Person' && alert.subjectId && <Link to={`/people/${alert.subjectId}`}>{t('securityAlerts.openRecord')}</Link>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
