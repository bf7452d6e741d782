import { LockOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isWithheld } from '../../access-notes';
import { Guarded } from '../../components/Guarded';
import { History } from '../../components/History';
import { NeedTags } from '../../components/Needs';
import { ReferralStatusTag, UrgencyTag } from '../../components/StatusTags';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { ReferralQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { StaleNotice } from '../cases/CasePage';
import { TASK_ROLES } from '../org-tasks/org-task-parts';
import { partyOf } from './referral-actions';
import { ReferralActions } from './ReferralActions';
import { referralEventLine } from '../timeline/timeline-text';

graphql(`
  fragment ReferralFields on Referral {
    id status needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote
    caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId receiverOrganisationName
    receiverUserId receiverUserName requestedAt respondedAt endedAt escalatedAt createdAt version
    person { id fullName }
    timeline { id kind actorName actorOrganisationName fromStatus toStatus reasonCode reasonText occurredAt }
  }
`);

const REFERRAL = graphql(`
  query Referral($id: ID!) { referral(id: $id) { ...ReferralFields } }
`);

export type ReferralData = ReferralQuery['referral'];

/**
 * One referral, as each side sees it. The receiver sees what the sender wrote for it — needs, urgency,
 * district, age band, the note, why it came without consent — and the person only once it accepts.
 * The sender sees the person, the case, the answer and the outcome.
 */
export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const acting = useActing();
  const { data, loading, error, refetch } = useQuery(REFERRAL, { variables: { id }, fetchPolicy: 'network-only' });
  const [stale, setStale] = useState(false);
  const referral = data?.referral;

  if (!referral) {
    return (
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
        <Link to="/referrals">← {t('referrals.back')}</Link>
        {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
        {loading && <Card loading />}
      </div>
    );
  }

  const party = partyOf(referral, acting?.organisation.id);
  const status = referral.status;
  const when = (iso: string | null | undefined) => dateTime(iso, i18n.resolvedLanguage);

  let person;
  if (referral.person) {
    person = <Link to={`/people/${referral.person.id}`} data-testid="referral-person"><Guarded value={referral.person.fullName} /></Link>;
  } else if (isWithheld('Referral', 'referral', 'person') && party === 'RECEIVER' && status === 'REQUESTED') {
    person = (
      <Tooltip title={t('referrals.personAfterAcceptWhy')}>
        <Typography.Text type="secondary" data-testid="referral-person-locked"><LockOutlined aria-hidden /> {t('referrals.personAfterAccept')}</Typography.Text>
      </Tooltip>
    );
  } else {
    person = <span data-testid="referral-person-withheld"><Guarded value={null} /></span>;
  }

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
      <Link to={party === 'SENDER' ? '/referrals?tab=sent' : '/referrals'}>← {t('referrals.back')}</Link>
      {stale && <StaleNotice onReload={() => { setStale(false); void refetch(); }} />}
      {referral.overrideReason && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="referral-override"
          title={t('referrals.override')}
          description={referral.overrideReason}
        />
      )}
      <Card
        title={
          <Space wrap>
            <span data-testid="referral-service">{referral.serviceName ?? t('referrals.noService')}</span>
            <ReferralStatusTag status={status} />
            <UrgencyTag urgency={referral.urgency} />
            {referral.escalatedAt && <Tag color="red">{t('referrals.escalated')}</Tag>}
          </Space>
        }
        extra={party === 'RECEIVER' && (status === 'ACCEPTED' || status === 'IN_PROGRESS') && acting && TASK_ROLES.includes(acting.role) && (
          // The organisation working a referral may ask volunteers to help its person (libs/tasks: postTask from a referral).
          <Link to={`/org-tasks/new?referralId=${referral.id}`} data-testid="referral-post-task"><Button>{t('referrals.postTask')}</Button></Link>
        )}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('referrals.person')}>{person}</Descriptions.Item>
          {party === 'SENDER' && referral.caseId && (
            <Descriptions.Item label={t('referrals.case')}><Link to={`/cases/${referral.caseId}`} data-testid="referral-case">{t('referrals.openCase')}</Link></Descriptions.Item>
          )}
          <Descriptions.Item label={t('referrals.from')}>{referral.senderOrganisationName}</Descriptions.Item>
          <Descriptions.Item label={t('referrals.to')}>{referral.receiverOrganisationName}</Descriptions.Item>
          <Descriptions.Item label={t('referrals.needs')}><NeedTags codes={referral.needs} /></Descriptions.Item>
          <Descriptions.Item label={t('referrals.region')}><Guarded value={referral.regionCode && regionName(t, referral.regionCode)} /></Descriptions.Item>
          <Descriptions.Item label={t('referrals.ageBand')}>
            {referral.ageBand ? t('referrals.ageBandValue', { band: referral.ageBand }) : <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('referrals.sentAt')}>{when(referral.requestedAt) || t('referrals.notSent')}</Descriptions.Item>
          <Descriptions.Item label={t('referrals.note')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="referral-note">
              {referral.noteForReceiver ?? <Typography.Text type="secondary">{t('referrals.noNote')}</Typography.Text>}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('referrals.shared')} span={2}>
            {referral.sharedCategories
              ? <Space size={4} wrap>{referral.sharedCategories.map((c) => <Tag key={c}>{t(`categories.${c}`, { defaultValue: c })}</Tag>)}</Space>
              : <Guarded value={null} />}
          </Descriptions.Item>
          {party === 'RECEIVER' && (
            <Descriptions.Item label={t('referrals.routedTo')}>{referral.receiverUserName ?? <Typography.Text type="secondary">{t('referrals.notRouted')}</Typography.Text>}</Descriptions.Item>
          )}
          {referral.reasonCode && (
            <Descriptions.Item label={t('referrals.reason')} span={2}>
              <span data-testid="referral-reason">{t('referrals.reasonLine', { reason: t(`referralReason.${referral.reasonCode}`), text: referral.reasonText ?? '' })}</span>
            </Descriptions.Item>
          )}
          {referral.outcome && (
            <Descriptions.Item label={t('referrals.outcome')} span={2}>
              <span data-testid="referral-outcome">
                {referral.outcomeNote
                  ? t('referrals.outcomeLineNote', { outcome: t(`referralOutcome.${referral.outcome}`), note: referral.outcomeNote })
                  : t('referrals.outcomeLine', { outcome: t(`referralOutcome.${referral.outcome}`) })}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {party === 'RECEIVER' && status === 'REQUESTED' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('referrals.acceptExplain')}</Typography.Paragraph>
        )}
        <ReferralActions referral={referral} party={party} onStale={() => setStale(true)} />
      </Card>
      <Card title={t('referrals.timeline')}>
        {referral.timeline
          ? <History testId="referral-timeline" events={referral.timeline.map((e) => ({ id: e.id, occurredAt: e.occurredAt, ...referralEventLine(t, e) }))} />
          : <Guarded value={null} />}
      </Card>
    </div>
  );
}
