import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { ReferralSettingsInput } from '../../gql/graphql';

const REFERRAL_SETTINGS = graphql(`
  query ReferralSettings { referralSettings { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays } }
`);

const UPDATE_REFERRAL_SETTINGS = graphql(`
  mutation UpdateReferralSettings($input: ReferralSettingsInput!) {
    updateReferralSettings(input: $input) { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays }
  }
`);

const FIELDS: { name: keyof ReferralSettingsInput; unit: 'hours' | 'days'; min: number; max: number }[] = [
  { name: 'remindAfterHours', unit: 'hours', min: 1, max: 720 },
  { name: 'escalateAfterHours', unit: 'hours', min: 1, max: 2160 },
  { name: 'expireAfterDays', unit: 'days', min: 1, max: 365 },
  { name: 'accessGraceDays', unit: 'days', min: 0, max: 365 },
];

/** The receiving organisation's admin says how unanswered referrals are chased and how long access outlives one. */
export function ReferralSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error } = useQuery(REFERRAL_SETTINGS, { fetchPolicy: 'network-only' });
  const [save, { loading }] = useMutation(UPDATE_REFERRAL_SETTINGS);
  const [form] = Form.useForm<ReferralSettingsInput>();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (input: ReferralSettingsInput) => {
    setProblem(null);
    if (input.escalateAfterHours < input.remindAfterHours) {
      form.setFields([{ name: 'escalateAfterHours', errors: [t('referralSettings.escalateAfterRemind')] }]);
      return;
    }
    try {
      await save({ variables: { input } });
      void message.success(t('referralSettings.saved'));
    } catch (e) {
      const placed = showOnField(t, form, e, Object.fromEntries(FIELDS.map((f) => [`input.${f.name}`, f.name])));
      if (!placed) setProblem(errorText(t, e));
    }
  };

  return (
    <Card title={t('referralSettings.title')} size="small" data-testid="referral-settings">
      <Typography.Paragraph type="secondary">{t('referralSettings.explain')}</Typography.Paragraph>
      {(problem || error) && <Alert type="error" showIcon role="alert" title={problem ?? errorText(t, error)} style={{ marginBottom: 12 }} />}
      {data && (
        <Form form={form} name="referral-settings" layout="vertical" onFinish={submit} disabled={loading} requiredMark={false} initialValues={data.referralSettings}>
          <Row gutter={16}>
            {FIELDS.map((f) => (
              <Col key={f.name} xs={24} sm={12} md={6}>
                <Form.Item name={f.name} label={t(`referralSettings.${f.name}`)} extra={t(`referralSettings.${f.name}Help`)} rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber min={f.min} max={f.max} precision={0} suffix={t(`referralSettings.${f.unit}`)} style={{ width: '100%' }} data-testid={`settings-${f.name}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="referral-settings-submit">{t('referralSettings.save')}</Button>
        </Form>
      )}
    </Card>
  );
}
