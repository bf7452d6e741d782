import { FolderAddOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { NeedTags, useNeeds } from '../../components/Needs';
import { CaseStatusTag, PriorityTag } from '../../components/StatusTags';
import { date } from '../../dates';
import { errorText, showOnField } from '../../errors';
import { newIdempotencyKey } from '../../idempotency';
import { graphql } from '../../gql';
import type { CasePriority } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { CASE_WORKER_ROLES, CurrentAssignees } from '../cases/CasesPage';

const PERSON_CASES = graphql(`
  query PersonCases($filter: CaseFilter) {
    cases(first: 50, filter: $filter) {
      edges { node { id needs priority status createdAt assignees { id displayName organisationName endedAt } } }
    }
  }
`);

const OPEN_CASE = graphql(`
  mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id } }
`);

export const PRIORITIES: CasePriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

/** Roles that may see some cases at all (the case rules give the rest nothing). */
const CASE_VIEWER_ROLES = ['COORDINATOR', 'CASEWORKER', 'STAFF', 'ORG_ADMIN'];

/** A person's cases that the worker may see, and — for those who work cases — opening a new one. */
export function PersonCases({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const [opening, setOpening] = useState(false);
  const visible = !!acting && CASE_VIEWER_ROLES.includes(acting.role);
  const { data, error } = useQuery(PERSON_CASES, visible ? { variables: { filter: { personId } }, fetchPolicy: 'network-only' } : skipToken);
  if (!visible) return null;
  const canOpen = CASE_WORKER_ROLES.includes(acting.role);
  const cases = data?.cases.edges.map((e) => e.node) ?? [];

  return (
    <Card
      title={t('cases.ofPerson')}
      data-testid="person-cases"
      extra={canOpen && <Button icon={<FolderAddOutlined />} onClick={() => setOpening(true)} data-testid="case-open">{t('cases.open')}</Button>}
    >
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List
        dataSource={cases}
        locale={{ emptyText: t('cases.noneForPerson') }}
        renderItem={(c) => (
          <List.Item actions={[<Link key="open" to={`/cases/${c.id}`} data-testid={`person-case-${c.id}`}>{t('cases.view')}</Link>]}>
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}><CaseStatusTag status={c.status} /><PriorityTag priority={c.priority} /><NeedTags codes={c.needs} /></Space>
              <Typography.Text type="secondary">
                {t('cases.openedOn', { date: date(c.createdAt, i18n.resolvedLanguage) })} · <CurrentAssignees assignees={c.assignees} />
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {opening && <OpenCaseModal personId={personId} onClose={() => setOpening(false)} />}
    </Card>
  );
}

interface OpenCaseFields {
  needs: string[];
  priority: CasePriority;
  summary?: string;
  notes?: string;
}

/** Opens a case for a person, then goes to it; `onOpened` first does what the opening settles (an early warning taken on). */
export function OpenCaseModal({ personId, onClose, onOpened }: { personId: string; onClose: () => void; onOpened?: (caseId: string) => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const needs = useNeeds();
  const acting = useActing();
  const [form] = Form.useForm<OpenCaseFields>();
  const [open, { loading }] = useMutation(OPEN_CASE);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per dialog: a double click or a retried request never opens two cases.
  const [idempotencyKey] = useState(newIdempotencyKey);

  const submit = async (fields: OpenCaseFields) => {
    setProblem(null);
    try {
      const { data } = await open({
        variables: {
          input: {
            personId, needs: fields.needs, priority: fields.priority, idempotencyKey,
            ...(fields.summary?.trim() ? { summary: fields.summary.trim() } : {}), ...(fields.notes?.trim() ? { notes: fields.notes.trim() } : {}),
          },
        },
      });
      if (data) {
        // The case is open whatever follows: a failure to note it elsewhere does not keep the person from it.
        await onOpened?.(data.openCase.id).catch(() => undefined);
        navigate(`/cases/${data.openCase.id}`);
      }
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.needs': 'needs', 'input.priority': 'priority', 'input.summary': 'summary', 'input.notes': 'notes' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Modal open title={t('cases.openTitle')} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      {acting?.role === 'CASEWORKER' && <Typography.Paragraph type="secondary">{t('cases.openAsCaseworker')}</Typography.Paragraph>}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="case-open-error" />}
      <Form form={form} name="open-case" layout="vertical" onFinish={submit} initialValues={{ priority: 'NORMAL', needs: [] }} requiredMark={false} disabled={loading}>
        <Form.Item name="needs" label={t('cases.fields.needs')} rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('cases.needsRequired') }]}>
          <Select mode="multiple" options={needs.options} optionFilterProp="label" data-testid="case-needs" />
        </Form.Item>
        <Form.Item name="priority" label={t('cases.fields.priority')}>
          <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
        </Form.Item>
        <Form.Item name="summary" label={t('cases.fields.summary')} extra={t('cases.summaryHelp')} rules={[{ max: 200, message: t('cases.tooLong', { max: 200 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('cases.fields.notes')} rules={[{ max: 10000, message: t('cases.tooLong', { max: 10000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="case-open-submit">{t('cases.openSubmit')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
