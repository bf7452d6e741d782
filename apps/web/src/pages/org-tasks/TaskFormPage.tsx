import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { FocusEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorReason } from '../../errors';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import type { EditTaskInput, TaskForEditQuery } from '../../gql/graphql';
import { newIdempotencyKey } from '../../idempotency';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { BEIJING_DISTRICTS } from '../directory/ServiceParts';
import { useNow, useSkillOptions } from '../tasks/task-parts';
import { orgTaskError, PlainButtons, TASK_ROLES } from './org-task-parts';

const TASK_FOR_EDIT = graphql(`
  query TaskForEdit($id: ID!) {
    task(id: $id) {
      id organisationId title description skills regionCode startsAt endsAt slots placesTaken needsApproval involvesMinor homeVisit status discloses version
    }
  }
`);

const POST_TASK = graphql(`
  mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }
`);

const EDIT_TASK = graphql(`
  mutation EditTask($input: EditTaskInput!) {
    editTask(input: $input) {
      id title description skills regionCode startsAt endsAt slots placesTaken waitlistLength needsApproval involvesMinor homeVisit status version
    }
  }
`);

/** A moment as typed on the form: a day and a time on Beijing's clock (native pickers, the phone's own). */
interface Moment { date?: string; time?: string }
interface TaskFields {
  title: string;
  description?: string;
  skills: string[];
  regionCode?: string;
  startsAt: Moment;
  endsAt: Moment;
  slots?: number;
  needsApproval: boolean;
  involvesMinor: boolean;
  homeVisit: boolean;
  discloses: string[];
}
type Task = TaskForEditQuery['task'];

/** libs/tasks: a task lasts at most a day. */
const MAX_TASK_HOURS = 24;
const DISCLOSURES = ['basic', 'contact', 'location'] as const;

/** Beijing keeps +08:00 all year: a day and a time there are one instant. */
function instant(m: Moment | undefined): Date | null {
  if (!m?.date || !m.time) return null;
  const d = new Date(`${m.date}T${m.time}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function momentOf(iso: string): Moment {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour').replace('24', '00')}:${part('minute')}` };
}

function fieldsOf(task: Task | undefined): Partial<TaskFields> {
  if (!task) return { skills: [], regionCode: '110105', startsAt: {}, endsAt: {}, slots: 1, needsApproval: false, involvesMinor: false, homeVisit: false, discloses: [] };
  return {
    title: task.title, description: task.description ?? '', skills: task.skills, regionCode: task.regionCode, startsAt: momentOf(task.startsAt), endsAt: momentOf(task.endsAt),
    slots: task.slots, needsApproval: task.needsApproval, involvesMinor: task.involvesMinor, homeVisit: task.homeVisit, discloses: task.discloses,
  };
}

/** The API's field (`input.startsAt`) → this form's. */
const FIELDS: Record<string, keyof TaskFields> = {
  'input.title': 'title', 'input.description': 'description', 'input.skills': 'skills', 'input.regionCode': 'regionCode', 'input.startsAt': 'startsAt',
  'input.endsAt': 'endsAt', 'input.slots': 'slots', 'input.caseId': 'discloses', 'input.referralId': 'discloses', 'input.discloses': 'discloses',
};

/** A day and a time side by side, each the browser's own picker; one form field, so its error shows under both. */
function MomentInput({ value, onChange, onBlur, label, testId }: { value?: Moment; onChange?: (m: Moment) => void; onBlur?: () => void; label: string; testId: string }) {
  const { t } = useTranslation();
  // Checked when the pair is left, not when the day is and the time is still to come.
  const leave = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onBlur?.();
  };
  return (
    <div onBlur={leave}>
      <Space.Compact style={{ width: '100%' }}>
        <Input type="date" aria-label={t('orgTasks.form.dateOf', { what: label })} value={value?.date ?? ''} data-testid={`${testId}-date`}
          onChange={(e) => onChange?.({ ...value, date: e.target.value })} style={{ width: '60%' }} />
        <Input type="time" aria-label={t('orgTasks.form.timeOf', { what: label })} value={value?.time ?? ''} data-testid={`${testId}-time`}
          onChange={(e) => onChange?.({ ...value, time: e.target.value })} style={{ width: '40%' }} />
      </Space.Compact>
    </div>
  );
}

