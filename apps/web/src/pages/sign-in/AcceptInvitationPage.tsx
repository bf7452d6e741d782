import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { apiErrors, errorText } from '../../errors';
import { isPlainMobileNumber, mobileRule } from '../../forms/field-checks';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import { useSession } from '../../session/SessionProvider';
import { acceptInvitation } from '../../session/session-store';

interface Fields {
  displayName: string;
  password: string;
  phone?: string;
}

const PREVIEW = graphql(`
  query InvitationPreview($token: String!) { invitationPreview(token: $token) { status organisationName role } }
`);

/** Opened from the invitation link: `/accept-invitation?token=…` (never logged by the API). */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status } = useSession();
  const [form] = Form.useForm<Fields>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // What the link is for, before anyone types a password: the organisation and the role, or why it cannot be used.
  const { data: preview, error: previewError, refetch } = useQuery(PREVIEW, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const editing = useEditingForm(form);
  if (done && status === 'signedIn') return <Navigate to="/" replace />;
  const invitation = preview?.invitationPreview;
  const usable = invitation?.status === 'PENDING';

  const submit = async (fields: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await acceptInvitation({ token, displayName: fields.displayName, password: fields.password, ...(fields.phone?.trim() ? { phone: fields.phone.trim() } : {}) });
      editing.saved();
      setDone(true);
    } catch (error) {
      // The link was used, revoked or ran out while the form was open: the page says so instead of the form.
      if (apiErrors(error)[0]?.extensions?.field === 'input.token') {
        editing.saved();
        void refetch();
      }
      const placed = showAtField(t, form, error, { 'input.displayName': 'displayName', 'input.password': 'password', 'input.phone': 'phone' });
      if (!placed) setProblem(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('accept.title')}</Typography.Title>
          <LanguageSwitch />
        </div>
        {!token ? (
          <Alert type="error" showIcon title={t('accept.missingToken')} style={{ marginTop: 16 }} />
        ) : previewError ? (
          <Alert type="error" showIcon role="alert" title={errorText(t, previewError)} style={{ marginTop: 16 }} />
        ) : !invitation ? (
          <Skeleton active paragraph={{ rows: 4 }} style={{ marginTop: 16 }} />
        ) : invitation.status === null ? (
          <Alert type="error" showIcon role="alert" title={t('accept.invalid')} style={{ marginTop: 16 }} data-testid="accept-invalid" />
        ) : invitation.status === 'AWAITING_APPROVAL' ? (
          <Alert type="warning" showIcon title={t('accept.awaiting', { organisation: invitation.organisationName })} style={{ marginTop: 16 }} data-testid="accept-awaiting" />
        ) : !usable ? (
          <Alert type="error" showIcon role="alert" title={t('accept.spent', { status: t(`invitations.status.${invitation.status}`) })} style={{ marginTop: 16 }} data-testid="accept-invalid"
            description={invitation.status === 'ACCEPTED' ? (
              <span data-testid="accept-used">{t('accept.spentAccepted')} <Link to="/login">{t('accept.signIn')}</Link></span>
            ) : invitation.status === 'EXPIRED' ? t('accept.spentExpired') : undefined} />
        ) : (
          <>
            <Typography.Paragraph strong style={{ marginTop: 16 }} data-testid="accept-invited-to">
              {t('accept.invitedTo', { organisation: invitation.organisationName, role: t(`roles.${invitation.role}`) })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('accept.intro')}</Typography.Paragraph>
            {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="accept-error" style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy} {...editing.formProps}>
              <Form.Item name="displayName" label={t('accept.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('cases.tooLong', { max: 100 }) }]}>
                <Input autoComplete="name" size="large" />
              </Form.Item>
              <Form.Item name="password" label={t('accept.password')} extra={t('accept.passwordHelp')} rules={[{ required: true, message: t('validation.required') }, { min: 10, message: t('validation.passwordLength') }]}>
                <Input.Password autoComplete="new-password" size="large" />
              </Form.Item>
              <Form.Item name="phone" label={t('accept.phone')} rules={[mobileRule(t, isPlainMobileNumber)]}>
                <Input autoComplete="tel" inputMode="tel" size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('accept.submit')}</Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  );
}
