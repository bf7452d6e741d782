import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, List, Radio, Result, Select, Space, Spin, Steps, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { useNeeds } from '../../components/Needs';
import { RegionSelect } from '../../components/RegionSelect';
import { apiErrors, errorText } from '../../errors';
import { birthDateRule, genderRule, mobileRule, regionCodeRule, residentIdRule } from '../../forms/field-checks';
import { scrollToFieldSoon, scrollToFirstError, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import type { Assistance, ConsentCategory, ConsentGivenBy, Gender, OneStopIntakeMutation, ReferralUrgency } from '../../gql/graphql';
import { newIdempotencyKey } from '../../idempotency';
import { regionName } from '../../regions';
import { CandidateSummary, useFormDuplicateCheck } from '../people/DuplicateCandidates';
import { HouseholdSection, RELATIONS } from '../people/HouseholdSection';
import type { RegistrationFields } from '../people/register-input';
import { MatchReasons } from '../referrals/MatchReasons';
import { PRIORITIES } from '../people/PersonCases';
import { ruleName } from './alert-parts';
import { ChosenService, INTAKE_STEPS, intakeFieldOf, IntakeFields, intakeInput, matchFacts, neededConsents } from './intake-input';

const INTAKE = graphql(`
  mutation OneStopIntake($input: OneStopIntakeInput!) {
    oneStopIntake(input: $input) {
      intakeId replayed warnings
      person { id fullName }
      members { id fullName }
      consents { id recipientOrganisationId categories }
      case { id }
      referrals { id status receiverOrganisationName }
      alert { id status }
    }
  }
`);

const INTAKE_MATCHES = graphql(`
  query IntakeMatches($input: IntakeMatchInput!) {
    matchServicesForIntake(input: $input, first: 20) {
      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }
    }
  }
`);

const INTAKE_PERSON = graphql(`
  query IntakePerson($id: ID!) { person(id: $id) { id fullName gender birthYear regionCode household { id } } }
`);

const INTAKE_CONSENTS = graphql(`
  query IntakeConsents($personId: ID!) { consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt } }
`);

const INTAKE_ALERT = graphql(`
  query IntakeAlert($id: ID!) { insightAlert(id: $id) { id ruleCode status rule { id nameZh nameEn } person { id } } }
`);

const ASSISTANCE: Assistance[] = ['DIBAO', 'TEKUN', 'MEDICAL', 'HOUSING', 'EDUCATION', 'TEMPORARY'];
const SHARED: ConsentCategory[] = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];
const URGENCIES: ReferralUrgency[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const GIVEN_BY: ConsentGivenBy[] = ['SELF', 'GUARDIAN'];

type Done = OneStopIntakeMutation['oneStopIntake'];

/**
 * One-stop intake (一件事一次办): who the person is (registered now, with the duplicate check, or already
 * known — from an alert or a candidate), what they need, the services that fit, the consents those
 * referrals need, and one confirmation that opens the case and sends every referral — or, if anything is
 * refused, does nothing at all and says which part to fix.
 */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const alertId = params.get('alert');
  const [form] = Form.useForm<IntakeFields>();
  const [step, setStep] = useState(0);
  const [personId, setPersonId] = useState<string | null>(params.get('person'));
  const [chosen, setChosen] = useState<ChosenService[]>([]);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [problem, setProblem] = useState<{ text: string; step: number; index?: number } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // An error the API named on a field of another step: set once that step's fields are there.
  const fieldError = useRef<{ name: (string | number)[]; text: string } | null>(null);
  useEffect(() => {
    if (!fieldError.current) return;
    (form as FormInstance).setFields([{ name: fieldError.current.name, errors: [fieldError.current.text] }]);
    scrollToFieldSoon(form, fieldError.current.name);
    fieldError.current = null;
  });
  const [send, { loading: sending }] = useMutation(INTAKE);
  // Services chosen are kept outside the form: they count as changes too, until the intake is done.
  const editing = useEditingForm(form, chosen.length > 0 && !done);

  const alert = useQuery(INTAKE_ALERT, alertId ? { variables: { id: alertId } } : skipToken);
  const alertPersonId = alert.data?.insightAlert.person?.id ?? null;
  const subjectId = alertPersonId ?? personId;
  const person = useQuery(INTAKE_PERSON, subjectId ? { variables: { id: subjectId } } : skipToken);
  const consents = useQuery(INTAKE_CONSENTS, subjectId ? { variables: { personId: subjectId }, fetchPolicy: 'network-only' } : skipToken);
  const needed = useMemo(() => neededConsents(chosen, consents.data?.consents ?? []), [chosen, consents.data]);

  const stepName = INTAKE_STEPS[step];
  const next = async () => {
    try {
      await form.validateFields();
    } catch (failure) {
      scrollToFirstError(form, failure);
      return;
    }
    setProblem(null);
    // Nothing to consent to (no referral, or consents already given): the consent step has nothing to ask.
    setStep(stepName === 'services' && needed.length === 0 ? step + 2 : step + 1);
  };
  const back = () => setStep(stepName === 'review' && needed.length === 0 ? step - 2 : step - 1);

  const submit = async () => {
    setProblem(null);
    const fields = form.getFieldsValue(true) as IntakeFields;
    try {
      const { data } = await send({ variables: { input: intakeInput({ idempotencyKey, fields, personId: subjectId, alertId, chosen, consents: needed }) } });
      if (data) {
        editing.saved();
        setDone(data.oneStopIntake);
      }
    } catch (e) {
      const [first] = apiErrors(e);
      const at = intakeFieldOf(first?.extensions?.field);
      const text = errorText(t, e, 'intake');
      // Nothing was written: the same key may be sent again once the part at fault is fixed.
      setIdempotencyKey(newIdempotencyKey());
      if (!at) {
        setProblem({ text, step });
        return;
      }
      const target = INTAKE_STEPS.indexOf(at.step);
      setStep(target);
      setProblem({ text, step: target, index: at.index });
      fieldError.current = at.name ? { name: at.name, text } : null;
    }
  };

  if (done) return <IntakeDone done={done} onAnother={() => navigate(0)} />;
  if (alertId && alert.loading) return <Spin />;
  if (alertId && alert.error) return <Alert type="error" showIcon role="alert" title={errorText(t, alert.error)} />;

  const fromAlert = alert.data?.insightAlert.rule && t('insights.intake.fromAlert', { rule: ruleName(alert.data.insightAlert.rule, i18n.resolvedLanguage) });

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('insights.intake.title')}</Typography.Title>} style={{ maxWidth: 920 }}>
      <Typography.Paragraph type="secondary">{t('insights.intake.hint')}</Typography.Paragraph>
      {fromAlert && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={fromAlert} data-testid="intake-alert" />}
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        data-testid="intake-steps"
        items={INTAKE_STEPS.map((s) => ({ title: t(`insights.intake.steps.${s}`) }))}
      />
      {problem && problem.step === step && <Alert type="error" showIcon role="alert" title={problem.text} style={{ marginBottom: 16 }} data-testid="intake-error" />}
      <Form form={form} layout="vertical" requiredMark={false} disabled={sending} {...editing.formProps}
        initialValues={{ regionCode: '110105', householdChoice: 'NEW', priority: 'NORMAL', needs: [], givenBy: 'SELF', members: [] }}>
        {stepName === 'person' && (
          subjectId
            ? <KnownPerson loading={person.loading} person={person.data?.person ?? null} locked={!!alertPersonId} onChange={() => setPersonId(null)} />
            : <NewPerson form={form} onUse={(id) => setPersonId(id)} />
        )}
        {stepName === 'needs' && <NeedsStep />}
        {stepName === 'services' && (
          <ServicesStep form={form} personId={subjectId} chosen={chosen} onChange={setChosen} fullName={person.data?.person.fullName ?? form.getFieldValue('fullName')}
            failedIndex={problem?.step === step ? problem.index : undefined} />
        )}
        {stepName === 'consents' && <ConsentsStep needed={needed} />}
        {stepName === 'review' && <ReviewStep form={form} person={person.data?.person ?? null} chosen={chosen} needed={needed} />}
      </Form>
      <Space style={{ marginTop: 8 }}>
        {step > 0 && <Button onClick={back} disabled={sending} data-testid="intake-back">{t('insights.intake.back')}</Button>}
        {stepName !== 'review'
          ? <Button type="primary" onClick={() => void next()} disabled={stepName === 'person' && !!subjectId && !person.data} data-testid="intake-next">{t('insights.intake.next')}</Button>
          : <Button type="primary" onClick={() => void submit()} loading={sending} data-testid="intake-submit">{t('insights.intake.submit')}</Button>}
      </Space>
    </Card>
  );
}

