import { useMutation, useQuery } from '@apollo/client/react';
import { CheckOutlined, CloseOutlined, FolderAddOutlined, SolutionOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Result, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isWithheld } from '../../access-notes';
import { Guarded } from '../../components/Guarded';
import { dateTime } from '../../dates';
import { errorReason, errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { InsightAlertQuery, InsightDismissReason } from '../../gql/graphql';
import { regionName } from '../../regions';
import { OpenCaseModal } from '../people/PersonCases';
import { AlertFactList, alertFactLines, AlertStatusTag, ruleName, SeverityTag } from './alert-parts';

const ALERT = graphql(`
  query InsightAlert($id: ID!) {
    insightAlert(id: $id) {
      id ruleCode subjectType severity score status regionCode householdId caseId raisedAt lastSeenAt clearedAt decidedAt reasonCode reasonText version
      householdSize incomePerPersonCents lineCents age livesAlone healthConditionRecorded daysInactive casePriority limitDays
      signalCount signalTotalCents burdenPercent lastSignalOn months declinedInARow expiredUnanswered carerAwayNeed
      rule { id code version regionCode nameZh nameEn descriptionZh descriptionEn }
      person { id fullName }
    }
  }
`);

const ACKNOWLEDGE = graphql(`
  mutation AcknowledgeInsightAlert($input: AcknowledgeInsightAlertInput!) {
    acknowledgeInsightAlert(input: $input) { id status decidedAt reasonText version }
  }
`);

const DISMISS = graphql(`
  mutation DismissInsightAlert($input: DismissInsightAlertInput!) {
    dismissInsightAlert(input: $input) { id status decidedAt reasonCode reasonText version }
  }
`);

const REASONS: InsightDismissReason[] = ['NOT_IN_NEED', 'ALREADY_HELPED', 'DATA_WRONG', 'DUPLICATE', 'OTHER'];
const EVIDENCE_FIELDS = ['householdSize', 'incomePerPersonCents', 'age', 'livesAlone', 'healthConditionRecorded', 'daysInactive', 'casePriority', 'signalCount',
  'signalTotalCents', 'burdenPercent', 'lastSignalOn', 'declinedInARow', 'expiredUnanswered', 'carerAwayNeed'];

type Found = InsightAlertQuery['insightAlert'];

/** One early warning: the rule in words, the facts behind it as far as the reader may see them, and the decision. */
export function AlertPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, loading, error } = useQuery(ALERT, { variables: { id } });
  const [deciding, setDeciding] = useState<'acknowledge' | 'dismiss' | 'case' | null>(null);
  const [acknowledge] = useMutation(ACKNOWLEDGE);

  if (loading && !data) return <Spin />;
  if (error || !data) {
    return errorReason(error) === 'ALERT_NOT_FOUND'
      ? <Result status="404" title={t('insights.notFound')} extra={<Link to="/alerts">{t('insights.back')}</Link>} />
      : <Alert type="error" showIcon role="alert" title={errorText(t, error)} />;
  }
  const alert = data.insightAlert;
  const language = i18n.resolvedLanguage;
  const withheld = EVIDENCE_FIELDS.some((field) => isWithheld('InsightAlert', 'insightAlert', field));
  const lines = alertFactLines(t, alert, withheld);
  const open = alert.status === 'OPEN' && !alert.clearedAt;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 900 }}>
      <Link to="/alerts">{t('insights.back')}</Link>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="alert-title">{ruleName(alert.rule, language)}</Typography.Title>
        <SeverityTag severity={alert.severity} />
        <AlertStatusTag status={alert.status} />
      </Space>
      {alert.clearedAt && <Alert type="info" showIcon title={t('insights.cleared', { when: dateTime(alert.clearedAt, language) })} data-testid="alert-cleared" />}
      <Card title={t('insights.why')} size="small">
        <Typography.Paragraph type="secondary" data-testid="alert-description">{language === 'en' ? alert.rule.descriptionEn : alert.rule.descriptionZh}</Typography.Paragraph>
        <AlertFactList lines={lines} />
      </Card>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('insights.person')}>
            {alert.person
              ? <Link to={`/people/${alert.person.id}`} data-testid="alert-person"><Guarded value={alert.person.fullName} /></Link>
              : t('insights.personHidden')}
            <Typography.Text type="secondary"> · {t(`insights.subjects.${alert.subjectType ?? 'Person'}`)}</Typography.Text>
          </Descriptions.Item>
          {alert.caseId && <Descriptions.Item label={t('insights.openCaseLink')}><Link to={`/cases/${alert.caseId}`} data-testid="alert-case">{t('insights.openCaseLink')}</Link></Descriptions.Item>}
          <Descriptions.Item label={t('insights.region')}>{alert.regionCode ? regionName(t, alert.regionCode) : <Guarded value={null} />}</Descriptions.Item>
          <Descriptions.Item label={t('insights.score')}><span title={t('insights.scoreHint')}><Guarded value={alert.score} /></span></Descriptions.Item>
          <Descriptions.Item label={t('insights.raisedAt')}>{dateTime(alert.raisedAt, language)}</Descriptions.Item>
          <Descriptions.Item label={t('insights.lastSeenAt')}>{dateTime(alert.lastSeenAt, language)}</Descriptions.Item>
          <Descriptions.Item label={t('insights.rule')}>{`${alert.rule.code} · v${alert.rule.version} · ${regionName(t, alert.rule.regionCode)}`}</Descriptions.Item>
        </Descriptions>
      </Card>
      {alert.status !== 'OPEN' && (
        <Alert
          type={alert.status === 'ACKNOWLEDGED' ? 'success' : 'info'}
          showIcon
          data-testid="alert-decision"
          title={t('insights.decided', { status: t(`insights.statuses.${alert.status ?? 'OPEN'}`), when: dateTime(alert.decidedAt, language) })}
          description={[alert.reasonCode ? t(`insights.reasons.${alert.reasonCode}`) : null, alert.reasonText ? t('insights.decidedNote', { text: alert.reasonText }) : null]
            .filter(Boolean).join(' · ') || undefined}
        />
      )}
      {open && (
        <Card title={t('insights.decide')} size="small">
          <Space wrap>
            {alert.person && (
              <Link to={`/intake?alert=${alert.id}`}>
                <Button type="primary" icon={<SolutionOutlined />} data-testid="alert-intake">{t('insights.intake.title')}</Button>
              </Link>
            )}
            <Button type={alert.person ? 'default' : 'primary'} icon={<CheckOutlined />} onClick={() => setDeciding('acknowledge')} data-testid="alert-acknowledge">{t('insights.acknowledge')}</Button>
            {alert.person && <Button icon={<FolderAddOutlined />} onClick={() => setDeciding('case')} data-testid="alert-open-case">{t('insights.openCase')}</Button>}
            <Button icon={<CloseOutlined />} onClick={() => setDeciding('dismiss')} data-testid="alert-dismiss">{t('insights.dismiss')}</Button>
          </Space>
          {alert.person && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('insights.openCaseHint')}</Typography.Paragraph>}
        </Card>
      )}
      {deciding === 'acknowledge' && <AcknowledgeModal alert={alert} onClose={() => setDeciding(null)} />}
      {deciding === 'dismiss' && <DismissModal alert={alert} onClose={() => setDeciding(null)} />}
      {deciding === 'case' && alert.person && (
        <OpenCaseModal personId={alert.person.id} onClose={() => setDeciding(null)}
          onOpened={async () => { await acknowledge({ variables: { input: { alertId: alert.id, version: alert.version } } }); }} />
      )}
    </div>
  );
}

