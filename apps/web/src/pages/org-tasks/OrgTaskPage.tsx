import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { History } from '../../components/History';
import { dateTime } from '../../dates';
import { graphql } from '../../gql';
import type { OrgTaskQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { timeRange, useNow, useSkillNames } from '../tasks/task-parts';
import { OfferToTakeOver } from './AllianceTasks';
import { CoverDialog } from './CoverDialog';
import { HandoverAnswer, HandoverWithdraw } from './HandoverList';
import { orgTaskError, PlainButtons, ReasonDialog, TaskFlags, TaskStatusTag } from './org-task-parts';
import { TaskClaims } from './TaskClaims';

const ORG_TASK = graphql(`
  query OrgTask($id: ID!) {
    task(id: $id) {
      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval
      involvesMinor homeVisit status cancelledReason discloses needsCover version createdAt
      person { id fullName }
      caseId referralId
      claims {
        id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason report createdAt version volunteerId
        checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }
        volunteer { userId displayName phone skills identityCheckedAt backgroundCheckValidUntil }
      }
      pendingHandover { id status reason answerBy createdAt fromOrganisationId fromOrganisationName toOrganisationName }
      timelineEvents { id kind actorName claimId reason fields occurredAt }
    }
  }
`);

const CANCEL_TASK = graphql(`
  mutation CancelTask($input: CancelTaskInput!) { cancelTask(input: $input) { id status cancelledReason version } }
`);

type Task = OrgTaskQuery['task'];

/** One line of the task's timeline: what happened, to whose claim, by whom. */
function eventLine(t: TFunction, task: Task, e: NonNullable<Task['timelineEvents']>[number]) {
  const claim = e.claimId ? task.claims.find((c) => c.id === e.claimId) : undefined;
  const what = t(`orgTasks.events.${e.kind}`, { defaultValue: e.kind });
  const volunteer = claim ? claim.volunteer?.displayName ?? t('orgTasks.claims.nameWithheld') : null;
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    text: volunteer ? t('orgTasks.events.about', { what, volunteer }) : what,
    by: e.actorName ?? t('timeline.system'),
    detail: e.reason ? t('orgTasks.events.reason', { reason: e.reason })
      : e.fields?.length ? t('orgTasks.events.fields', { fields: e.fields.map((f) => t(`orgTasks.fields.${f}`, { defaultValue: f })).join(t('orgTasks.events.separator')) }) : undefined,
  };
}

/**
 * One task as the organisation running it sees it: the facts, who comes (and, after it, who came and for how
 * long), what waits for an answer — claims to approve, a place to cover, an offer to take it over — and its
 * timeline. Another organisation's open task shows its facts and the offer to take it over.
 */
