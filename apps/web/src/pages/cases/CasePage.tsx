import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isWithheld } from '../../access-notes';
import { FieldValue, Guarded } from '../../components/Guarded';
import { History } from '../../components/History';
import { NeedTags, useNeeds } from '../../components/Needs';
import { CaseStatusTag, PriorityTag } from '../../components/StatusTags';
import { date } from '../../dates';
import { errorReason, errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { CaseOutcome, CasePriority, CaseQuery, CaseStatus } from '../../gql/graphql';
import { useActing, useSession } from '../../session/SessionProvider';
import { CaseAssignees } from './CaseAssignees';
import { caseMoveKey, caseMoves } from './case-moves';
import { CaseReferrals } from './CaseReferrals';
import { PRIORITIES } from '../people/PersonCases';
import { CaseAttachments } from './CaseAttachments';
import { CaseNoteForm, NoteToCorrect } from './CaseNoteForm';
import { caseAttachmentLine, caseEventLine, caseNoteLine } from '../timeline/timeline-text';

// Every change answers with the whole case, so the screen shows what the API now holds.
graphql(`
  fragment CaseFields on Case {
    id caseNumber needs priority status summary outcome outcomeNote regionCode createdAt closedAt holdingOrganisationId version readyToClose
    person { id fullName }
    assignees { id userId displayName organisationId organisationName assignedAt endedAt }
    timeline { id kind actorName assigneeName fromStatus toStatus outcome changed referralId referralStatus organisationName occurredAt }
    noteEntries { id body visibility authorUserId authorName authorOrganisationName writtenAt correctsId correctedById migrated }
    attachments { id category fileName contentType sizeBytes uploadedByName uploadedByOrganisationName uploadedAt }
  }
`);

const CASE = graphql(`
  query Case($id: ID!) { case(id: $id) { ...CaseFields } }
`);

const UPDATE_CASE = graphql(`
  mutation UpdateCase($input: UpdateCaseInput!) { updateCase(input: $input) { ...CaseFields } }
`);

const SET_CASE_STATUS = graphql(`
  mutation SetCaseStatus($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { ...CaseFields } }
`);

export type CaseData = CaseQuery['case'];

const OUTCOMES: CaseOutcome[] = ['NEEDS_MET', 'PARTLY_MET', 'NOT_MET', 'DECLINED_BY_PERSON', 'MOVED_AWAY', 'TRANSFERRED', 'DECEASED'];

/** Someone changed the case since it was read: say so and offer to read it again. */
export function StaleNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="stale-notice"
      title={t('cases.stale')}
      action={<Button size="small" onClick={onReload} data-testid="stale-reload">{t('cases.reload')}</Button>}
    />
  );
}