/** A person already registered: who, as far as the worker may see. */
function KnownPerson({ person, loading, locked, onChange }: {
  person: { id: string; fullName: string | null; gender?: Gender | null; birthYear?: number | null; regionCode?: string | null } | null; loading: boolean; locked: boolean; onChange: () => void;
}) {
  const { t } = useTranslation();
  if (loading) return <Spin />;
  if (!person) return <Alert type="warning" showIcon title={t('insights.intake.personUnknown')} action={<Button onClick={onChange}>{t('insights.intake.registerInstead')}</Button>} />;
  return (
    <Card size="small" data-testid="intake-known-person" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Typography.Text strong><Guarded value={person.fullName} /></Typography.Text>
        {person.gender && <Typography.Text type="secondary">{t(`gender.${person.gender}`)}</Typography.Text>}
        {person.birthYear && <Typography.Text type="secondary">{t('duplicates.born', { year: person.birthYear })}</Typography.Text>}
        {person.regionCode && <Typography.Text type="secondary">{regionName(t, person.regionCode)}</Typography.Text>}
        <Link to={`/people/${person.id}`} target="_blank">{t('insights.intake.openRecord')}</Link>
        {!locked && <Button size="small" onClick={onChange} data-testid="intake-change-person">{t('insights.intake.changePerson')}</Button>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('insights.intake.knownHint')}</Typography.Paragraph>
    </Card>
  );
}

