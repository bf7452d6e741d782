import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Guarded, yuan } from '../../components/Guarded';
import type { AlertSeverity, InsightAlertStatus } from '../../gql/graphql';

const SEVERITY_COLOUR: Record<AlertSeverity, string> = { CRITICAL: 'red', HIGH: 'volcano', MEDIUM: 'gold', LOW: 'default' };
const STATUS_COLOUR: Record<InsightAlertStatus, string> = { OPEN: 'blue', ACKNOWLEDGED: 'green', DISMISSED: 'default' };

export function SeverityTag({ severity }: { severity: AlertSeverity | null | undefined }) {
  const { t } = useTranslation();
  if (!severity) return <Guarded value={null} />;
  return <Tag color={SEVERITY_COLOUR[severity]} data-testid="alert-severity">{t(`insights.severities.${severity}`)}</Tag>;
}

export function AlertStatusTag({ status }: { status: InsightAlertStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <Guarded value={null} />;
  return <Tag color={STATUS_COLOUR[status]} data-testid="alert-status">{t(`insights.statuses.${status}`)}</Tag>;
}

/** A rule's name in the reader's language. */
export function ruleName(rule: { nameZh: string; nameEn: string }, language: string | undefined): string {
  return language === 'en' ? rule.nameEn : rule.nameZh;
}

/** What an alert rests on, as far as the API let the reader see it. */
export interface AlertFacts {
  ruleCode: string;
  householdSize?: number | null;
  incomePerPersonCents?: number | null;
  lineCents?: number | null;
  age?: number | null;
  livesAlone?: boolean | null;
  healthConditionRecorded?: boolean | null;
  daysInactive?: number | null;
  casePriority?: string | null;
  limitDays?: number | null;
  signalCount?: number | null;
  signalTotalCents?: number | null;
  burdenPercent?: number | null;
  lastSignalOn?: string | null;
  months?: number | null;
  declinedInARow?: number | null;
  expiredUnanswered?: boolean | null;
  carerAwayNeed?: string | null;
}

/**
 * The facts behind a warning in a social worker's words. A fact the reader may not see arrives as null:
 * the sentence that needs it is left out and the reader is told that something was withheld.
 */
export function alertFactLines(t: (key: string, options?: Record<string, unknown>) => string, alert: AlertFacts, withheld: boolean): string[] {
  const lines: string[] = [];
  if (alert.incomePerPersonCents != null && alert.lineCents != null && alert.householdSize != null) {
    lines.push(t('insights.facts.income', { size: alert.householdSize, income: yuan(alert.incomePerPersonCents), line: yuan(alert.lineCents) }));
  }
  if (alert.age != null && alert.livesAlone && alert.healthConditionRecorded) {
    lines.push(t('insights.facts.elderly', { age: alert.age }));
    lines.push(alert.daysInactive == null ? t('insights.facts.neverCase') : t('insights.facts.inactiveDays', { days: alert.daysInactive }));
  }
  if (alert.casePriority && alert.daysInactive != null && alert.limitDays != null) {
    lines.push(t('insights.facts.stalled', { priority: t(`priority.${alert.casePriority}`), days: alert.daysInactive, limit: alert.limitDays }));
  }
  if (alert.signalCount != null && alert.months != null) {
    const counted = { count: alert.signalCount, months: alert.months, total: yuan(alert.signalTotalCents ?? 0), size: alert.householdSize ?? 1 };
    if (alert.lastSignalOn) {
      lines.push(t('insights.facts.signals', { ...counted, last: alert.lastSignalOn }));
      if (alert.signalTotalCents) lines.push(t('insights.facts.signalsAmount', counted));
    } else if (alert.signalTotalCents != null) {
      lines.push(alert.burdenPercent == null ? t('insights.facts.burdenNoIncome', counted) : t('insights.facts.burden', { ...counted, percent: alert.burdenPercent }));
    }
  }
  if (alert.declinedInARow) lines.push(t('insights.facts.declined', { count: alert.declinedInARow }));
  if (alert.expiredUnanswered) lines.push(t('insights.facts.expired'));
  if (alert.carerAwayNeed) {
    lines.push(t('insights.facts.carerAway', { age: alert.age ?? '?', need: t(`insights.facts.carerNeeds.${alert.carerAwayNeed}`, { defaultValue: alert.carerAwayNeed }) }));
  }
  if (withheld) lines.push(t('insights.facts.withheld'));
  return lines;
}

export function AlertFactList({ lines }: { lines: string[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="alert-facts">
      {lines.map((line) => <li key={line}><Typography.Text>{line}</Typography.Text></li>)}
    </ul>
  );
}
