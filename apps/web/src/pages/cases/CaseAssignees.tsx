import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Guarded } from '../../components/Guarded';
import { date } from '../../dates';
import { errorReason, errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { CaseData } from './CasePage';

const ASSIGNABLE = graphql(`
  query AssignableCaseworkers($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName organisationId organisationName } }
`);

const ASSIGN = graphql(`
  mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ...CaseFields } }
`);

const UNASSIGN = graphql(`
  mutation UnassignCase($input: UnassignCaseInput!) { unassignCase(input: $input) { ...CaseFields } }
`);

type Assignee = NonNullable<CaseData['assignees']>[number];

/**
 * Who works the case, now and before. The holder's coordinator assigns, reassigns (one caseworker in
 * place of another, in one step) and ends assignments; a caseworker of another organisation can be
 * chosen once the person consented to that organisation for case management.
 */
export function CaseAssignees({ found, mayAssign, onStale }: { found: CaseData; mayAssign: boolean; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [choosing, setChoosing] = useState<{ replaces: Assignee | null } | null>(null);
  const [unassign] = useMutation(UNASSIGN);
  const [problem, setProblem] = useState<string | null>(null);
  const closed = found.status === 'CLOSED';
  const assignees = found.assignees;
  const current = assignees?.filter((a) => !a.endedAt) ?? [];
  const earlier = assignees?.filter((a) => a.endedAt) ?? [];
  const mayChange = mayAssign && !closed;

  const end = async (a: Assignee) => {
    setProblem(null);
    try {
      await unassign({ variables: { input: { caseId: found.id, userId: a.userId } } });
      void message.success(t('assign.unassigned', { name: a.displayName }));
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else setProblem(errorText(t, e));
    }
  };

  const other = (a: Assignee) => a.organisationId !== found.holdingOrganisationId;

  return (
    <Card
      title={t('assign.title')}
      data-testid="case-assignees"
      extra={mayChange && (
        <Button icon={<UserAddOutlined />} onClick={() => setChoosing({ replaces: null })} data-testid="assign-open">{t('assign.assign')}</Button>
      )}
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      {!assignees ? <Guarded value={null} /> : (
        <List
          dataSource={current}
          locale={{ emptyText: t('cases.unassigned') }}
          renderItem={(a) => (
            <List.Item
              data-testid={`assignee-${a.userId}`}
              actions={mayChange ? [
                <Button key="re" size="small" onClick={() => setChoosing({ replaces: a })} data-testid={`reassign-${a.userId}`}>{t('assign.reassign')}</Button>,
                <Popconfirm key="end" title={t('assign.unassignConfirm', { name: a.displayName })} okText={t('members.confirm')} cancelText={t('members.cancel')} onConfirm={() => end(a)}>
                  <Button size="small" danger data-testid={`unassign-${a.userId}`}>{t('assign.unassign')}</Button>
                </Popconfirm>,
              ] : []}
            >
              <Space orientation="vertical" size={0}>
                <Space wrap size={4}>
                  <Typography.Text strong>{a.displayName}</Typography.Text>
                  {other(a) && <Tag color="purple">{t('assign.otherOrganisation')}</Tag>}
                </Space>
                <Typography.Text type="secondary">{a.organisationName} · {t('assign.since', { date: date(a.assignedAt, i18n.resolvedLanguage) })}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {earlier.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="earlier-assignees">
          {t('assign.earlier', {
            names: earlier.map((a) => t('assign.earlierOne', { name: a.displayName, until: date(a.endedAt, i18n.resolvedLanguage) })).join(t('common.listSeparator')),
          })}
        </Typography.Paragraph>
      )}
      {choosing && (
        <ChooseCaseworker
          found={found}
          replaces={choosing.replaces}
          taken={current.map((a) => a.userId)}
          onClose={() => setChoosing(null)}
          onStale={() => { setChoosing(null); onStale(); }}
        />
      )}
    </Card>
  );
}

function ChooseCaseworker({ found, replaces, taken, onClose, onStale }: {
  found: CaseData; replaces: Assignee | null; taken: string[]; onClose: () => void; onStale: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string }>();
  const { data, loading, error } = useQuery(ASSIGNABLE, { variables: { caseId: found.id }, fetchPolicy: 'network-only' });
  const [assign, { loading: saving }] = useMutation(ASSIGN);
  const [problem, setProblem] = useState<string | null>(null);
  const choices = (data?.assignableCaseworkers ?? []).filter((c) => !taken.includes(c.userId));

  const submit = async ({ userId }: { userId: string }) => {
    setProblem(null);
    try {
      await assign({ variables: { input: { caseId: found.id, userId, ...(replaces ? { replacesUserId: replaces.userId } : {}) } } });
      const name = choices.find((c) => c.userId === userId)?.displayName ?? '';
      void message.success(replaces ? t('assign.reassigned', { name, previous: replaces.displayName }) : t('assign.assigned', { name }));
      onClose();
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else if (!showOnField(t, form, e, { 'input.userId': 'userId' }, 'assign')) setProblem(errorText(t, e, 'assign'));
    }
  };

  return (
    <Modal open title={replaces ? t('assign.reassignTitle', { name: replaces.displayName }) : t('assign.assignTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('assign.explain')}</Typography.Paragraph>
      {(problem || error) && <Alert type="error" showIcon role="alert" title={problem ?? errorText(t, error)} style={{ marginBottom: 12 }} data-testid="assign-error" />}
      <Form form={form} name="assign" layout="vertical" onFinish={submit} requiredMark={false} disabled={saving}>
        <Form.Item name="userId" label={t('assign.caseworker')} rules={[{ required: true, message: t('assign.choose') }]}>
          <Select
            showSearch
            loading={loading}
            optionFilterProp="label"
            data-testid="assign-caseworker"
            notFoundContent={loading ? null : t('assign.noneAssignable')}
            options={choices.map((c) => ({ value: c.userId, label: `${c.displayName} · ${c.organisationName}` }))}
          />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="assign-submit">{replaces ? t('assign.reassign') : t('assign.assign')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