function AcknowledgeModal({ alert, onClose }: { alert: Found; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [acknowledge, { loading }] = useMutation(ACKNOWLEDGE);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ note }: { note?: string }) => {
    setProblem(null);
    try {
      await acknowledge({ variables: { input: { alertId: alert.id, version: alert.version, ...(note?.trim() ? { note: note.trim() } : {}) } } });
      onClose();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.note': 'note' })) setProblem(errorText(t, e));
    }
  };
  return (
    <Modal open title={t('insights.acknowledgeTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="alert-decide-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading}>
        <Form.Item name="note" label={t('insights.note')} rules={[{ max: 500, message: t('cases.tooLong', { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder={t('insights.notePlaceholder')} data-testid="alert-note" />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="alert-acknowledge-submit">{t('insights.acknowledge')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function DismissModal({ alert, onClose }: { alert: Found; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reasonCode: InsightDismissReason; reasonText?: string }>();
  const reasonCode = Form.useWatch('reasonCode', form);
  const [dismiss, { loading }] = useMutation(DISMISS);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ reasonCode: code, reasonText }: { reasonCode: InsightDismissReason; reasonText?: string }) => {
    setProblem(null);
    try {
      await dismiss({ variables: { input: { alertId: alert.id, version: alert.version, reasonCode: code, ...(reasonText?.trim() ? { reasonText: reasonText.trim() } : {}) } } });
      onClose();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.reasonCode': 'reasonCode', 'input.reasonText': 'reasonText' })) setProblem(errorText(t, e));
    }
  };
  return (
    <Modal open title={t('insights.dismissTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('insights.dismissHint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="alert-decide-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading} scrollToFirstError>
        <Form.Item name="reasonCode" label={t('insights.reason')} rules={[{ required: true, message: t('insights.reason') }]}>
          <Select showSearch optionFilterProp="label" options={REASONS.map((r) => ({ value: r, label: t(`insights.reasons.${r}`) }))} data-testid="alert-reason" />
        </Form.Item>
        <Form.Item name="reasonText" label={t('insights.reasonText')}
          rules={[{ required: reasonCode === 'OTHER', whitespace: true, message: t('insights.reasonTextRequired') }, { max: 500, message: t('cases.tooLong', { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder={t('insights.reasonTextPlaceholder')} data-testid="alert-reason-text" />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button danger type="primary" htmlType="submit" loading={loading} data-testid="alert-dismiss-submit">{t('insights.dismiss')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
