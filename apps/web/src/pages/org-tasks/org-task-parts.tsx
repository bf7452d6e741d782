import { Alert, Button, ConfigProvider, Form, Input, Modal, Space, Tag, Typography, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../errors';
import type { TaskStatus } from '../../gql/graphql';

/** Roles that post and run tasks (libs/tasks: TASK_POSTERS). */
export const TASK_ROLES = ['ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF'];
/** Roles that keep a volunteer group's volunteers (libs/tasks: GROUP_KEEPERS). */
export const GROUP_KEEPERS = ['ORG_ADMIN', 'COORDINATOR'];
/** The list's "load more" size. */
export const PAGE_SIZE = 20;

/**
 * An organisation-side refusal in words. `task` names the screen for the reasons whose general wording
 * reads wrong here (a reason required, personal data in a text volunteers read).
 */
export function orgTaskError(t: TFunction, error: unknown): string {
  return errorText(t, error, 'task');
}

/**
 * The organisation's task screens: buttons keep their words as written ("批准", not antd's "批 准"), so a
 * screen reader reads one word and a journey finds the button by the name a social worker sees.
 */
export function PlainButtons({ children }: { children: ReactNode }) {
  return <ConfigProvider button={{ autoInsertSpace: false }}>{children}</ConfigProvider>;
}

const STATUS_COLOUR: Record<TaskStatus, string> = { OPEN: 'green', COMPLETED: 'default', CANCELLED: 'red' };

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOUR[status]} data-testid="task-status" data-status={status}>{t(`orgTasks.status.${status}`)}</Tag>;
}

/** The safeguarding and approval flags a task carries, as tags. */
export function TaskFlags({ task }: { task: { needsApproval: boolean; involvesMinor: boolean; homeVisit: boolean } }) {
  const { t } = useTranslation();
  return (
    <>
      {task.needsApproval && <Tag color="gold">{t('orgTasks.flags.needsApproval')}</Tag>}
      {task.involvesMinor && <Tag color="purple">{t('orgTasks.flags.involvesMinor')}</Tag>}
      {task.homeVisit && <Tag color="purple">{t('orgTasks.flags.homeVisit')}</Tag>}
    </>
  );
}

/** Today's date in Beijing, YYYY-MM-DD: background checks hold "until a day" as the group's office reads it. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface ReasonDialogProps {
  title: string;
  explain?: ReactNode;
  label: string;
  submitText: string;
  danger?: boolean;
  testId: string;
  onCancel: () => void;
  /** Runs the change; throws the API's error, which is said at the field when it is about the reason, else in the dialog. */
  onSubmit: (reason: string) => Promise<void>;
}

/**
 * A change that needs a reason someone else reads (a decline, a cancellation, an offer to take over):
 * the dialog stays open with the text when the API refuses it, so nothing typed is lost.
 */
export function ReasonDialog({ title, explain, label, submitText, danger, testId, onCancel, onSubmit }: ReasonDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit(reason.trim());
    } catch (e) {
      if (!showOnField(t, form as FormInstance, e, { 'input.reason': 'reason' }, 'task')) setProblem(orgTaskError(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onCancel} footer={null} destroyOnHidden>
      {explain && <Typography.Paragraph type="secondary">{explain}</Typography.Paragraph>}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} name={testId} layout="vertical" onFinish={submit} requiredMark={false} disabled={saving}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('orgTasks.reason.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} data-testid={`${testId}-reason`} />
        </Form.Item>
        <Space wrap>
          <Button onClick={onCancel}>{t('members.cancel')}</Button>
          <Button type="primary" danger={danger} htmlType="submit" loading={saving} data-testid={`${testId}-submit`}>{submitText}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
