import { EyeInvisibleOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Popconfirm, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isWithheld } from '../access-notes';
import { apiErrors, errorText, showOnField } from '../errors';
import { useActing } from '../session/SessionProvider';
import { graphql } from '../gql';
import type { ConsentCategory, ConsentGivenBy, ConsentPurpose, PersonQuery } from '../gql/graphql';

const PERSON = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode
      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId
    }
  }
`);

const CONSENTS = graphql(`
  query Consents($personId: ID!) {
    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil givenBy evidence withdrawnAt }
    organisations(first: 100) { edges { node { id name } } }
  }
`);

const RECORD_CONSENT = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }
`);

const BREAK_GLASS = graphql(`
  mutation BreakGlass($input: BreakGlassInput!) { breakGlass(input: $input) { id } }
`);

const WITHDRAW_CONSENT = graphql(`
  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }
`);

type PersonData = NonNullable<PersonQuery['person']>;
const FIELDS: (keyof PersonData)[] = ['fullName', 'gender', 'birthYear', 'birthDate', 'idDocumentType', 'idNumber', 'phone', 'address', 'regionCode', 'disability', 'chronicIllness', 'monthlyIncomeCents', 'assistance', 'notes'];
const CATEGORIES: ConsentCategory[] = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];
const PURPOSES: ConsentPurpose[] = ['ASSESSMENT', 'REFERRAL', 'SERVICE_DELIVERY', 'CASE_MANAGEMENT', 'STATISTICS'];

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PERSON, { variables: { id }, fetchPolicy: 'network-only' });
  const person = data?.person;
  const acting = useActing();
  const notVisible = apiErrors(error)[0]?.extensions?.code === 'NOT_FOUND';

  const show = (field: keyof PersonData) => {
    const value = person?.[field];
    if (value === null || value === undefined) {
      if (isWithheld('Person', 'person', field)) {
        return (
          <Tooltip title={t('person.withheldWhy')}>
            <Typography.Text type="secondary" data-testid={`withheld-${field}`}><LockOutlined aria-hidden /> {t('person.withheld')}</Typography.Text>
          </Tooltip>
        );
      }
      return <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>;
    }
    const text =
      field === 'gender' ? t(`gender.${value}`)
      : field === 'idDocumentType' ? t(`idDocumentType.${value}`)
      : field === 'assistance' ? (value as string[]).map((a) => t(`assistance.${a}`)).join('、') || t('person.notRecorded')
      : field === 'monthlyIncomeCents' ? ((value as number) / 100).toFixed(2)
      : String(value);
    if (typeof value === 'string' && value.includes('*')) {
      return (
        <Space>
          <span data-testid={`value-${field}`}>{text}</span>
          <Tooltip title={t('person.maskedWhy')}><Tag icon={<EyeInvisibleOutlined />}>{t('person.masked')}</Tag></Tooltip>
        </Space>
      );
    }
    return <span data-testid={`value-${field}`}>{text}</span>;
  };

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960 }}>
      <Link to="/people">← {t('person.back')}</Link>
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      {notVisible && acting?.role === 'COORDINATOR' && <BreakGlass personId={id} onOpened={() => void refetch()} />}
      {person && (
        <>
          <Card title={<span data-testid="person-name">{person.fullName ?? t('person.title')}</span>} loading={loading && !data}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              {FIELDS.map((field) => (
                <Descriptions.Item key={field} label={t(`person.fields.${field}`)}>{show(field)}</Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Consents personId={person.id} holder={person.holdingOrganisationId} />
        </>
      )}
    </div>
  );
}

interface ConsentFields {
  recipientOrganisationId: string;
  categories: ConsentCategory[];
  purpose: ConsentPurpose;
  validUntil?: string;
  givenBy: ConsentGivenBy;
  guardianName?: string;
  evidence?: string;
}

/** Shown to those who keep the person's record; others get FORBIDDEN and see nothing here. */
function Consents({ personId, holder }: { personId: string; holder: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(CONSENTS, { variables: { personId }, fetchPolicy: 'network-only' });
  const [record, { loading }] = useMutation(RECORD_CONSENT);
  const [withdraw] = useMutation(WITHDRAW_CONSENT);
  const [form] = Form.useForm<ConsentFields>();
  const [problem, setProblem] = useState<string | null>(null);
  const givenBy = Form.useWatch('givenBy', form);
  const [now] = useState(() => Date.now());
  if (error && apiErrors(error)[0]?.extensions?.code === 'FORBIDDEN') return null;
  const organisations = (data?.organisations.edges ?? []).map((e) => e.node).filter((o) => o.id !== holder);
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;

  const submit = async (fields: ConsentFields) => {
    setProblem(null);
    try {
      await record({
        variables: {
          input: {
            personId, recipientOrganisationId: fields.recipientOrganisationId, categories: fields.categories, purpose: fields.purpose,
            givenBy: fields.givenBy, ...(fields.guardianName ? { guardianName: fields.guardianName } : {}), ...(fields.evidence ? { evidence: fields.evidence } : {}),
            ...(fields.validUntil ? { validUntil: new Date(`${fields.validUntil}T23:59:59+08:00`).toISOString() } : {}),
          },
        },
      });
      void message.success(t('consent.saved'));
      form.resetFields();
      await refetch();
    } catch (e) {
      const placed = showOnField(t, form, e, {
        'input.categories': 'categories', 'input.validUntil': 'validUntil', 'input.givenBy': 'givenBy', 'input.guardianName': 'guardianName',
        'input.recipientOrganisationId': 'recipientOrganisationId', 'input.evidence': 'evidence',
      });
      if (!placed) setProblem(errorText(t, e));
    }
  };

  return (
    <Card title={t('consent.title')} data-testid="consents">
      <List
        dataSource={data?.consents ?? []}
        locale={{ emptyText: t('consent.none') }}
        renderItem={(c) => {
          const state = c.withdrawnAt ? 'withdrawn' : c.validUntil && new Date(c.validUntil).getTime() < now ? 'expired' : 'active';
          return (
            <List.Item
              actions={state === 'active' ? [
                <Popconfirm key="w" title={t('consent.withdrawConfirm')} okText={t('members.confirm')} cancelText={t('members.cancel')}
                  onConfirm={async () => { await withdraw({ variables: { id: c.id } }); await refetch(); }}>
                  <Button size="small" danger>{t('consent.withdraw')}</Button>
                </Popconfirm>,
              ] : []}
            >
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{nameOf(c.recipientOrganisationId)}</Typography.Text>
                <Space wrap size={4}>
                  {c.categories.map((cat) => <Tag key={cat}>{t(`categories.${cat}`)}</Tag>)}
                  <Tag color={state === 'active' ? 'green' : 'default'} data-testid="consent-state">{t(`consent.${state}`)}</Tag>
                </Space>
                <Typography.Text type="secondary">{t(`purposes.${c.purpose}`)} · {t(`givenBy.${c.givenBy}`)}{c.evidence ? ` · ${c.evidence}` : ''}</Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
      <Typography.Title level={5}>{t('consent.record')}</Typography.Title>
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ givenBy: 'SELF', purpose: 'SERVICE_DELIVERY', categories: ['basic'] }} requiredMark={false} disabled={loading}>
        <Form.Item name="recipientOrganisationId" label={t('consent.recipient')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select data-testid="consent-recipient" options={organisations.map((o) => ({ value: o.id, label: o.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="categories" label={t('consent.categories')} extra={t('consent.separateHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <Checkbox.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('consent.purpose')}>
          <Select options={PURPOSES.map((p) => ({ value: p, label: t(`purposes.${p}`) }))} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('consent.validUntil')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="givenBy" label={t('consent.givenBy')}>
          <Radio.Group options={(['SELF', 'GUARDIAN'] as ConsentGivenBy[]).map((g) => ({ value: g, label: t(`givenBy.${g}`) }))} />
        </Form.Item>
        {givenBy === 'GUARDIAN' && (
          <Form.Item name="guardianName" label={t('consent.guardianName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('consent.evidence')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="consent-submit">{t('consent.submit')}</Button>
      </Form>
    </Card>
  );
}

/** A coordinator's emergency opening of a record they may not see, with a written reason. */
function BreakGlass({ personId, onOpened }: { personId: string; onOpened: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, { loading }] = useMutation(BREAK_GLASS);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setProblem(null);
    try {
      await open({ variables: { input: { personId, reason } } });
      onOpened();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.reason': 'reason' })) setProblem(errorText(t, e));
    }
  };
  return (
    <Card title={t('breakGlass.title')} data-testid="break-glass">
      <Typography.Paragraph type="secondary">{t('breakGlass.explain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading}>
        <Form.Item name="reason" label={t('breakGlass.reason')} rules={[{ required: true, whitespace: true, min: 10, message: t('breakGlass.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Button danger htmlType="submit" loading={loading}>{t('breakGlass.submit')}</Button>
      </Form>
    </Card>
  );
}
