import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import { showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { ClaimStatus, OrgTaskQuery } from '../../gql/graphql';
import { hours, placeText, useSkillNames } from '../tasks/task-parts';
import { beijingToday, orgTaskError, ReasonDialog } from './org-task-parts';

const APPROVE = graphql(`
  mutation ApproveClaim($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status version } }
`);
const DECLINE = graphql(`
  mutation DeclineClaim($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason version } }
`);
const CONFIRM_HOURS = graphql(`
  mutation ConfirmHours($input: ConfirmHoursInput!) { confirmHours(input: $input) { id status minutes hoursConfirmedAt version } }
`);
const MARK_NO_SHOW = graphql(`
  mutation MarkNoShow($input: ClaimDecisionInput!) { markNoShow(input: $input) { id status reason version } }
`);

type Task = OrgTaskQuery['task'];
type Claim = Task['claims'][number];

/** Who comes, group by group: places held (and, after the task, who came), waiting for approval, offered, the waitlist in order, ended. */
const GROUPS: { key: string; statuses: ClaimStatus[] }[] = [
  { key: 'held', statuses: ['HELD', 'COMPLETED', 'NO_SHOW'] },
  { key: 'pending', statuses: ['PENDING'] },
  { key: 'offered', statuses: ['OFFERED'] },
  { key: 'waitlist', statuses: ['WAITLISTED'] },
  { key: 'ended', statuses: ['DECLINED', 'RELEASED', 'EXPIRED', 'CANCELLED'] },
];

const CLAIM_COLOURS: Partial<Record<ClaimStatus, string>> = {
  HELD: 'green', PENDING: 'gold', WAITLISTED: 'blue', OFFERED: 'magenta', COMPLETED: 'cyan', NO_SHOW: 'red', DECLINED: 'red',
};

/** What happens after a claim moved: the task (places, waitlist, timeline) is read again. */
const AFTER_CLAIM = { refetchQueries: ['OrgTask', 'OrganisationTasks'], awaitRefetchQueries: true };

export function TaskClaims({ task, now }: { task: Task; now: number }) {
  const { t } = useTranslation();
  const started = new Date(task.startsAt).getTime() <= now;
  const taskMinutes = Math.round((new Date(task.endsAt).getTime() - new Date(task.startsAt).getTime()) / 60_000);
  const groups = GROUPS.map((g) => ({
    ...g,
    claims: task.claims.filter((c) => g.statuses.includes(c.status))
      .sort((a, b) => (g.key === 'waitlist' ? (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) : a.createdAt.localeCompare(b.createdAt))),
  })).filter((g) => g.claims.length > 0);
  if (groups.length === 0) return <Empty description={t('orgTasks.claims.none')} />;
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }} data-testid="task-claims">
      {groups.map((g) => (
        <section key={g.key} data-testid={`claims-${g.key}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t(`orgTasks.claims.groups.${g.key}`, { count: g.claims.length })}</Typography.Title>
          <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)' }}>
            {g.claims.map((c) => <ClaimRow key={c.id} claim={c} started={started} taskMinutes={taskMinutes} />)}
          </div>
        </section>
      ))}
    </div>
  );
}

function ClaimRow({ claim, started, taskMinutes }: { claim: Claim; started: boolean; taskMinutes: number }) {
  const { t, i18n } = useTranslation();
  const skillName = useSkillNames();
  const when = (iso: string | null | undefined) => dateTime(iso, i18n.resolvedLanguage);
  const v = claim.volunteer;
  const lapsed = !!v?.backgroundCheckValidUntil && v.backgroundCheckValidUntil < beijingToday();
  return (
    <Card size="small" data-testid="claim-row" data-status={claim.status} data-id={claim.id}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap size={6}>
            <Typography.Text strong data-testid="claim-volunteer">{v?.displayName ?? t('orgTasks.claims.nameWithheld')}</Typography.Text>
            {v?.phone
              ? <a href={`tel:${v.phone}`} data-testid="claim-phone">{v.phone}</a>
              : <Typography.Text type="secondary" data-testid="claim-phone-withheld">{t('orgTasks.claims.phoneWithheld')}</Typography.Text>}
          </Space>
          <Tag color={CLAIM_COLOURS[claim.status] ?? 'default'} data-testid="claim-status">
            {claim.status === 'WAITLISTED' && claim.waitlistPosition
              ? t('orgTasks.claims.position', { position: claim.waitlistPosition })
              : claim.status === 'COMPLETED' && !claim.checkedInAt ? t('orgTasks.claims.cameWithoutCheckIn') : t(`orgTasks.claimStatus.${claim.status}`)}
          </Tag>
        </Space>
        {v && (
          <Space size={4} wrap>
            {(v.skills ?? []).map((s) => <Tag key={s} bordered={false}>{skillName(s)}</Tag>)}
            {v.identityCheckedAt && <Tag icon={<CheckCircleOutlined />} color="green" bordered={false}>{t('orgTasks.claims.identityChecked')}</Tag>}
            {v.backgroundCheckValidUntil && (
              <Tag color={lapsed ? 'red' : 'green'} bordered={false} icon={lapsed ? <WarningOutlined /> : undefined}>
                {t(lapsed ? 'orgTasks.claims.backgroundLapsed' : 'orgTasks.claims.backgroundUntil', { date: v.backgroundCheckValidUntil })}
              </Tag>
            )}
          </Space>
        )}
        {claim.status === 'OFFERED' && claim.offeredUntil && (
          <Typography.Text type="secondary">{t('orgTasks.claims.offeredUntil', { when: when(claim.offeredUntil) })}</Typography.Text>
        )}
        {(claim.checkedInAt || claim.checkedOutAt) && (
          <Typography.Text data-testid="claim-attendance">
            {t('orgTasks.claims.checkedIn', { when: when(claim.checkedInAt) || '—' })} · {t('orgTasks.claims.checkedOut', { when: when(claim.checkedOutAt) || '—' })}
          </Typography.Text>
        )}
        {(claim.checkInPlace || claim.checkOutPlace) && (
          <Typography.Text type="secondary" data-testid="claim-places">
            {[claim.checkInPlace && t('orgTasks.claims.checkInPlace', { place: placeText(t, claim.checkInPlace) }),
              claim.checkOutPlace && t('orgTasks.claims.checkOutPlace', { place: placeText(t, claim.checkOutPlace) })].filter(Boolean).join(' · ')}
          </Typography.Text>
        )}
        {claim.minutes != null && (
          <Typography.Text data-testid="claim-minutes">
            {t('orgTasks.claims.minutes', { hours: hours(claim.minutes), minutes: claim.minutes })}
            {' '}
            {claim.hoursConfirmedAt
              ? <Tag color="green" bordered={false}>{t('orgTasks.claims.hoursConfirmed', { when: when(claim.hoursConfirmedAt) })}</Tag>
              : <Tag color="gold" bordered={false}>{t('orgTasks.claims.hoursAwaiting')}</Tag>}
          </Typography.Text>
        )}
        {claim.report && (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="claim-report">
            <Typography.Text type="secondary">{t('orgTasks.claims.report')}：</Typography.Text>{claim.report}
          </Typography.Paragraph>
        )}
        {claim.reason && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('orgTasks.claims.reason', { reason: claim.reason })}</Typography.Paragraph>
        )}
        <ClaimActions claim={claim} started={started} taskMinutes={taskMinutes} />
      </Space>
    </Card>
  );
}

/**
 * What the organisation may do with a claim now: approve or decline one waiting; after the task starts, confirm
 * hours, record those of a volunteer who came without checking in, or mark who never came.
 */
function ClaimActions({ claim, started, taskMinutes }: { claim: Claim; started: boolean; taskMinutes: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [approve, approving] = useMutation(APPROVE, AFTER_CLAIM);
  const [decline] = useMutation(DECLINE, AFTER_CLAIM);
  const [noShow, markingNoShow] = useMutation(MARK_NO_SHOW, AFTER_CLAIM);
  const [declining, setDeclining] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = claim.volunteer?.displayName ?? t('orgTasks.claims.nameWithheld');

  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      void message.success(done);
    } catch (e) {
      setProblem(orgTaskError(t, e));
    }
  };

  const buttons = [];
  if (claim.status === 'PENDING') {
    buttons.push(
      <Button key="approve" type="primary" loading={approving.loading} data-testid="claim-approve"
        onClick={() => void run(() => approve({ variables: { input: { claimId: claim.id } } }), t('orgTasks.claims.approved', { name }))}>
        {t('orgTasks.claims.approve')}
      </Button>,
      <Button key="decline" danger onClick={() => setDeclining(true)} data-testid="claim-decline">{t('orgTasks.claims.decline')}</Button>,
    );
  }
  if (claim.status === 'COMPLETED' && !claim.hoursConfirmedAt) {
    buttons.push(<Button key="confirm" type="primary" onClick={() => setConfirming(true)} data-testid="claim-confirm-hours">{t('orgTasks.claims.confirmHours')}</Button>);
  }
  if (claim.status === 'HELD' && started && !claim.checkedInAt) {
    buttons.push(
      <Button key="record" onClick={() => setRecording(true)} data-testid="claim-record-attendance">{t('orgTasks.claims.recordAttendance')}</Button>,
    );
    buttons.push(
      <Popconfirm key="noshow" title={t('orgTasks.claims.noShowConfirm', { name })} okText={t('members.confirm')} cancelText={t('members.cancel')}
        onConfirm={() => run(() => noShow({ variables: { input: { claimId: claim.id } } }), t('orgTasks.claims.markedNoShow', { name }))}>
        <Button danger loading={markingNoShow.loading} data-testid="claim-no-show">{t('orgTasks.claims.noShow')}</Button>
      </Popconfirm>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)', marginTop: 4 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="claim-error" />}
      <Space wrap>{buttons}</Space>
      {declining && (
        <ReasonDialog
          title={t('orgTasks.claims.declineTitle', { name })}
          explain={t('orgTasks.claims.declineExplain')}
          label={t('orgTasks.claims.declineReason')}
          submitText={t('orgTasks.claims.decline')}
          danger
          testId="claim-decline"
          onCancel={() => setDeclining(false)}
          onSubmit={async (reason) => {
            await decline({ variables: { input: { claimId: claim.id, reason } } });
            void message.success(t('orgTasks.claims.declined', { name }));
            setDeclining(false);
          }}
        />
      )}
      {confirming && <ConfirmHoursDialog claim={claim} name={name} onClose={() => setConfirming(false)} />}
      {recording && <ConfirmHoursDialog claim={claim} name={name} withoutCheckIn={taskMinutes} onClose={() => setRecording(false)} />}
    </div>
  );
}

/**
 * Confirming counts the hours on the volunteer's statement, once: the counted minutes, or corrected ones. For a
 * volunteer who came without checking in (`withoutCheckIn`: the task's length, offered as the minutes), the
 * organisation says how long they served.
 */
function ConfirmHoursDialog({ claim, name, withoutCheckIn, onClose }: { claim: Claim; name: string; withoutCheckIn?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minutes: number }>();
  const [confirm, { loading }] = useMutation(CONFIRM_HOURS, AFTER_CLAIM);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ minutes }: { minutes: number }) => {
    setProblem(null);
    try {
      await confirm({ variables: { input: { claimId: claim.id, ...(withoutCheckIn !== undefined || minutes !== claim.minutes ? { minutes } : {}) } } });
      void message.success(t('orgTasks.claims.hoursConfirmedDone', { name, hours: hours(minutes) }));
      onClose();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.minutes': 'minutes' }, 'task')) setProblem(orgTaskError(t, e));
    }
  };
  return (
    <Modal open title={t(withoutCheckIn === undefined ? 'orgTasks.claims.confirmTitle' : 'orgTasks.claims.recordTitle', { name })} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {withoutCheckIn === undefined ? t('orgTasks.claims.confirmExplain', { minutes: claim.minutes ?? 0 }) : t('orgTasks.claims.recordExplain', { name })}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading} initialValues={{ minutes: withoutCheckIn ?? claim.minutes ?? 0 }}>
        <Form.Item name="minutes" label={t('orgTasks.claims.minutesLabel')} rules={[{ required: true, type: 'number', min: 0, max: 1440, message: t('orgTasks.claims.minutesRange') }]}>
          <InputNumber min={0} max={1440} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="confirm-minutes" />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="confirm-hours-submit">{t('members.confirm')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
