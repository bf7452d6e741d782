import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FieldValue, yuan } from '../../components/Guarded';
import { apiErrors, errorText } from '../../errors';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { useActing } from '../../session/SessionProvider';
import { graphql } from '../../gql';
import type { ConsentCategory, ConsentGivenBy, ConsentPurpose, PersonQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { HouseholdCard } from './HouseholdCard';
import { MergeDuplicate, MergeResult } from './MergeDuplicate';
import { PersonCases } from './PersonCases';

const PERSON = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode
      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId
      relationToHead mergedRecordIds
      household {
        id regionCode address monthlyIncomeCents holdingOrganisationId
        members { id fullName relationToHead }
      }
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
  // Kept with the record it was about: the page stays mounted when the worker opens another record.
  const [merged, setMerged] = useState<(MergeResult & { survivorId: string }) | null>(null);

  const format = (field: keyof PersonData) => (value: unknown) =>
    field === 'gender' ? t(`gender.${value}`)
    : field === 'idDocumentType' ? t(`idDocumentType.${value}`)
    : field === 'assistance' ? (value as string[]).map((a) => t(`assistance.${a}`)).join('、') || t('person.notRecorded')
    : field === 'monthlyIncomeCents' ? yuan(value)
    : field === 'regionCode' ? regionName(t, String(value))
    : String(value);
  const show = (field: keyof PersonData) => <FieldValue operation="Person" path="person" field={field} value={person?.[field]} format={format(field)} />;
  const isCoordinatorHere = acting?.role === 'COORDINATOR' && person?.holdingOrganisationId === acting.organisation.id;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
      <Link to="/people">← {t('person.back')}</Link>
      {error && <Alert type="error" showIcon role="alert" message={errorText(t, error)} />}
      {notVisible && acting?.role === 'COORDINATOR' && acting.organisation.kind === 'GOVERNMENT_OFFICE' && <BreakGlass personId={id} onOpened={() => void refetch()} />}
      {person && (
        <>
          {person.id !== id && (
            <Alert type="info" showIcon data-testid="merged-into-note" title={t('person.openedMerged', { id })} />
          )}
          {merged?.survivorId === person.id && (
            <Alert
              type="success"
              showIcon
              closable={{ onClose: () => setMerged(null) }}
              data-testid="merge-result"
              title={t('merge.done', { duplicate: merged.duplicateName ?? merged.duplicateId })}
              description={t('merge.doneDetail', { count: merged.mergedRecords })}
            />
          )}
          <Card
            title={<span data-testid="person-name">{person.fullName ?? t('person.title')}</span>}
            loading={loading && !data}
            extra={isCoordinatorHere && <MergeDuplicate survivor={person} onMerged={(result) => { setMerged({ ...result, survivorId: person.id }); void refetch(); }} />}
          >
            {person.mergedRecordIds.length > 0 && (
              <Alert
                type="info"
                style={{ marginBottom: 16 }}
                data-testid="merged-from"
                title={t('person.mergedFrom', { count: person.mergedRecordIds.length })}
                description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('person.mergedIds', { ids: person.mergedRecordIds.join('、') })}</Typography.Text>}
              />
            )}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              {FIELDS.map((field) => (
                <Descriptions.Item key={field} label={t(`person.fields.${field}`)}>{show(field)}</Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <HouseholdCard person={person} />
          <PersonCases personId={person.id} />
          {/* A merge moves the duplicate's consents here: read them again when one happens. Only the holding organisation
              keeps consents (its coordinators, the caseworker who registered the person): others are not asked. */}
          {acting?.organisation.id === person.holdingOrganisationId && (
            <Consents key={person.mergedRecordIds.length} personId={person.id} holder={person.holdingOrganisationId} />
          )}
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
  const editing = useEditingForm(form);
  const [now] = useState(() => Date.now());
  // Sent here from a referral that lacks the person's consent: the form starts as that referral needs it.
  const [params] = useSearchParams();
  const consentFor = params.get('consentFor');
  const forCase = params.get('case');
  const [savedForReferral, setSavedForReferral] = useState(false);
  const initial = consentFor
    ? { givenBy: 'SELF', purpose: 'REFERRAL', recipientOrganisationId: consentFor, categories: (params.get('categories') ?? 'basic').split(',').filter((c) => (CATEGORIES as string[]).includes(c)) }
    : { givenBy: 'SELF', purpose: 'SERVICE_DELIVERY', categories: ['basic'] };
  // Nothing until the server said whether this user keeps the record: the card never flashes for others.
  if (!data || (error && apiErrors(error)[0]?.extensions?.code === 'FORBIDDEN')) return null;
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
      if (forCase && fields.recipientOrganisationId === consentFor && fields.purpose === 'REFERRAL') setSavedForReferral(true);
      form.resetFields();
      editing.saved();
      await refetch();
    } catch (e) {
      const placed = showAtField(t, form, e, {
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
      {forCase && (
        <Alert
          type={savedForReferral ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="consent-for-referral"
          title={t(savedForReferral ? 'consent.forReferralSaved' : 'consent.forReferral')}
          action={<Link to={`/cases/${forCase}`} data-testid="consent-back-to-referral">{t('consent.backToReferral')}</Link>}
        />
      )}
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial} requiredMark={false} disabled={loading} {...editing.formProps}>
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
        <Form.Item name="evidence" label={t('consent.evidence')} extra={t('consent.evidenceHelp')}
          rules={[{ required: true, whitespace: true, min: 3, message: t('consent.evidenceRequired') }]}>
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
  const editing = useEditingForm(form);
  const submit = async ({ reason }: { reason: string }) => {
    setProblem(null);
    try {
      await open({ variables: { input: { personId, reason } } });
      editing.saved();
      onOpened();
    } catch (e) {
      if (!showAtField(t, form, e, { 'input.reason': 'reason' })) setProblem(errorText(t, e));
    }
  };
  return (
    <Card title={t('breakGlass.title')} data-testid="break-glass">
      <Typography.Paragraph type="secondary">{t('breakGlass.explain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading} {...editing.formProps}>
        <Form.Item name="reason" label={t('breakGlass.reason')} rules={[{ required: true, whitespace: true, min: 10, message: t('breakGlass.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Button danger htmlType="submit" loading={loading}>{t('breakGlass.submit')}</Button>
      </Form>
    </Card>
  );
}
