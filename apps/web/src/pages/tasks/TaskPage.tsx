import { ClockCircleOutlined, EnvironmentOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { graphql } from '../../gql';
import { newIdempotencyKey } from '../../idempotency';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { ClaimDetails } from './MyTasksPage';
import { taskErrorText, timeRange, useNow, useSkillNames } from './task-parts';

const TASK = graphql(`
  query TaskForVolunteer($id: ID!) {
    task(id: $id) {
      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor
      homeVisit status cancelledReason discloses coverAskedOfMe
      claims { id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version checkInPlace { latitude longitude accuracyMeters } }
      person { id fullName phone address }
    }
  }
`);

const CLAIM = graphql(`
  mutation ClaimTask($input: ClaimTaskInput!) {
    claimTask(input: $input) { id status waitlistPosition }
  }
`);

const ACTIVE = ['HELD', 'PENDING', 'WAITLISTED', 'OFFERED', 'COMPLETED', 'NO_SHOW'];

/** One task as a volunteer sees it: what it is, their claim and what they can do, and — once held — whom it serves. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const skillName = useSkillNames();
  const now = useNow();
  const { data, loading, error } = useQuery(TASK, { variables: { id } });
  const [claim, claiming] = useMutation(CLAIM, { refetchQueries: ['TaskForVolunteer', 'MyClaims', 'TaskBoard'], awaitRefetchQueries: true });
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  // One key per visit: a double tap or a retried request makes one claim.
  const key = useMemo(() => newIdempotencyKey(), []);

  const task = data?.task;
  if (task && acting && acting.role !== 'VOLUNTEER' && task.organisationId === acting.organisation.id) return <Navigate to={`/org-tasks/${task.id}`} replace />;
  if (loading && !data) return <Skeleton active />;
  if (error || !task) return <Result status="404" title={error ? taskErrorText(t, error) : t('tasks.page.notFound')} extra={<Link to="/">{t('tasks.page.back')}</Link>} />;

  const mine = task.claims.find((c) => ACTIVE.includes(c.status)) ?? task.claims[0];
  const claimable = task.status === 'OPEN' && new Date(task.startsAt).getTime() > now && (!mine || !ACTIVE.includes(mine.status));
  const full = task.placesTaken >= task.slots;
  const doClaim = async () => {
    setProblem(null);
    try {
      const res = await claim({ variables: { input: { taskId: task.id, idempotencyKey: key } } });
      const made = res.data!.claimTask;
      setOutcome(t(`tasks.page.claimed.${made.status}`, { position: made.waitlistPosition, defaultValue: '' }));
    } catch (e) {
      setProblem(taskErrorText(t, e));
    }
  };

  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="task-heading">{task.title}</Typography.Title>
      {task.status === 'CANCELLED' && <Alert type="warning" showIcon message={t('tasks.page.cancelled', { reason: task.cancelledReason ?? '' })} />}
      {task.status === 'COMPLETED' && <Alert type="info" showIcon message={t('tasks.page.completed')} />}
      {task.coverAskedOfMe && claimable && <Alert type="info" showIcon message={t('tasks.page.askedYou', { organisation: task.organisationName })} />}
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('tasks.page.organisation')}>{task.organisationName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.page.when')}><ClockCircleOutlined /> {timeRange(task.startsAt, task.endsAt, i18n.resolvedLanguage)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.page.where')}><EnvironmentOutlined /> {regionName(t, task.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.page.places')}>
            <span data-testid="task-places">{t('tasks.page.placesText', { taken: task.placesTaken, slots: task.slots, waiting: task.waitlistLength })}</span>
          </Descriptions.Item>
          {task.skills.length > 0 && <Descriptions.Item label={t('tasks.page.skills')}>{task.skills.map((s) => <Tag key={s} color="blue">{skillName(s)}</Tag>)}</Descriptions.Item>}
        </Descriptions>
        {task.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{task.description}</Typography.Paragraph>}
        <Space wrap>
          {task.needsApproval && <Tag>{t('tasks.card.needsApproval')}</Tag>}
          {task.involvesMinor && <Tag color="volcano">{t('tasks.card.involvesMinor')}</Tag>}
          {task.homeVisit && <Tag color="volcano">{t('tasks.card.homeVisit')}</Tag>}
        </Space>
        {(task.involvesMinor || task.homeVisit) && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('tasks.page.safeguarding')}</Typography.Paragraph>}
      </Card>

      {outcome && <Alert type="success" showIcon message={outcome} data-testid="claim-outcome" />}
      {problem && <Alert type="error" showIcon message={problem} data-testid="claim-problem" />}
      {claimable && acting?.role === 'VOLUNTEER' && (
        <Button type="primary" size="large" block style={{ minHeight: 52, fontSize: 18 }} loading={claiming.loading} onClick={() => void doClaim()} data-testid="claim">
          {full ? t('tasks.page.joinWaitlist') : task.needsApproval ? t('tasks.page.applyForPlace') : t('tasks.page.claim')}
        </Button>
      )}
      {mine && ACTIVE.includes(mine.status) && (
        <Card size="small" title={t('tasks.page.myClaim')} data-testid="my-claim"><ClaimDetails claim={{ ...mine, task }} withStatus /></Card>
      )}

      {task.discloses.length > 0 && acting?.role === 'VOLUNTEER' && (
        <Card size="small" title={t('tasks.person.title')} data-testid="task-person">
          {!task.person ? (
            <Typography.Text type="secondary"><LockOutlined /> {t('tasks.person.afterApproval')}</Typography.Text>
          ) : (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('tasks.person.name')}><span data-testid="person-name">{task.person.fullName}</span></Descriptions.Item>
              {task.discloses.includes('contact') && (
                <Descriptions.Item label={t('tasks.person.phone')}>
                  <span data-testid="person-phone">{task.person.phone ?? t('tasks.person.phoneLater')}</span>
                  {task.person.phone?.includes('*') && <Typography.Text type="secondary"> {t('tasks.person.phoneMasked')}</Typography.Text>}
                </Descriptions.Item>
              )}
              {task.discloses.includes('location') && (
                <Descriptions.Item label={t('tasks.person.address')}>
                  <span data-testid="person-address">{task.person.address ?? t('tasks.person.addressLater')}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('tasks.person.rules')}</Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