export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSession();
  const acting = useActing();
  const { data, loading, error, refetch } = useQuery(CASE, { variables: { id }, fetchPolicy: 'network-only' });
  const [stale, setStale] = useState(false);
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [referring, setReferring] = useState<boolean | null>(null);
  const [correcting, setCorrecting] = useState<NoteToCorrect | null>(null);
  const found = data?.case;

  const reload = async () => {
    setStale(false);
    setEditing(false);
    await refetch();
  };
  if (!found) {
    return (
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
        <Link to="/cases">← {t('cases.back')}</Link>
        {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
        {loading && <Card loading />}
      </div>
    );
  }

  const holderCoordinator = acting?.role === 'COORDINATOR' && found.holdingOrganisationId === acting.organisation.id;
  const assignedToMe = !!found.assignees?.some((a) => a.userId === user?.id && !a.endedAt && a.organisationId === acting?.organisation.id);
  const mayWork = holderCoordinator || (acting?.role === 'CASEWORKER' && assignedToMe);
  const closed = found.status === 'CLOSED';
  const isHolder = found.holdingOrganisationId === acting?.organisation.id;
  // Notes are written by those who work the open case and may read its notes (what they write, they read back).
  const mayWriteNotes = mayWork && !closed && found.noteEntries !== null;
  const history = [
    ...(found.timeline ?? []).map((e) => ({ id: e.id, occurredAt: e.occurredAt, ...caseEventLine(t, e) })),
    ...(found.noteEntries ?? []).map((n) => ({
      id: n.id, occurredAt: n.writtenAt, ...caseNoteLine(t, n),
      content: (
        <div data-testid="case-note" style={{ margin: '4px 0' }}>
          <Space size={4} wrap>
            <Tag color={n.visibility === 'HOLDER' ? 'gold' : 'blue'} data-testid="case-note-visibility">{t(`caseNotes.${n.visibility}`)}</Tag>
            {n.correctedById && <Tag data-testid="case-note-corrected">{t('caseNotes.correctedBy')}</Tag>}
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0', ...(n.correctedById ? { color: 'rgba(0,0,0,0.45)' } : {}) }} data-testid="case-note-body">
            <FieldValue operation="Case" path="case.noteEntries" field="body" value={n.body} />
          </Typography.Paragraph>
          {mayWriteNotes && n.authorUserId === user?.id && !n.correctedById && (
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setCorrecting({ id: n.id, body: n.body })} data-testid="case-note-correct">
              {t('caseNotes.correct')}
            </Button>
          )}
        </div>
      ),
    })),
    ...(found.attachments ?? []).map((f) => ({ id: f.id, occurredAt: f.uploadedAt, ...caseAttachmentLine(t, f) })),
  ].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
      <Link to="/cases">← {t('cases.back')}</Link>
      {stale && <StaleNotice onReload={() => void reload()} />}
      {found.readyToClose && mayWork && (
        <Alert
          type="success"
          showIcon
          data-testid="ready-to-close"
          title={t('cases.readyToClose')}
          description={t('cases.readyToCloseDetail')}
          action={(
            <Space wrap>
              <Button onClick={() => setReferring(true)} data-testid="ready-to-close-refer">{t('cases.referAgain')}</Button>
              <Button type="primary" onClick={() => setClosing(true)} data-testid="ready-to-close-action">{t('cases.closeCase')}</Button>
            </Space>
          )}
        />
      )}
      <Card
        title={
          <Space wrap>
            <Typography.Text type="secondary" copyable data-testid="case-number">{found.caseNumber}</Typography.Text>
            <span data-testid="case-person">
              {found.person ? <Link to={`/people/${found.person.id}`}><Guarded value={found.person.fullName} /></Link> : <Guarded value={null} />}
            </span>
            <CaseStatusTag status={found.status} />
            <PriorityTag priority={found.priority} />
          </Space>
        }
        extra={mayWork && !closed && !editing && (
          <Space wrap>
            {/* Those who work the case may ask volunteers to help its person (libs/tasks: postTask from a case). */}
            <Link to={`/org-tasks/new?caseId=${found.id}`} data-testid="case-post-task"><Button>{t('cases.postTask')}</Button></Link>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="case-edit">{t('cases.edit')}</Button>
          </Space>
        )}
      >
        {editing ? (
          <EditCase found={found} onDone={() => setEditing(false)} onStale={() => setStale(true)} />
        ) : (
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('cases.fields.needs')}><NeedTags codes={found.needs} /></Descriptions.Item>
            <Descriptions.Item label={t('cases.openedAt')}>{date(found.createdAt, i18n.resolvedLanguage)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.fields.summary')} span={2}>
              <FieldValue operation="Case" path="case" field="summary" value={found.summary} testId="case-summary" />
            </Descriptions.Item>
            {closed && (
              <>
                <Descriptions.Item label={t('cases.fields.outcome')}>
                  <FieldValue operation="Case" path="case" field="outcome" value={found.outcome} format={(o) => t(`caseOutcome.${o}`)} testId="case-outcome" />
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.closedAt')}>{date(found.closedAt, i18n.resolvedLanguage)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.fields.outcomeNote')} span={2}>
                  <FieldValue operation="Case" path="case" field="outcomeNote" value={found.outcomeNote} testId="case-outcomeNote" />
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
        )}
        {mayWork && found.status && (
          <StatusMoves found={found} mayReopen={holderCoordinator} onClose={() => setClosing(true)} onStale={() => setStale(true)} />
        )}
      </Card>
      <CaseAssignees found={found} mayAssign={holderCoordinator} onStale={() => setStale(true)} />
      <CaseReferrals found={found} mayRefer={mayWork && !closed} isCoordinator={holderCoordinator} onReferred={() => void refetch()}
        referring={referring} onReferring={setReferring} />
      <CaseAttachments found={found} mayUpload={mayWork && !closed} onUploaded={() => void refetch()} />
      <Card title={t('cases.timeline')} data-testid="case-notes">
        {mayWriteNotes && (
          <CaseNoteForm key={correcting?.id ?? 'new'} caseId={found.id} isHolder={isHolder} correcting={correcting}
            onCancelCorrection={() => setCorrecting(null)} onSaved={() => { setCorrecting(null); void refetch(); }} />
        )}
        {found.noteEntries === null && isWithheld('Case', 'case', 'noteEntries') && (
          <Typography.Paragraph type="secondary" data-testid="case-notes-withheld">{t('caseNotes.withheld')}</Typography.Paragraph>
        )}
        {found.timeline ? <History testId="case-timeline" events={history} /> : isWithheld('Case', 'case', 'timeline') && <Guarded value={null} />}
      </Card>
      {closing && <CloseCase found={found} onDone={() => setClosing(false)} onStale={() => { setClosing(false); setStale(true); }} />}
    </div>
  );
}

interface EditFields {
  needs: string[];
  priority: CasePriority;
  summary?: string;
}