function windowRules(t: TFunction) {
  const starts = {
    validator: (_: unknown, m?: Moment) => {
      const at = instant(m);
      if (!at) return Promise.reject(new Error(t('orgTasks.form.startsRequired')));
      if (at.getTime() <= Date.now()) return Promise.reject(new Error(t('errors.reason.STARTS_IN_THE_PAST')));
      return Promise.resolve();
    },
  };
  const ends = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, m?: Moment) => {
      const at = instant(m);
      if (!at) return Promise.reject(new Error(t('orgTasks.form.endsRequired')));
      const from = instant(getFieldValue('startsAt') as Moment);
      if (from && at.getTime() <= from.getTime()) return Promise.reject(new Error(t('errors.reason.ENDS_BEFORE_IT_STARTS')));
      if (from && at.getTime() - from.getTime() > MAX_TASK_HOURS * 3600_000) return Promise.reject(new Error(t('errors.reason.TASK_TOO_LONG')));
      return Promise.resolve();
    },
  });
  return { starts, ends };
}

/** Whose person a new task serves: a case of ours, or a referral we accepted. */
type TaskSource = { caseId: string } | { referralId: string };

/**
 * A task's form. New: everything, with an idempotency key so a double tap posts once; from a case or an
 * accepted referral, what the volunteers holding it may learn of the person. Edit: only what changed is sent,
 * with the version read, so a colleague's change in between is not overwritten (STALE_TASK).
 */
