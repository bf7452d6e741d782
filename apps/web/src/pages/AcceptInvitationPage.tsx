import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorText, showOnField } from '../errors';
import { useSession } from '../session/SessionProvider';
import { acceptInvitation } from '../session/session-store';

interface Fields {
  displayName: string;
  password: string;
  phone?: string;
}

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
  if (done && status === 'signedIn') return <Navigate to="/" replace />;

  const submit = async (fields: Fields) => {
    setBusy(true);
    setProblem(null);
    try {
      await acceptInvitation({ token, displayName: fields.displayName, password: fields.password, ...(fields.phone ? { phone: fields.phone } : {}) });
      setDone(true);
    } catch (error) {
      const placed = showOnField(t, form, error, { 'input.displayName': 'displayName', 'input.password': 'password', 'input.phone': 'phone' });
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
          <Alert type="error" showIcon message={t('accept.missingToken')} style={{ marginTop: 16 }} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('accept.intro')}</Typography.Paragraph>
            {problem && <Alert type="error" showIcon role="alert" message={problem} data-testid="accept-error" style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
              <Form.Item name="displayName" label={t('accept.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
                <Input autoComplete="name" size="large" />
              </Form.Item>
              <Form.Item name="password" label={t('accept.password')} extra={t('accept.passwordHelp')} rules={[{ required: true, message: t('validation.required') }, { min: 10, message: t('validation.passwordLength') }]}>
                <Input.Password autoComplete="new-password" size="large" />
              </Form.Item>
              <Form.Item name="phone" label={t('accept.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('validation.phone') }]}>
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