function EditCase({ found, onDone, onStale }: { found: CaseData; onDone: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const needs = useNeeds();
  const [form] = Form.useForm<EditFields>();
  const [update, { loading }] = useMutation(UPDATE_CASE);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (fields: EditFields) => {
    setProblem(null);
    try {
      await update({
        variables: {
          input: {
            caseId: found.id, version: found.version, needs: fields.needs, priority: fields.priority,
            // A field the worker may not read came as null: leave it as it is rather than blank it.
            ...(found.summary !== null ? { summary: fields.summary ?? '' } : {}),
          },
        },
      });
      void message.success(t('cases.saved'));
      onDone();
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else if (!showOnField(t, form, e, { 'input.needs': 'needs', 'input.priority': 'priority', 'input.summary': 'summary' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Form
      form={form}
      name="edit-case"
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      disabled={loading}
      initialValues={{ needs: found.needs ?? [], priority: found.priority ?? 'NORMAL', summary: found.summary ?? '' }}
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Form.Item name="needs" label={t('cases.fields.needs')} rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('cases.needsRequired') }]}>
        <Select mode="multiple" options={needs.options} optionFilterProp="label" data-testid="case-edit-needs" />
      </Form.Item>
      <Form.Item name="priority" label={t('cases.fields.priority')}>
        <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      </Form.Item>
      {found.summary !== null && (
        <Form.Item name="summary" label={t('cases.fields.summary')} rules={[{ max: 200, message: t('cases.tooLong', { max: 200 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} data-testid="case-edit-summary" />
        </Form.Item>
      )}
      <Space>
        <Button onClick={onDone}>{t('members.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="case-edit-submit">{t('cases.save')}</Button>
      </Space>
    </Form>
  );
}

/** The status moves the worker may make now; closing asks for the outcome first. */
function StatusMoves({ found, mayReopen, onClose, onStale }: { found: CaseData; mayReopen: boolean; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [setStatus, { loading }] = useMutation(SET_CASE_STATUS);
  const [problem, setProblem] = useState<string | null>(null);
  const from = found.status!;
  const moves = caseMoves(from, mayReopen);
  if (moves.length === 0) return null;

  const move = async (to: CaseStatus) => {
    setProblem(null);
    try {
      await setStatus({ variables: { input: { caseId: found.id, status: to, version: found.version } } });
      void message.success(t('cases.moved', { status: t(`caseStatus.${to}`) }));
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else setProblem(errorText(t, e));
    }
  };

  return (
    <div style={{ marginTop: 16 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} />}
      <Space wrap data-testid="case-moves">
        {moves.map((to) => {
          const label = t(`cases.moves.${caseMoveKey(from, to)}`);
          if (to === 'CLOSED') return <Button key={to} danger onClick={onClose} data-testid="case-move-CLOSED">{label}</Button>;
          if (to === 'OPEN') {
            return (
              <Popconfirm key={to} title={t('cases.reopenConfirm')} okText={t('members.confirm')} cancelText={t('members.cancel')} onConfirm={() => move(to)}>
                <Button loading={loading} data-testid="case-move-OPEN">{label}</Button>
              </Popconfirm>
            );
          }
          return <Button key={to} loading={loading} onClick={() => void move(to)} data-testid={`case-move-${to}`}>{label}</Button>;
        })}
      </Space>
    </div>
  );
}

/** Closing a case records how it ended. */
function CloseCase({ found, onDone, onStale }: { found: CaseData; onDone: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: CaseOutcome; outcomeNote?: string }>();
  const [setStatus, { loading }] = useMutation(SET_CASE_STATUS);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ outcome, outcomeNote }: { outcome: CaseOutcome; outcomeNote?: string }) => {
    setProblem(null);
    try {
      await setStatus({
        variables: { input: { caseId: found.id, status: 'CLOSED', version: found.version, outcome, ...(outcomeNote?.trim() ? { outcomeNote: outcomeNote.trim() } : {}) } },
      });
      void message.success(t('cases.closed'));
      onDone();
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else if (!showOnField(t, form, e, { 'input.outcome': 'outcome', 'input.outcomeNote': 'outcomeNote' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Modal open title={t('cases.closeTitle')} onCancel={onDone} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('cases.closeExplain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} name="close-case" layout="vertical" onFinish={submit} requiredMark={false} disabled={loading}>
        <Form.Item name="outcome" label={t('cases.fields.outcome')} rules={[{ required: true, message: t('cases.outcomeRequired') }]}>
          <Radio.Group data-testid="case-close-outcome">
            <Space orientation="vertical">
              {OUTCOMES.map((o) => <Radio key={o} value={o}>{t(`caseOutcome.${o}`)}</Radio>)}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="outcomeNote" label={t('cases.fields.outcomeNote')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="case-close-note" />
        </Form.Item>
        <Space>
          <Button onClick={onDone}>{t('members.cancel')}</Button>
          <Button type="primary" danger htmlType="submit" loading={loading} data-testid="case-close-submit">{t('cases.closeCase')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
