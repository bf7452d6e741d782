import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { RegionSelect } from '../../components/RegionSelect';
import { errorText } from '../../errors';
import { birthDateRule, genderRule, mobileRule, regionCodeRule, residentIdRule } from '../../forms/field-checks';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import type { Assistance, Gender } from '../../gql/graphql';
import { DuplicateCandidates, useFormDuplicateCheck } from './DuplicateCandidates';
import { HouseholdSection } from './HouseholdSection';
import { FIELD_OF_INPUT, registrationInput, RegistrationFields } from './register-input';

const REGISTER = graphql(`
  mutation RegisterPerson($input: RegisterPersonInput!) { registerPerson(input: $input) { id fullName } }
`);

const ASSISTANCE: Assistance[] = ['DIBAO', 'TEKUN', 'MEDICAL', 'HOUSING', 'EDUCATION', 'TEMPORARY'];

export function RegisterPersonPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // "Add a household member" on a person's record leads here with their household.
  const [params] = useSearchParams();
  const joining = params.get('householdId');
  const [form] = Form.useForm<RegistrationFields>();
  const [register, { loading }] = useMutation(REGISTER);
  const [problem, setProblem] = useState<string | null>(null);

  const { candidates, idNumberRule } = useFormDuplicateCheck(form);
  const editing = useEditingForm(form);

  const submit = async (fields: RegistrationFields) => {
    setProblem(null);
    try {
      const { data } = await register({ variables: { input: registrationInput(fields) } });
      void message.success(t('register.done', { name: data?.registerPerson.fullName ?? fields.fullName }));
      editing.saved();
      navigate(`/people/${data?.registerPerson.id}`);
    } catch (e) {
      if (!showAtField(t, form, e, FIELD_OF_INPUT)) setProblem(errorText(t, e));
    }
  };

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t(joining ? 'register.titleMember' : 'register.title')}</Typography.Title>} style={{ maxWidth: 720 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="register-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        {...editing.formProps}
        initialValues={{ regionCode: '110105', householdChoice: joining ? 'JOIN' : 'NONE', householdId: joining ?? undefined }}
        requiredMark={false}
        disabled={loading}
      >
        <Form.Item name="fullName" label={t('person.fields.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('person.fields.idNumber')}
          extra={t('register.idHelp')}
          rules={[residentIdRule(t), idNumberRule]}
        >
          {/* Room for the spaces people type between the parts, as printed on the card. */}
          <Input autoComplete="off" maxLength={22} data-testid="register-id-number" />
        </Form.Item>
        <Form.Item name="gender" label={t('person.fields.gender')} dependencies={['idNumber']} rules={[genderRule(t)]}>
          <Select allowClear options={(['MALE', 'FEMALE', 'OTHER', 'UNKNOWN'] as Gender[]).map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={t('person.fields.birthDate')} dependencies={['idNumber']} rules={[birthDateRule(t)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="phone" label={t('person.fields.phone')} rules={[mobileRule(t)]}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <DuplicateCandidates candidates={candidates} />
        <Form.Item name="address" label={t('person.fields.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('person.fields.regionCode')} rules={[regionCodeRule(t)]}>
          <RegionSelect />
        </Form.Item>
        <HouseholdSection form={form} />
        <Typography.Title level={5} style={{ marginTop: 8 }}>{t('register.circumstances')}</Typography.Title>
        <Form.Item name="disability" label={t('person.fields.disability')}>
          <Input />
        </Form.Item>
        <Form.Item name="chronicIllness" label={t('person.fields.chronicIllness')}>
          <Input />
        </Form.Item>
        <Form.Item name="monthlyIncome" label={t('person.fields.monthlyIncomeCents')}>
          <InputNumber min={0} step={100} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="assistance" label={t('person.fields.assistance')}>
          <Select mode="multiple" options={ASSISTANCE.map((a) => ({ value: a, label: t(`assistance.${a}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('person.fields.notes')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="register-submit">{t('register.submit')}</Button>
      </Form>
    </Card>
  );
}