/** Registering the person and their household, with the duplicate check as they are typed in. */
function NewPerson({ form, onUse }: { form: FormInstance<IntakeFields>; onUse: (personId: string) => void }) {
  const { t } = useTranslation();
  const householdChoice = Form.useWatch('householdChoice', form);
  const { candidates, idNumberRule } = useFormDuplicateCheck(form as FormInstance);

  return (
    <>
      <Form.Item name="fullName" label={t('person.fields.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input autoComplete="off" data-testid="intake-full-name" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('person.fields.idNumber')} extra={t('register.idHelp')} rules={[residentIdRule(t), idNumberRule]}>
        <Input autoComplete="off" maxLength={22} data-testid="intake-id-number" />
      </Form.Item>
      {candidates.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 24 }} data-testid="intake-candidates" title={t('duplicates.title', { count: candidates.length })}
          description={(
            <List size="small" dataSource={candidates} renderItem={(candidate) => (
              <List.Item actions={[
                <Button key="use" size="small" onClick={() => onUse(candidate.person.id)} data-testid={`intake-use-${candidate.person.id}`}>{t('insights.intake.useRecord')}</Button>,
              ]}>
                <CandidateSummary candidate={candidate} />
              </List.Item>
            )} />
          )} />
      )}
      <Space wrap size="middle" style={{ width: '100%' }}>
        <Form.Item name="gender" label={t('person.fields.gender')} style={{ minWidth: 160 }} dependencies={['idNumber']} rules={[genderRule(t)]}>
          <Select allowClear options={(['MALE', 'FEMALE', 'OTHER', 'UNKNOWN'] as Gender[]).map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={t('person.fields.birthDate')} dependencies={['idNumber']} rules={[birthDateRule(t)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="phone" label={t('person.fields.phone')} rules={[mobileRule(t)]}>
          <Input inputMode="tel" autoComplete="off" data-testid="intake-phone" />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t('person.fields.address')}>
        <Input />
      </Form.Item>
      <Form.Item name="regionCode" label={t('person.fields.regionCode')} rules={[regionCodeRule(t)]}>
        <RegionSelect />
      </Form.Item>
      <Space wrap size="middle" style={{ width: '100%' }}>
        <Form.Item name="disability" label={t('person.fields.disability')}>
          <Input />
        </Form.Item>
        <Form.Item name="chronicIllness" label={t('person.fields.chronicIllness')}>
          <Input data-testid="intake-chronic-illness" />
        </Form.Item>
        <Form.Item name="monthlyIncome" label={t('person.fields.monthlyIncomeCents')}>
          <InputNumber min={0} step={100} precision={2} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name="assistance" label={t('person.fields.assistance')}>
        <Select mode="multiple" options={ASSISTANCE.map((a) => ({ value: a, label: t(`assistance.${a}`) }))} />
      </Form.Item>
      <HouseholdSection form={form as unknown as FormInstance<RegistrationFields>} />
      {householdChoice === 'NEW' && <Members />}
    </>
  );
}

/** The other members of a household founded at intake: name and relation, an ID number or a date of birth when known. */
function Members() {
  const { t } = useTranslation();
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <div data-testid="intake-members" style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('insights.intake.members')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('insights.intake.membersHint')}</Typography.Paragraph>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start" data-testid="intake-member" style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'fullName']} label={t('person.fields.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input data-testid="intake-member-name" />
              </Form.Item>
              <Form.Item name={[field.name, 'relationToHead']} label={t('household.relation')} rules={[{ required: true, message: t('register.household.relationRequired') }]}>
                <Select showSearch optionFilterProp="label" style={{ width: 160 }} data-testid="intake-member-relation" options={RELATIONS.filter((r) => r !== 'HEAD').map((r) => ({ value: r, label: t(`relations.${r}`) }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'idNumber']} label={t('person.fields.idNumber')} rules={[residentIdRule(t)]}>
                <Input maxLength={22} style={{ width: 200 }} data-testid="intake-member-id" />
              </Form.Item>
              <Form.Item name={[field.name, 'birthDate']} label={t('person.fields.birthDate')} dependencies={[['members', field.name, 'idNumber']]}
                rules={[birthDateRule(t, ['members', field.name, 'idNumber'])]}>
                <Input type="date" />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('insights.intake.removeMember')} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="intake-add-member">{t('insights.intake.addMember')}</Button>
        </div>
      )}
    </Form.List>
  );
}

