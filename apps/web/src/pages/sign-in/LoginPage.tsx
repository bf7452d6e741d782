import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { errorText } from '../../errors';
import { FIELD_CHECKS, showAtField } from '../../forms/form-behaviour';
import { useSession } from '../../session/SessionProvider';
import { login } from '../../session/session-store';

export function LoginPage() {
  const { t } = useTranslation();
  const { status, notice } = useSession();
  const location = useLocation();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (status === 'signedIn') return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;

  const submit = async ({ email, password }: { email: string; password: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await login(email, password);
    } catch (error) {
      if (!showAtField(t, form, error, { 'input.email': 'email', 'input.password': 'password' })) setProblem(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('login.title')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {notice && !problem && (
          <Alert type={notice === 'ENDED' ? 'warning' : 'info'} showIcon message={t(notice === 'ENDED' ? 'session.ended' : 'session.signedOut')} style={{ marginBottom: 16 }} />
        )}
        {problem && <Alert type="error" showIcon message={problem} role="alert" data-testid="login-error" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy} {...FIELD_CHECKS}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
            <Input autoComplete="username" inputMode="email" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>{t('login.demoHint')}</Typography.Paragraph>
      </Card>
    </main>
  );
}
