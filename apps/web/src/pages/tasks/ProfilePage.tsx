import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date, dateTime } from '../../dates';
import { residentIdRule } from '../../forms/field-checks';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import { taskErrorText, useSkillOptions } from './task-parts';

const PROFILE = graphql(`
  query MyVolunteerProfile {
    myVolunteerProfile { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }
  }
`);

const SAVE = graphql(`
  mutation SaveMyVolunteerProfile($input: VolunteerProfileInput!) {
    saveMyVolunteerProfile(input: $input) { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }
  }
`);

type Values = { skills: string[]; areaCodes: string[]; languages: string[]; availability: { day: number; from: string; to: string }[]; idNumber?: string };

const TIMES = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const LANGUAGES = ['zh', 'en', 'yue', 'other'];

/** The volunteer says what they can do, where and when; their group's checks show, read-only. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { data, loading, error } = useQuery(PROFILE);
  const [save, saving] = useMutation(SAVE, { refetchQueries: ['MyProfileExists', 'TaskBoard'] });
  const [problem, setProblem] = useState<string | null>(null);
  const skillOptions = useSkillOptions();
  const regions = t('regions', { returnObjects: true }) as Record<string, string>;
  // Districts a volunteer serves: Beijing's districts (the city's own code would mean "anywhere in Beijing").
  const areaOptions = useMemo(() => Object.entries(regions).map(([value, label]) => ({ value, label })), [regions]);
  const profile = data?.myVolunteerProfile;
  const editing = useEditingForm(form);

  useEffect(() => {
    if (!profile) return;
    form.setFieldsValue({
      skills: profile.skills ?? [], areaCodes: profile.areaCodes ?? [], languages: profile.languages ?? ['zh'],
      availability: (profile.availability ?? []).map((a) => ({ day: a.day, from: a.from, to: a.to })),
    });
  }, [profile, form]);

  const submit = async (values: Values) => {
    setProblem(null);
    try {
      await save({ variables: { input: {
        skills: values.skills ?? [], areaCodes: values.areaCodes ?? [], languages: values.languages?.length ? values.languages : ['zh'],
        availability: (values.availability ?? []).map((a) => ({ day: Number(a.day), from: a.from, to: a.to })),
        ...(values.idNumber?.trim() ? { idNumber: values.idNumber.trim() } : {}),
      } } });
      form.setFieldValue('idNumber', '');
      editing.saved();
      void message.success(t('tasks.profile.saved'));
    } catch (e) {
      if (!showAtField(t, form, e, { 'input.idNumber': 'idNumber', 'input.skills': 'skills', 'input.areaCodes': 'areaCodes', 'input.availability': 'availability' })) {
        setProblem(taskErrorText(t, e));
      }
    }
  };

  if (loading && !data) return <Skeleton active />;
  const lapsed = profile?.backgroundCheckValidUntil && profile.backgroundCheckValidUntil < new Date().toISOString().slice(0, 10);
  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('tasks.profile.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={taskErrorText(t, error)} />}
      {!profile && <Alert type="info" showIcon message={t('tasks.profile.first')} />}
      {profile && (
        <Card size="small" title={t('tasks.profile.checks')} data-testid="verification">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('tasks.profile.identity')}>
              {profile.identityCheckedAt ? <Tag color="green">{t('tasks.profile.checkedOn', { date: dateTime(profile.identityCheckedAt, i18n.resolvedLanguage) })}</Tag>
                : <Tag color="orange">{t('tasks.profile.notChecked')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.profile.background')}>
              {!profile.backgroundCheckValidUntil ? <Tag color="orange">{t('tasks.profile.notChecked')}</Tag>
                : <Tag color={lapsed ? 'red' : 'green'}>{t(lapsed ? 'tasks.profile.lapsedOn' : 'tasks.profile.validUntil', { date: date(profile.backgroundCheckValidUntil, i18n.resolvedLanguage) })}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('tasks.profile.checksExplain')}</Typography.Text>
        </Card>
      )}
      {problem && <Alert type="error" showIcon message={problem} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} {...editing.formProps} initialValues={{ skills: [], areaCodes: [], languages: ['zh'], availability: [] }}>
        <Form.Item name="skills" label={t('tasks.profile.skills')} rules={[{ required: true, type: 'array', min: 1, message: t('tasks.profile.skillsRequired') }]}>
          <Checkbox.Group options={skillOptions} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 8 }} />
        </Form.Item>
        <Form.Item name="areaCodes" label={t('tasks.profile.areas')} rules={[{ required: true, type: 'array', min: 1, message: t('tasks.profile.areasRequired') }]}>
          <Select mode="multiple" options={areaOptions} optionFilterProp="label" placeholder={t('tasks.profile.areasHint')} data-testid="areas" />
        </Form.Item>
        <Form.Item label={t('tasks.profile.availability')} extra={t('tasks.profile.availabilityHint')}>
          <Form.List name="availability">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline">
                    <Form.Item name={[field.name, 'day']} rules={[{ required: true, message: t('tasks.profile.dayRequired') }]} style={{ marginBottom: 0 }}>
                      <Select style={{ width: 96 }} aria-label={t('tasks.profile.day')} options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`tasks.weekday.${d}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: t('tasks.profile.timeRequired') }]} style={{ marginBottom: 0 }}>
                      <Select style={{ width: 96 }} aria-label={t('tasks.profile.from')} options={TIMES.map((v) => ({ value: v, label: v }))} />
                    </Form.Item>
                    <span>–</span>
                    <Form.Item
                      name={[field.name, 'to']}
                      dependencies={[['availability', field.name, 'from']]}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('tasks.profile.timeRequired') }, ({ getFieldValue }) => ({
                        validator: (_, to: string) => (!to || to > (getFieldValue(['availability', field.name, 'from']) ?? '') ? Promise.resolve()
                          : Promise.reject(new Error(t('tasks.profile.endsBeforeStart')))),
                      })]}
                    >
                      <Select style={{ width: 96 }} aria-label={t('tasks.profile.to')} options={[...TIMES.slice(1), '23:59'].map((v) => ({ value: v, label: v }))} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('tasks.profile.removeTime')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                {fields.length < 21 && <Button icon={<PlusOutlined />} onClick={() => add({ day: 6, from: '09:00', to: '12:00' })}>{t('tasks.profile.addTime')}</Button>}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="languages" label={t('tasks.profile.languages')}>
          <Checkbox.Group options={LANGUAGES.map((l) => ({ value: l, label: t(`tasks.language.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('tasks.profile.idNumber')}
          extra={profile?.idNumber ? t('tasks.profile.idNumberKept', { masked: profile.idNumber }) : t('tasks.profile.idNumberHint')}
          rules={[residentIdRule(t)]}
        >
          <Input autoComplete="off" maxLength={22} inputMode="text" data-testid="profile-id-number" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={saving.loading} data-testid="save-profile">{t('tasks.profile.save')}</Button>
      </Form>
    </div>
  );
}
