import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorReason, errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { ReferralOutcome, ReferralReason } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { mayRoute, Party, REASONS_FOR, ReferralAction, referralActions } from './referral-actions';
import type { ReferralData } from './ReferralPage';

const MOVE_REFERRAL = graphql(`
  mutation MoveReferral($input: MoveReferralInput!) { moveReferral(input: $input) { ...ReferralFields } }
`);

const ROUTE_REFERRAL = graphql(`
  mutation RouteReferral($input: RouteReferralInput!) { routeReferral(input: $input) { ...ReferralFields } }
`);

const COLLEAGUES = graphql(`
  query Colleagues { members(first: 100) { edges { node { id role status user { id displayName } } } } }
`);

const OUTCOMES: ReferralOutcome[] = ['SERVICE_PROVIDED', 'PARTLY_PROVIDED', 'REFERRED_ONWARD'];
/** Whom the API lets a referral be routed to. */
const ROUTABLE_ROLES = ['CASEWORKER', 'COORDINATOR', 'STAFF'];
/** Refusals that mean the referral changed under the worker: read it again, then decide. */
const MOVED_MEANWHILE = ['STALE_VERSION', 'ALREADY_IN_STATE', 'ALREADY_MOVED'];

type Asking = { action: ReferralAction } | null;

