import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CasePriority, CaseStatus, ReferralStatus, ReferralUrgency } from '../gql/graphql';
import { Guarded } from './Guarded';

const CASE_STATUS: Record<CaseStatus, string> = { OPEN: 'blue', IN_PROGRESS: 'processing', ON_HOLD: 'warning', CLOSED: 'default' };
const PRIORITY: Record<CasePriority, string> = { URGENT: 'red', HIGH: 'orange', NORMAL: 'default', LOW: 'default' };
const REFERRAL_STATUS: Record<ReferralStatus, string> = {
  DRAFT: 'default', REQUESTED: 'blue', ACCEPTED: 'cyan', IN_PROGRESS: 'processing', ON_HOLD: 'warning', COMPLETED: 'success',
  REJECTED: 'error', FAILED: 'volcano', CANCELLED: 'default', ENTERED_IN_ERROR: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <Guarded value={null} />;
  return <Tag color={CASE_STATUS[status]} data-testid="case-status">{t(`caseStatus.${status}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: CasePriority | null | undefined }) {
  const { t } = useTranslation();
  if (!priority) return <Guarded value={null} />;
  return <Tag color={PRIORITY[priority]} data-testid="case-priority">{t(`priority.${priority}`)}</Tag>;
}

export function ReferralStatusTag({ status }: { status: ReferralStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <Guarded value={null} />;
  return <Tag color={REFERRAL_STATUS[status]} data-testid="referral-status">{t(`referralStatus.${status}`)}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: ReferralUrgency | null | undefined }) {
  const { t } = useTranslation();
  if (!urgency) return <Guarded value={null} />;
  return <Tag color={PRIORITY[urgency]} data-testid="referral-urgency">{t(`priority.${urgency}`)}</Tag>;
}