/** The case's needs, priority and what the worker learned. */
function NeedsStep() {
  const { t } = useTranslation();
  const needs = useNeeds();
  return (
    <>
      <Form.Item name="needs" label={t('cases.fields.needs')} rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('cases.needsRequired') }]}>
        <Select mode="multiple" options={needs.options} optionFilterProp="label" data-testid="intake-needs" />
      </Form.Item>
      <Form.Item name="priority" label={t('cases.fields.priority')}>
        <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('cases.fields.summary')} extra={t('cases.summaryHelp')} rules={[{ max: 200, message: t('cases.tooLong', { max: 200 }) }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} data-testid="intake-summary" />
      </Form.Item>
      <Form.Item name="caseNotes" label={t('cases.fields.notes')} rules={[{ max: 10000, message: t('cases.tooLong', { max: 10000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </>
  );
}

/** The services that fit, best first with why; each one chosen gets what it may see once it accepts, the urgency and a note. */
function ServicesStep({ form, personId, chosen, onChange, fullName, failedIndex }: {
  form: FormInstance<IntakeFields>; personId: string | null; chosen: ChosenService[]; onChange: (chosen: ChosenService[]) => void; fullName?: string | null; failedIndex?: number;
}) {
  const { t } = useTranslation();
  const fields = form.getFieldsValue(true) as IntakeFields;
  const input = { needs: fields.needs ?? [], ...(personId ? { personId } : matchFacts(fields)) };
  const { data, loading, error } = useQuery(INTAKE_MATCHES, input.needs.length ? { variables: { input }, fetchPolicy: 'network-only' } : skipToken);
  const matches = data?.matchServicesForIntake ?? [];
  const isChosen = (serviceId: string) => chosen.some((c) => c.serviceId === serviceId);
  const toggle = (m: (typeof matches)[number]) => onChange(isChosen(m.serviceId) ? chosen.filter((c) => c.serviceId !== m.serviceId) : [...chosen, {
    serviceId: m.serviceId, serviceName: m.serviceName, organisationId: m.organisationId, organisationName: m.organisationName,
    placesAvailable: m.placesAvailable ?? null, sharedCategories: ['basic', 'contact'], urgency: 'NORMAL',
  }]);
  const update = (serviceId: string, change: Partial<ChosenService>) => onChange(chosen.map((c) => (c.serviceId === serviceId ? { ...c, ...change } : c)));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('insights.intake.servicesHint')}</Typography.Text>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List
        loading={loading}
        dataSource={matches}
        data-testid="intake-matches"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('refer.noMatches')} /> }}
        renderItem={(m) => (
          <List.Item data-testid={`intake-match-${m.serviceId}`} style={{ paddingInline: 8, ...(isChosen(m.serviceId) ? { background: '#e6f4ff' } : {}) }}
            actions={[<Checkbox key="choose" checked={isChosen(m.serviceId)} onChange={() => toggle(m)} data-testid={`intake-choose-${m.serviceId}`}>{t('insights.intake.choose')}</Checkbox>]}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{m.serviceName}</Typography.Text>
                <Typography.Text type="secondary">{m.organisationName}</Typography.Text>
                {m.placesAvailable === 0 && <Tag color="red">{t('directory.full')}</Tag>}
              </Space>
              <MatchReasons reasons={m.reasons} />
            </Space>
          </List.Item>
        )}
      />
      {chosen.map((c, i) => (
        <Card key={c.serviceId} size="small" data-testid="intake-chosen" title={`${c.serviceName} · ${c.organisationName}`}
          style={failedIndex === i ? { borderColor: '#ff4d4f' } : undefined}>
          <Typography.Text>{t('refer.shared')}</Typography.Text>
          <Checkbox.Group style={{ display: 'block', margin: '4px 0 12px' }} value={c.sharedCategories}
            onChange={(v) => update(c.serviceId, { sharedCategories: [...new Set<ConsentCategory>(['basic', ...(v as ConsentCategory[])])] })}
            options={SHARED.map((s) => ({ value: s, label: t(`categories.${s}`), disabled: s === 'basic' }))} />
          <Space wrap align="start">
            <Space orientation="vertical" size={2}>
              <Typography.Text>{t('refer.urgency')}</Typography.Text>
              <Select aria-label={t('refer.urgency')} value={c.urgency} style={{ width: 140 }} onChange={(urgency: ReferralUrgency) => update(c.serviceId, { urgency })}
                options={URGENCIES.map((u) => ({ value: u, label: t(`priority.${u}`) }))} />
            </Space>
            <Space orientation="vertical" size={2}>
              <Typography.Text>{t('refer.note')}</Typography.Text>
              <Input.TextArea aria-label={t('refer.note')} placeholder={t('refer.noteHelp')} value={c.noteForReceiver} maxLength={2000} autoSize={{ minRows: 1 }} style={{ minWidth: 320 }}
              status={fullName && c.noteForReceiver?.includes(fullName) ? 'error' : undefined}
              onChange={(e) => update(c.serviceId, { noteForReceiver: e.target.value })} data-testid="intake-note" />
            </Space>
          </Space>
          {fullName && c.noteForReceiver?.includes(fullName) && <Typography.Text type="danger" style={{ display: 'block' }}>{t('refer.noteNamesPerson')}</Typography.Text>}
        </Card>
      ))}
      {chosen.length === 0 && <Typography.Text type="secondary">{t('insights.intake.noServiceChosen')}</Typography.Text>}
    </Space>
  );
}