export function OrgTaskPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const acting = useActing();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const skillName = useSkillNames();
  const { data, loading, error } = useQuery(ORG_TASK, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [cancel] = useMutation(CANCEL_TASK, { refetchQueries: ['OrgTask', 'OrganisationTasks'], awaitRefetchQueries: true });
  const [cancelling, setCancelling] = useState(false);
  const [findingCover, setFindingCover] = useState(false);
  // Edit goes when the task starts, "mark no-show" comes: on their own, by the clock.
  const now = useNow();
  const task = data?.task;

  if (!task) {
    return (
      <div style={{ display: 'grid', gap: 16, maxWidth: 960, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Link to="/org-tasks">← {t('orgTasks.back')}</Link>
        {error && <Result status="404" title={orgTaskError(t, error)} />}
        {loading && <Skeleton active />}
      </div>
    );
  }

  const ours = task.organisationId === acting?.organisation.id;
  const open = task.status === 'OPEN';
  const notStarted = new Date(task.startsAt).getTime() > now;
  const when = (iso: string | null | undefined) => dateTime(iso, i18n.resolvedLanguage);
  const handover = task.pendingHandover;

  return (
    <PlainButtons>
      <div style={{ display: 'grid', gap: 16, maxWidth: 960, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Link to={ours ? '/org-tasks' : '/org-tasks?tab=alliance'}>← {t('orgTasks.back')}</Link>

        {handover && (
          <Alert
            type="warning"
            showIcon
            data-testid="pending-handover"
            title={ours
              ? t('orgTasks.handover.bannerIncoming', { organisation: handover.toOrganisationName })
              : t('orgTasks.handover.bannerOutgoing', { organisation: handover.fromOrganisationName })}
            description={(
              <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)' }}>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{t('orgTasks.handover.reason')}：{handover.reason}</Typography.Text>
                <Typography.Text type="secondary">
                  {ours ? t('orgTasks.handover.answerBy', { when: when(handover.answerBy) }) : t('orgTasks.handover.theyAnswerBy', { when: when(handover.answerBy) })}
                </Typography.Text>
                {ours ? <HandoverAnswer handover={handover} /> : <HandoverWithdraw handover={handover} />}
              </div>
            )}
          />
        )}

        {ours && open && task.needsCover && (
          <Alert
            type="error"
            showIcon
            data-testid="needs-cover"
            title={t('orgTasks.cover.needed')}
            description={t('orgTasks.cover.neededExplain')}
            action={<Button type="primary" onClick={() => setFindingCover(true)} data-testid="find-cover">{t('orgTasks.cover.find')}</Button>}
          />
        )}

        <Card
          title={
            <Space wrap style={{ whiteSpace: 'normal' }}>
              <span data-testid="task-heading">{task.title}</span>
              <TaskStatusTag status={task.status} />
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            {!ours && <Descriptions.Item label={t('orgTasks.fields.organisation')}>{task.organisationName}</Descriptions.Item>}
            <Descriptions.Item label={t('orgTasks.fields.when')}>
              <span data-testid="task-when">{timeRange(task.startsAt, task.endsAt, i18n.resolvedLanguage)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orgTasks.fields.region')}><span data-testid="task-region">{regionName(t, task.regionCode)}</span></Descriptions.Item>
            <Descriptions.Item label={t('orgTasks.fields.places')}>
              <span data-testid="task-places">{t('orgTasks.list.places', { taken: task.placesTaken, slots: task.slots })}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orgTasks.fields.waitlist')}>{t('orgTasks.list.waitlist', { count: task.waitlistLength })}</Descriptions.Item>
            <Descriptions.Item label={t('orgTasks.fields.skills')}>
              {task.skills.length ? <Space size={4} wrap>{task.skills.map((s) => <Tag key={s}>{skillName(s)}</Tag>)}</Space> : t('orgTasks.page.anySkill')}
            </Descriptions.Item>
            <Descriptions.Item label={t('orgTasks.page.conditions')}>
              {task.needsApproval || task.involvesMinor || task.homeVisit ? <Space size={4} wrap><TaskFlags task={task} /></Space> : t('orgTasks.page.noConditions')}
            </Descriptions.Item>
            {task.discloses.length > 0 && (
              <Descriptions.Item label={t('orgTasks.page.discloses')} span={2}>
                <Space size={4} wrap data-testid="task-discloses">{task.discloses.map((d) => <Tag key={d}>{t(`orgTasks.discloses.${d}`)}</Tag>)}</Space>
              </Descriptions.Item>
            )}
            {task.person && (
              <Descriptions.Item label={t('orgTasks.page.person')}>
                <Link to={`/people/${task.person.id}`} data-testid="task-person">{task.person.fullName ?? t('orgTasks.page.openPerson')}</Link>
              </Descriptions.Item>
            )}
            {task.caseId && (
              <Descriptions.Item label={t('orgTasks.page.case')}>
                <Link to={`/cases/${task.caseId}`} data-testid="task-case">{t('orgTasks.page.openCase')}</Link>
              </Descriptions.Item>
            )}
            {task.referralId && (
              <Descriptions.Item label={t('orgTasks.page.referral')}>
                <Link to={`/referrals/${task.referralId}`} data-testid="task-referral">{t('orgTasks.page.openReferral')}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('orgTasks.page.posted')}>{when(task.createdAt)}</Descriptions.Item>
            {task.cancelledReason && (
              <Descriptions.Item label={t('orgTasks.page.cancelledReason')} span={2}><span data-testid="task-cancelled-reason">{task.cancelledReason}</span></Descriptions.Item>
            )}
            <Descriptions.Item label={t('orgTasks.fields.description')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="task-description">
                {task.description || <Typography.Text type="secondary">{t('orgTasks.page.noDescription')}</Typography.Text>}
              </span>
            </Descriptions.Item>
          </Descriptions>
          {ours && open && (
            <Space wrap style={{ marginTop: 16 }}>
              {notStarted && <Button onClick={() => navigate(`/org-tasks/${task.id}/edit`)} data-testid="task-edit">{t('orgTasks.page.edit')}</Button>}
              {task.needsCover && <Button onClick={() => setFindingCover(true)}>{t('orgTasks.cover.find')}</Button>}
              <Button danger onClick={() => setCancelling(true)} data-testid="task-cancel">{t('orgTasks.page.cancel')}</Button>
            </Space>
          )}
          {!ours && open && (
            <div style={{ marginTop: 16 }}><OfferToTakeOver task={task} /></div>
          )}
        </Card>

        {ours && (
          <Card title={t('orgTasks.claims.title')}>
            <TaskClaims task={task} now={now} />
          </Card>
        )}

        {task.timelineEvents && (
          <Card title={t('orgTasks.page.timeline')}>
            <History testId="task-timeline" events={task.timelineEvents.map((e) => eventLine(t, task, e))} />
          </Card>
        )}

        {cancelling && (
          <ReasonDialog
            title={t('orgTasks.page.cancelTitle')}
            explain={t('orgTasks.page.cancelExplain', { count: task.placesTaken + task.waitlistLength })}
            label={t('orgTasks.page.cancelReason')}
            submitText={t('orgTasks.page.cancel')}
            danger
            testId="task-cancel"
            onCancel={() => setCancelling(false)}
            onSubmit={async (reason) => {
              await cancel({ variables: { input: { taskId: task.id, reason } } });
              void message.success(t('orgTasks.page.cancelled'));
              setCancelling(false);
            }}
          />
        )}
        {findingCover && <CoverDialog taskId={task.id} onClose={() => setFindingCover(false)} />}
      </div>
    </PlainButtons>
  );
}