function TaskForm({ task, source, onDone, onCancel, onStale }: { task?: Task; source?: TaskSource; onDone: (id: string) => void; onCancel: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const skillOptions = useSkillOptions();
  const [form] = Form.useForm<TaskFields>();
  const [post, { loading: posting }] = useMutation(POST_TASK, { refetchQueries: ['OrganisationTasks'] });
  const [edit, { loading: saving }] = useMutation(EDIT_TASK, { refetchQueries: ['OrganisationTasks', 'OrgTask'] });
  const [problem, setProblem] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { starts, ends } = windowRules(t);
  const initial = fieldsOf(task);
  const discloses = Form.useWatch('discloses', form) ?? [];
  const editing = useEditingForm(form);
  const districts = BEIJING_DISTRICTS.map((c) => ({ value: c, label: regionName(t, c) }));

  const changes = (f: TaskFields): Omit<EditTaskInput, 'taskId' | 'version'> => {
    const out: Omit<EditTaskInput, 'taskId' | 'version'> = {};
    const title = f.title.trim();
    const description = (f.description ?? '').trim();
    if (title !== initial.title) out.title = title;
    if (description !== (initial.description ?? '')) out.description = description;
    if ([...f.skills].sort().join() !== [...(initial.skills ?? [])].sort().join()) out.skills = f.skills;
    if (f.regionCode !== initial.regionCode) out.regionCode = f.regionCode;
    const [startsAt, endsAt] = [instant(f.startsAt)!, instant(f.endsAt)!];
    if (startsAt.getTime() !== instant(initial.startsAt)?.getTime()) out.startsAt = startsAt.toISOString();
    if (endsAt.getTime() !== instant(initial.endsAt)?.getTime()) out.endsAt = endsAt.toISOString();
    if (f.slots !== initial.slots) out.slots = f.slots;
    for (const flag of ['needsApproval', 'involvesMinor', 'homeVisit'] as const) if (f[flag] !== initial[flag]) out[flag] = f[flag];
    return out;
  };

  const submit = async (f: TaskFields) => {
    setProblem(null);
    try {
      if (task) {
        const changed = changes(f);
        if (Object.keys(changed).length === 0) {
          void message.info(t('orgTasks.form.nothingChanged'));
          editing.saved();
          return onDone(task.id);
        }
        await edit({ variables: { input: { ...changed, taskId: task.id, version: task.version } } });
        void message.success(t('orgTasks.form.saved'));
        editing.saved();
        onDone(task.id);
      } else {
        const { data } = await post({ variables: { input: {
          title: f.title.trim(), description: f.description?.trim() || undefined, skills: f.skills, regionCode: f.regionCode!, slots: f.slots!,
          startsAt: instant(f.startsAt)!.toISOString(), endsAt: instant(f.endsAt)!.toISOString(),
          needsApproval: f.needsApproval, involvesMinor: f.involvesMinor, homeVisit: f.homeVisit,
          ...(source ? { ...source, discloses: f.discloses } : {}), idempotencyKey,
        } } });
        void message.success(t('orgTasks.form.posted'));
        editing.saved();
        onDone(data!.postTask.id);
      }
    } catch (e) {
      if (errorReason(e) === 'STALE_TASK') return onStale();
      if (!showAtField(t, form, e, FIELDS, 'task')) setProblem(orgTaskError(t, e));
    }
  };

  return (
    <Form form={form} name="task" layout="vertical" onFinish={submit} requiredMark={false} disabled={posting || saving} initialValues={initial}
      {...editing.formProps}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="task-form-error" />}
      <Form.Item name="title" label={t('orgTasks.fields.title')} extra={t('orgTasks.form.titleHelp')}
        rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('orgTasks.form.titleRequired') }]}>
        <Input maxLength={100} data-testid="task-form-title" />
      </Form.Item>
      <Form.Item name="description" label={t('orgTasks.fields.description')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="task-form-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="skills" label={t('orgTasks.fields.skills')} extra={t('orgTasks.form.skillsHelp')}
            rules={[{ type: 'array', max: 10, message: t('orgTasks.form.skillsTooMany') }]}>
            <Select mode="multiple" options={skillOptions} optionFilterProp="label" data-testid="task-form-skills" aria-label={t('orgTasks.fields.skills')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label={t('orgTasks.fields.region')} extra={t('orgTasks.form.regionHelp')} rules={[{ required: true, message: t('orgTasks.form.regionRequired') }]}>
            <Select showSearch optionFilterProp="label" options={districts} data-testid="task-form-region" aria-label={t('orgTasks.fields.region')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="startsAt" label={t('orgTasks.fields.startsAt')} rules={[starts]}>
            <MomentInput label={t('orgTasks.fields.startsAt')} testId="task-form-starts" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="endsAt" label={t('orgTasks.fields.endsAt')} extra={t('orgTasks.form.windowHelp')} rules={[ends]} dependencies={['startsAt']}>
            <MomentInput label={t('orgTasks.fields.endsAt')} testId="task-form-ends" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="slots" label={t('orgTasks.fields.slots')}
        extra={task && task.placesTaken > 0 ? t('orgTasks.form.slotsTaken', { count: task.placesTaken }) : t('orgTasks.form.slotsHelp')}
        rules={[{ required: true, message: t('orgTasks.form.slotsRequired') }, { type: 'number', min: Math.max(1, task?.placesTaken ?? 1), max: 100, message: task ? t('errors.reason.SLOTS_BELOW_TAKEN') : t('orgTasks.form.slotsRequired') }]}>
        <InputNumber min={1} max={100} precision={0} inputMode="numeric" style={{ width: 160 }} data-testid="task-form-slots" aria-label={t('orgTasks.fields.slots')} />
      </Form.Item>
      <Card size="small" title={t('orgTasks.form.conditions')} style={{ marginBottom: 16 }}>
        <Form.Item name="needsApproval" valuePropName="checked" extra={t('orgTasks.form.needsApprovalHelp')} style={{ marginBottom: 12 }}>
          <Checkbox data-testid="task-form-needs-approval">{t('orgTasks.flags.needsApproval')}</Checkbox>
        </Form.Item>
        <Form.Item name="involvesMinor" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="task-form-minor">{t('orgTasks.flags.involvesMinor')}</Checkbox>
        </Form.Item>
        <Form.Item name="homeVisit" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="task-form-home-visit">{t('orgTasks.flags.homeVisit')}</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">{t('orgTasks.form.safeguardingHelp')}</Typography.Text>
        {task && <div><Typography.Text type="secondary">{t('orgTasks.form.safeguardingEditHelp')}</Typography.Text></div>}
      </Card>
      {source && !task && (
        <Card size="small" title={t('caseId' in source ? 'orgTasks.form.forCase' : 'orgTasks.form.forReferral')} style={{ marginBottom: 16 }} data-testid="task-form-case">
          <Typography.Paragraph type="secondary">{t('orgTasks.form.disclosesHelp')}</Typography.Paragraph>
          {/* Whatever else a task discloses, it discloses who (the API adds the basics): ticked with the others. */}
          <Form.Item name="discloses" style={{ marginBottom: 0 }}
            normalize={(value: string[]) => (value.some((d) => d !== 'basic') ? [...new Set(['basic', ...value])] : value)}>
            <Checkbox.Group style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)' }}>
              {DISCLOSURES.map((d) => (
                <Checkbox key={d} value={d} data-testid={`task-form-discloses-${d}`}
                  disabled={d === 'basic' && discloses.some((x) => x !== 'basic')}>
                  <Typography.Text>{t(`orgTasks.discloses.${d}`)}</Typography.Text>
                  <Typography.Text type="secondary"> — {t(`orgTasks.form.disclosesExplain.${d}`)}</Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('orgTasks.form.disclosesStays')}</Typography.Paragraph>
        </Card>
      )}
      <Space wrap>
        <Button onClick={onCancel}>{t('members.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={posting || saving} data-testid="task-form-submit">{task ? t('orgTasks.form.save') : t('orgTasks.form.post')}</Button>
      </Space>
    </Form>
  );
}

/** "Post a task": from the list, from a case (`?caseId=`) or from an accepted referral (`?referralId=`), then the new task's page. */
export function NewTaskPage() {
  const { t } = useTranslation();
  const acting = useActing();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const caseId = params.get('caseId');
  const referralId = params.get('referralId');
  if (!acting || !TASK_ROLES.includes(acting.role)) return <Result status="403" title={t('orgTasks.list.notForRole')} />;
  let source: TaskSource | undefined;
  let back = { to: '/org-tasks', label: t('orgTasks.back') };
  if (caseId) {
    source = { caseId };
    back = { to: `/cases/${caseId}`, label: t('orgTasks.form.backToCase') };
  } else if (referralId) {
    source = { referralId };
    back = { to: `/referrals/${referralId}`, label: t('orgTasks.form.backToReferral') };
  }
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Link to={back.to}>← {back.label}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('orgTasks.form.newTitle')}</Typography.Title>
      <Card><PlainButtons><TaskForm source={source} onDone={(id) => navigate(`/org-tasks/${id}`)} onCancel={() => navigate(back.to)} onStale={() => undefined} /></PlainButtons></Card>
    </div>
  );
}

/** Edit an open task before it starts. A colleague's change in between is not overwritten: reload, then change again. */
export function EditTaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(TASK_FOR_EDIT, { variables: { id }, fetchPolicy: 'network-only' });
  const [stale, setStale] = useState(false);
  const [generation, setGeneration] = useState(0);
  const acting = useActing();
  const now = useNow();
  const task = data?.task;
  const editable = !!task && task.status === 'OPEN' && new Date(task.startsAt).getTime() > now && task.organisationId === acting?.organisation.id;
  const reload = async () => {
    await refetch();
    setStale(false);
    setGeneration((g) => g + 1);
  };
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Link to={`/org-tasks/${id}`}>← {t('orgTasks.page.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('orgTasks.form.editTitle')}</Typography.Title>
      {error && <Alert type="error" showIcon role="alert" title={orgTaskError(t, error)} />}
      {stale && (
        <Alert type="warning" showIcon role="alert" data-testid="stale-notice" title={t('orgTasks.form.stale')}
          action={<Button size="small" onClick={() => void reload()} data-testid="stale-reload">{t('orgTasks.form.reload')}</Button>} />
      )}
      {loading && !task && <Skeleton active />}
      {task && !editable && <Alert type="info" showIcon title={t('orgTasks.form.notEditable')} data-testid="task-not-editable" />}
      {task && editable && (
        <Card>
          <PlainButtons>
          <TaskForm key={`${task.version}-${generation}`} task={task} onDone={(taskId) => navigate(`/org-tasks/${taskId}`)}
            onCancel={() => navigate(`/org-tasks/${task.id}`)} onStale={() => setStale(true)} />
          </PlainButtons>
        </Card>
      )}
    </div>
  );
}