/** The consents the referrals need, read out to the person and signed on one form. */
function ConsentsStep({ needed }: { needed: ReturnType<typeof neededConsents> }) {
  const { t } = useTranslation();
  const givenBy = Form.useWatch('givenBy', Form.useFormInstance<IntakeFields>());
  const list = (categories: ConsentCategory[]) => categories.map((c) => t(`categories.${c}`)).join(t('common.listSeparator'));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('insights.intake.consentsHint')}</Typography.Paragraph>
      <List size="small" bordered dataSource={needed} style={{ marginBottom: 16 }} data-testid="intake-consents"
        renderItem={(c) => (
          <List.Item data-testid="intake-consent">
            <Typography.Text>{t('insights.intake.consentLine', { organisation: c.organisationName, categories: list(c.categories) })}</Typography.Text>
          </List.Item>
        )} />
      <Form.Item name="givenBy" label={t('insights.intake.givenBy')}>
        <Radio.Group options={GIVEN_BY.map((g) => ({ value: g, label: t(`insights.intake.givenByOptions.${g}`) }))} />
      </Form.Item>
      {givenBy === 'GUARDIAN' && (
        <Form.Item name="guardianName" label={t('insights.intake.guardianName')} rules={[{ required: true, whitespace: true, message: t('errors.reason.GUARDIAN_NAME_REQUIRED') }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="evidence" label={t('insights.intake.evidence')} extra={t('insights.intake.evidenceHelp')}
        rules={[{ required: true, whitespace: true, min: 3, max: 300, message: t('errors.reason.EVIDENCE_REQUIRED') }]}>
        <Input data-testid="intake-evidence" />
      </Form.Item>
      <Form.Item name="validUntil" label={t('insights.intake.validUntil')} extra={t('insights.intake.validUntilHelp')}>
        <Input type="date" />
      </Form.Item>
    </>
  );
}

/** Everything the intake will do, read once more before it is done. */
function ReviewStep({ form, person, chosen, needed }: {
  form: FormInstance<IntakeFields>; person: { fullName: string | null } | null; chosen: ChosenService[]; needed: ReturnType<typeof neededConsents>;
}) {
  const { t } = useTranslation();
  const needs = useNeeds();
  const fields = form.getFieldsValue(true) as IntakeFields;
  const members = fields.householdChoice === 'NEW' && !person ? fields.members ?? [] : [];
  return (
    <Descriptions column={1} bordered size="small" data-testid="intake-review" style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('insights.intake.review.person')}>
        {person ? <Guarded value={person.fullName} /> : t('insights.intake.review.register', { name: fields.fullName })}
      </Descriptions.Item>
      {members.length > 0 && (
        <Descriptions.Item label={t('insights.intake.review.members')}>
          {members.map((m) => `${m.fullName}（${t(`relations.${m.relationToHead}`)}）`).join(t('common.listSeparator'))}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('insights.intake.review.case')}>
        {t('insights.intake.review.caseLine', { needs: (fields.needs ?? []).map(needs.name).join(t('common.listSeparator')), priority: t(`priority.${fields.priority}`) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('insights.intake.review.consents')}>
        {needed.length === 0 ? t('insights.intake.review.noConsents')
          : needed.map((c) => c.organisationName).filter((n, i, all) => all.indexOf(n) === i).join(t('common.listSeparator'))}
      </Descriptions.Item>
      <Descriptions.Item label={t('insights.intake.review.referrals')}>
        {chosen.length === 0 ? t('insights.intake.review.noReferrals') : (
          <Space orientation="vertical" size={2}>
            {chosen.map((c) => <span key={c.serviceId} data-testid="intake-review-referral">{`${c.serviceName} · ${c.organisationName} · ${t(`priority.${c.urgency}`)}`}</span>)}
          </Space>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** What was done, with the way on: the case, the person, the referrals sent. */
function IntakeDone({ done, onAnother }: { done: Done; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      data-testid="intake-done"
      title={t('insights.intake.done', { name: done.person.fullName ?? '' })}
      subTitle={[
        t('insights.intake.doneParts.case'),
        ...([['referrals', done.referrals.length], ['consents', done.consents.length], ['members', done.members.length]] as const)
          .filter(([, count]) => count > 0).map(([part, count]) => t(`insights.intake.doneParts.${part}`, { count })),
      ].join(t('insights.intake.doneParts.separator'))}
      extra={[
        <Link key="case" to={`/cases/${done.case.id}`}><Button type="primary" data-testid="intake-open-case">{t('insights.intake.openCase')}</Button></Link>,
        <Link key="person" to={`/people/${done.person.id}`}><Button>{t('insights.intake.openPerson')}</Button></Link>,
        <Button key="again" onClick={onAnother}>{t('insights.intake.another')}</Button>,
      ]}
    >
      {done.referrals.length > 0 && (
        <List size="small" header={t('insights.intake.sentTo')} dataSource={done.referrals}
          renderItem={(r) => <List.Item><Link to={`/referrals/${r.id}`}>{r.receiverOrganisationName}</Link></List.Item>} />
      )}
      {done.alert && <Typography.Paragraph type="secondary">{t('insights.intake.alertTakenOn')}</Typography.Paragraph>}
      {done.warnings.some((w) => w.startsWith('NO_PLACES_LEFT')) && <Alert type="warning" showIcon title={t('refer.noPlacesLeft')} />}
    </Result>
  );
}