/** The moves the worker's side may make now, each asking first for what it needs (a reason, an outcome). */
export function ReferralActions({ referral, party, onStale }: { referral: ReferralData; party: Party | null; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const acting = useActing();
  const [move, { loading }] = useMutation(MOVE_REFERRAL);
  const [asking, setAsking] = useState<Asking>(null);
  const [routing, setRouting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const status = referral.status;
  if (!status) return null;
  const actions = referralActions(status, party, acting?.role);
  const routable = mayRoute(status, party, acting?.role);
  if (actions.length === 0 && !routable) return null;

  /**
   * Makes the move; true when whatever asked for it may close. A refusal about what was typed in the dialog
   * (a reason that carries the person's phone, say) is said at that field and the dialog stays, with the text;
   * any other refusal is said under the buttons: the referral is as it was.
   */
  const run = async (action: ReferralAction, extra: Record<string, string> = {}, dialog?: FormInstance): Promise<boolean> => {
    setProblem(null);
    try {
      await move({ variables: { input: { referralId: referral.id, status: action.to, version: referral.version, ...extra } } });
      void message.success(t(`referralActions.done.${action.key}`));
    } catch (e) {
      if (MOVED_MEANWHILE.includes(errorReason(e) ?? '')) onStale();
      else if (dialog && showOnField(t, dialog, e, { 'input.reasonText': 'reasonText', 'input.outcomeNote': 'outcomeNote' }, 'referral')) return false;
      else setProblem(errorText(t, e, 'referral'));
    }
    return true;
  };

  const button = (action: ReferralAction) => {
    const label = t(`referralActions.${action.key}`);
    const danger = ['decline', 'fail', 'cancel', 'enteredInError'].includes(action.key);
    const primary = ['accept', 'complete', 'send'].includes(action.key);
    if (action.asks === 'confirm') {
      return (
        <Popconfirm key={action.key} title={t(`referralActions.confirm.${action.key}`)} okText={t('members.confirm')} cancelText={t('members.cancel')} onConfirm={() => run(action)}>
          <Button danger loading={loading} data-testid={`referral-action-${action.key}`}>{label}</Button>
        </Popconfirm>
      );
    }
    return (
      <Button
        key={action.key}
        type={primary ? 'primary' : 'default'}
        danger={danger}
        loading={loading && !asking}
        onClick={() => (action.asks ? setAsking({ action }) : void run(action))}
        data-testid={`referral-action-${action.key}`}
      >
        {label}
      </Button>
    );
  };

  return (
    <div style={{ marginTop: 16 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} data-testid="referral-error" />}
      <Space wrap>
        {actions.map(button)}
        {routable && <Button onClick={() => setRouting(true)} data-testid="referral-route">{t('referralActions.route')}</Button>}
      </Space>
      {asking?.action.asks === 'reason' && (
        <ReasonDialog
          action={asking.action}
          onCancel={() => setAsking(null)}
          onSubmit={async (reasonCode, reasonText, dialog) => {
            if (await run(asking.action, { reasonCode, reasonText }, dialog)) setAsking(null);
          }}
        />
      )}
      {asking?.action.asks === 'outcome' && (
        <OutcomeDialog
          onCancel={() => setAsking(null)}
          onSubmit={async (outcome, outcomeNote, dialog) => {
            if (await run(asking.action, { outcome, ...(outcomeNote ? { outcomeNote } : {}) }, dialog)) setAsking(null);
          }}
        />
      )}
      {routing && <RouteDialog referral={referral} onClose={() => setRouting(false)} onStale={() => { setRouting(false); onStale(); }} />}
    </div>
  );
}

/** A decline, hold, failure or cancellation: a coded reason the sender can count, and words they can read. */
function ReasonDialog({ action, onCancel, onSubmit }: { action: ReferralAction; onCancel: () => void; onSubmit: (code: ReferralReason, text: string, form: FormInstance) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reasonCode: ReferralReason; reasonText: string }>();
  const [saving, setSaving] = useState(false);
  const reasons = REASONS_FOR[action.key as keyof typeof REASONS_FOR] ?? [];
  const submit = async ({ reasonCode, reasonText }: { reasonCode: ReferralReason; reasonText: string }) => {
    setSaving(true);
    await onSubmit(reasonCode, reasonText.trim(), form);
    setSaving(false);
  };
  return (
    <Modal open title={t(`referralActions.titles.${action.key}`)} onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(`referralActions.explain.${action.key}`)}</Typography.Paragraph>
      <Form form={form} name="reason" layout="vertical" onFinish={submit} requiredMark={false} disabled={saving}>
        <Form.Item name="reasonCode" label={t('referralActions.reasonCode')} rules={[{ required: true, message: t('referralActions.reasonCodeRequired') }]}>
          <Select data-testid="reason-code" options={reasons.map((r) => ({ value: r, label: t(`referralReason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="reasonText" label={t('referralActions.reasonText')} rules={[{ required: true, whitespace: true, max: 1000, message: t('referralActions.reasonTextRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="reason-text" />
        </Form.Item>
        <Space>
          <Button onClick={onCancel}>{t('members.cancel')}</Button>
          <Button type="primary" danger={action.key !== 'hold'} htmlType="submit" loading={saving} data-testid="reason-submit">{t(`referralActions.${action.key}`)}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** Completing records what the person received, for the sender to see and close their case by. */
function OutcomeDialog({ onCancel, onSubmit }: { onCancel: () => void; onSubmit: (outcome: ReferralOutcome, note: string, form: FormInstance) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ outcome: ReferralOutcome; outcomeNote?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ outcome, outcomeNote }: { outcome: ReferralOutcome; outcomeNote?: string }) => {
    setSaving(true);
    await onSubmit(outcome, outcomeNote?.trim() ?? '', form);
    setSaving(false);
  };
  return (
    <Modal open title={t('referralActions.titles.complete')} onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('referralActions.explain.complete')}</Typography.Paragraph>
      <Form form={form} name="outcome" layout="vertical" onFinish={submit} requiredMark={false} disabled={saving}>
        <Form.Item name="outcome" label={t('referrals.outcome')} rules={[{ required: true, message: t('referralActions.outcomeRequired') }]}>
          <Radio.Group data-testid="referral-outcome-choice">
            <Space orientation="vertical">
              {OUTCOMES.map((o) => <Radio key={o} value={o}>{t(`referralOutcome.${o}`)}</Radio>)}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="outcomeNote" label={t('referralActions.outcomeNote')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="referral-outcome-note" />
        </Form.Item>
        <Space>
          <Button onClick={onCancel}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="referral-outcome-submit">{t('referralActions.complete')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** The receiver's coordinator or admin hands the accepted referral to a colleague. */
function RouteDialog({ referral, onClose, onStale }: { referral: ReferralData; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string }>();
  const { data, loading, error } = useQuery(COLLEAGUES, { fetchPolicy: 'network-only' });
  const [route, { loading: saving }] = useMutation(ROUTE_REFERRAL);
  const [problem, setProblem] = useState<string | null>(null);
  const colleagues = (data?.members.edges ?? []).map((e) => e.node).filter((m) => m.status === 'ACTIVE' && ROUTABLE_ROLES.includes(m.role));

  const submit = async ({ userId }: { userId: string }) => {
    setProblem(null);
    try {
      await route({ variables: { input: { referralId: referral.id, userId } } });
      void message.success(t('referralActions.routed', { name: colleagues.find((c) => c.user.id === userId)?.user.displayName ?? '' }));
      onClose();
    } catch (e) {
      if (MOVED_MEANWHILE.includes(errorReason(e) ?? '')) onStale();
      else if (!showOnField(t, form, e, { 'input.userId': 'userId' }, 'route')) setProblem(errorText(t, e, 'route'));
    }
  };

  return (
    <Modal open title={t('referralActions.routeTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('referralActions.routeExplain')}</Typography.Paragraph>
      {(problem || error) && <Alert type="error" showIcon role="alert" title={problem ?? errorText(t, error)} style={{ marginBottom: 12 }} />}
      <Form form={form} name="route" layout="vertical" onFinish={submit} requiredMark={false} disabled={saving} initialValues={{ userId: referral.receiverUserId ?? undefined }}>
        <Form.Item name="userId" label={t('referralActions.colleague')} rules={[{ required: true, message: t('assign.choose') }]}>
          <Select
            showSearch
            loading={loading}
            optionFilterProp="label"
            data-testid="route-colleague"
            options={colleagues.map((c) => ({ value: c.user.id, label: `${c.user.displayName} · ${t(`roles.${c.role}`)}` }))}
          />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="route-submit">{t('referralActions.route')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
