import { Card, Descriptions, Empty, Grid, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SecurityAlerts } from '../../components/SecurityAlerts';
import { regionName } from '../../regions';
import { useActing, useSession } from '../../session/SessionProvider';
import { TaskBoardPage } from '../tasks/TaskBoardPage';
import { Worklist } from './Worklist';

/** Roles whose day runs on cases and referrals (libs/cases, libs/referrals: *.rules.ts). */
const CASE_ROLES = ['ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF'];

export function HomePage() {
  const { t } = useTranslation();
  const { user, activeMemberships } = useSession();
  const acting = useActing();
  const phone = !Grid.useBreakpoint().md;
  // A volunteer's home is the task board.
  if (acting?.role === 'VOLUNTEER') return <TaskBoardPage />;
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 880 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="welcome">{t('home.welcome', { name: user?.displayName })}</Typography.Title>
      <SecurityAlerts />
      {acting && CASE_ROLES.includes(acting.role) && <Worklist />}
      {acting ? (
        <Card
          title={<span data-testid="acting-organisation">{acting.organisation.name}</span>}
          extra={phone ? null : <Typography.Text type="secondary">{t('home.actingFor')}</Typography.Text>}
          styles={{ title: { whiteSpace: 'normal' } }}
          data-testid="acting-card"
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('home.role')}><Tag color="blue" data-testid="acting-role">{t(`roles.${acting.role}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('home.kind')}>{t(`orgKinds.${acting.organisation.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('home.region')}>{regionName(t, acting.organisation.regionCode)}</Descriptions.Item>
            {acting.organisation.parent && <Descriptions.Item label={t('home.parent')}>{acting.organisation.parent.name}</Descriptions.Item>}
          </Descriptions>
        </Card>
      ) : (
        <Empty description={t('home.noMembership')} />
      )}
      {activeMemberships.length > 1 && (
        <Card title={t('home.myOrganisations')}>
          <List
            dataSource={activeMemberships}
            renderItem={(m) => (
              <List.Item>
                <span>{m.organisation.name}</span>
                <Tag>{t(`roles.${m.role}`)}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
