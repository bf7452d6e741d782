import { SendOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ReferralStatusTag, UrgencyTag } from '../../components/StatusTags';
import { date } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { CaseData } from './CasePage';
import { ReferCase } from '../referrals/refer-case/ReferCase';
import { savedDraft } from '../referrals/refer-case/refer-draft';

const CASE_REFERRALS = graphql(`
  query CaseReferrals($filter: ReferralFilter) {
    referrals(first: 50, filter: $filter) {
      edges { node { id status urgency serviceName receiverOrganisationName outcome outcomeNote reasonCode reasonText requestedAt createdAt } }
    }
  }
`);

/** The case's referrals, each with where it went and how it ended; "refer" for those who work the case. */
export function CaseReferrals({ found, mayRefer, isCoordinator, onReferred, referring: asked, onReferring }: {
  found: CaseData; mayRefer: boolean; isCoordinator: boolean; onReferred: () => void;
  /** Whether the referral dialog is open, when the case page opens it (its next step: refer again); null until asked. */
  referring: boolean | null; onReferring: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Back from recording the person's consent: the referral half made opens again where it was left.
  const [restored] = useState(() => mayRefer && !!savedDraft(found.id));
  const referring = mayRefer && (asked ?? restored);
  const setReferring = onReferring;
  const { data, error } = useQuery(CASE_REFERRALS, { variables: { filter: { caseId: found.id } }, fetchPolicy: 'network-only' });
  const referrals = data?.referrals.edges.map((e) => e.node) ?? [];

  return (
    <Card
      title={t('referrals.ofCase')}
      data-testid="case-referrals"
      extra={mayRefer && <Button type="primary" icon={<SendOutlined />} onClick={() => setReferring(true)} data-testid="refer-open">{t('refer.action')}</Button>}
    >
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List
        dataSource={referrals}
        locale={{ emptyText: t('referrals.noneForCase') }}
        renderItem={(r) => (
          <List.Item
            data-testid={`case-referral-${r.id}`}
            actions={[<Link key="open" to={`/referrals/${r.id}`} data-testid={`case-referral-open-${r.id}`}>{t('referrals.view')}</Link>]}
          >
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}>
                <Typography.Text strong>{r.receiverOrganisationName}</Typography.Text>
                <ReferralStatusTag status={r.status} />
                <UrgencyTag urgency={r.urgency} />
              </Space>
              <Typography.Text type="secondary">
                {[r.serviceName, r.requestedAt ? t('referrals.sentOn', { date: date(r.requestedAt, i18n.resolvedLanguage) }) : t('referrals.notSent')].filter(Boolean).join(' · ')}
              </Typography.Text>
              {r.outcome && (
                <Typography.Text data-testid="case-referral-outcome">
                  {r.outcomeNote
                    ? t('referrals.outcomeLineNote', { outcome: t(`referralOutcome.${r.outcome}`), note: r.outcomeNote })
                    : t('referrals.outcomeLine', { outcome: t(`referralOutcome.${r.outcome}`) })}
                </Typography.Text>
              )}
              {r.reasonCode && (
                <Typography.Text type="secondary" data-testid="case-referral-reason">
                  {t('referrals.reasonLine', { reason: t(`referralReason.${r.reasonCode}`), text: r.reasonText ?? '' })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      {referring && (
        <ReferCase
          found={found}
          isCoordinator={isCoordinator}
          onClose={() => setReferring(false)}
          onSent={(id) => { setReferring(false); onReferred(); navigate(`/referrals/${id}`); }}
        />
      )}
    </Card>
  );
}
