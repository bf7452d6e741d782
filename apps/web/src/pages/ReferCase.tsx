import { CheckCircleFilled, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Collapse, Empty, Form, Input, List, Modal, Radio, Select, Space, Spin, Steps, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNeeds } from '../components/Needs';
import { apiErrors, errorReason, errorText, showOnField } from '../errors';
import { graphql } from '../gql';
import type { ConsentCategory, ReferralUrgency, ServiceFilter } from '../gql/graphql';
import { newIdempotencyKey } from '../idempotency';
import { useActing } from '../session/SessionProvider';
import type { CaseData } from './CasePage';
import { uncoveredCategories } from './consent-cover';
import { MatchReasons } from './MatchReasons';
import { regionName } from '../regions';

const MATCH_SERVICES = graphql(`
  query MatchServices($caseId: ID!, $first: Int!) {
    matchServices(caseId: $caseId, first: $first) {
      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }
    }
  }
`);

const SERVICES_FOR_REFERRAL = graphql(`
  query ServicesForReferral($filter: ServiceFilter) {
    services(first: 50, filter: $filter) {
      edges { node { id name organisationId organisationName capacity { available unit } } }
    }
  }
`);

const REFERRAL_CONSENTS = graphql(`
  query ReferralConsents($personId: ID!) {
    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }
  }
`);

const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }
  }
`);

const URGENCIES: ReferralUrgency[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const SHARED: ConsentCategory[] = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];

/** The service the referral goes to, as either list gave it. */
export interface Chosen {
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  placesAvailable: number | null | undefined;
}

interface Draft {
  step: number;
  chosen: Chosen | null;
  needs: string[];
  sharedCategories: ConsentCategory[];
  /** Step 2 found the person's consents short of what is shared: a coordinator's override is offered ticked. */
  consentMissing?: boolean;
}

/** A referral half made survives a trip to the person's page to record their consent. */
const draftKey = (caseId: string) => `zhulian.refer.${caseId}`;
export function savedDraft(caseId: string): Draft | null {
  try {
    const text = sessionStorage.getItem(draftKey(caseId));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}
const saveDraft = (caseId: string, draft: Draft | null) => {
  if (draft) sessionStorage.setItem(draftKey(caseId), JSON.stringify(draft));
  else sessionStorage.removeItem(draftKey(caseId));
};

/** A referral of the case to a service already chosen (from the service's page): the case page opens it at what to share. */
export function startReferral(caseId: string, chosen: Chosen, needs: string[]) {
  saveDraft(caseId, { step: 1, chosen, needs, sharedCategories: ['basic', 'contact'] });
}

/**
 * Refers the case's person to another organisation's service in three steps: the services that fit the
 * case (best first, with why), or any service of the directory; what the receiver will see once it
 * accepts, checked against the person's consents before anything is sent; then a note that does not
 * name the person, and the urgency.
 */
export function ReferCase({ found, isCoordinator, onClose, onSent }: { found: CaseData; isCoordinator: boolean; onClose: () => void; onSent: (referralId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => savedDraft(found.id) ?? { step: 0, chosen: null, needs: found.needs ?? [], sharedCategories: ['basic', 'contact'] });
  const update = (next: Partial<Draft>) => {
    const merged = { ...draft, ...next };
    setDraft(merged);
    saveDraft(found.id, merged);
  };
  const close = () => {
    saveDraft(found.id, null);
    onClose();
  };

  return (
    <Modal open title={t('refer.title')} onCancel={close} footer={null} destroyOnHidden width={820}>
      <Steps
        size="small"
        current={draft.step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('refer.steps.service') }, { title: t('refer.steps.share') }, { title: t('refer.steps.send') }]}
        data-testid="refer-steps"
      />
      {draft.step === 0 && (
        <ChooseService found={found} chosen={draft.chosen} onChoose={(chosen) => update({ chosen, step: 1 })} />
      )}
      {draft.step === 1 && draft.chosen && (
        <ShareAndConsent found={found} draft={draft} isCoordinator={isCoordinator} onBack={() => update({ step: 0 })} onNext={(next) => update({ ...next, step: 2 })} />
      )}
      {draft.step === 2 && draft.chosen && (
        <NoteAndSend
          found={found}
          draft={draft}
          isCoordinator={isCoordinator}
          onBack={() => update({ step: 1 })}
          onSent={(id, organisation, warnings) => {
            saveDraft(found.id, null);
            void message.success(t('refer.sent', { organisation }));
            if (warnings.includes('NO_PLACES_LEFT')) void message.warning(t('refer.noPlacesLeft'), 8);
            onSent(id);
          }}
        />
      )}
    </Modal>
  );
}

/** Step 1: the matched services, best first, each with its reasons; any other service of the directory below. */
function ChooseService({ found, chosen, onChoose }: { found: CaseData; chosen: Chosen | null; onChoose: (chosen: Chosen) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(MATCH_SERVICES, { variables: { caseId: found.id, first: 20 }, fetchPolicy: 'network-only' });
  const matches = data?.matchServices ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('refer.matchesHelp')}</Typography.Text>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error, 'referral')} />}
      <List
        loading={loading}
        dataSource={matches}
        data-testid="refer-matches"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('refer.noMatches')} /> }}
        renderItem={(m, i) => (
          <List.Item
            data-testid={`refer-match-${m.serviceId}`}
            style={chosen?.serviceId === m.serviceId ? { background: '#e6f4ff', paddingInline: 8 } : { paddingInline: 8 }}
            actions={[
              <Button key="choose" type={i === 0 ? 'primary' : 'default'} data-testid={`refer-choose-${m.serviceId}`}
                onClick={() => onChoose({ serviceId: m.serviceId, serviceName: m.serviceName, organisationId: m.organisationId, organisationName: m.organisationName, placesAvailable: m.placesAvailable })}>
                {t('refer.choose')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong data-testid="refer-match-name">{m.serviceName}</Typography.Text>
                <Typography.Text type="secondary">{m.organisationName}</Typography.Text>
                {m.placesAvailable === null ? <Tag>{t('directory.placesNotTracked')}</Tag>
                  : m.placesAvailable === 0 ? <Tag color="red">{t('directory.full')}</Tag>
                    : <Tag color="green" data-testid="refer-match-places">{t('refer.places', { count: m.placesAvailable, unit: placesUnit(m.reasons) })}</Tag>}
              </Space>
              <MatchReasons reasons={m.reasons} without={m.placesAvailable === null ? [] : ['PLACES']} />
            </Space>
          </List.Item>
        )}
      />
      <Collapse
        size="small"
        items={[{ key: 'search', label: <Space><SearchOutlined aria-hidden />{t('refer.searchDirectory')}</Space>, children: <SearchDirectory found={found} onChoose={onChoose} /> }]}
        data-testid="refer-search-directory"
      />
    </Space>
  );
}

/** The unit of places is in the PLACES reason's facts (`["6", "人"]`). */
const placesUnit = (reasons: { code: string; values: string[] }[]) => reasons.find((r) => r.code === 'PLACES')?.values[1] ?? '';

/** Any active service of the directory, by need and (by default) the person's district: for what matching does not suggest. */
function SearchDirectory({ found, onChoose }: { found: CaseData; onChoose: (chosen: Chosen) => void }) {
  const { t } = useTranslation();
  const acting = useActing();
  const needs = useNeeds();
  const [category, setCategory] = useState<string | undefined>(found.needs?.[0]);
  const [nearby, setNearby] = useState(!!found.regionCode);
  const [search, setSearch] = useState('');
  const filter: ServiceFilter = {
    status: 'ACTIVE', ...(category ? { category } : {}), ...(nearby && found.regionCode ? { regionCode: found.regionCode } : {}), ...(search.trim() ? { search: search.trim() } : {}),
  };
  const { data, loading } = useQuery(SERVICES_FOR_REFERRAL, acting ? { variables: { filter }, fetchPolicy: 'network-only' } : skipToken);
  const services = data?.services.edges.map((e) => e.node) ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('directory.searchPlaceholder')} aria-label={t('directory.search')} onSearch={setSearch} style={{ width: 200 }} data-testid="refer-search" />
        <Select allowClear value={category} onChange={(v?: string) => setCategory(v)} placeholder={t('cases.allNeeds')} aria-label={t('refer.category')}
          data-testid="refer-category" options={needs.options} style={{ minWidth: 160 }} />
        {found.regionCode && (
          <Space>
            <Switch checked={nearby} onChange={setNearby} aria-labelledby="refer-nearby-label" />
            <Typography.Text id="refer-nearby-label">{t('refer.nearby', { region: regionName(t, found.regionCode) })}</Typography.Text>
          </Space>
        )}
      </Space>
      <List
        size="small"
        loading={loading}
        dataSource={services}
        locale={{ emptyText: t('refer.noServices') }}
        renderItem={(s) => {
          // The API refuses a referral to one's own organisation: it needs none.
          const own = s.organisationId === acting?.organisation.id;
          return (
            <List.Item
              actions={[
                <Button key="choose" size="small" disabled={own} data-testid={`refer-pick-${s.id}`}
                  onClick={() => onChoose({ serviceId: s.id, serviceName: s.name, organisationId: s.organisationId, organisationName: s.organisationName, placesAvailable: s.capacity?.available ?? null })}>
                  {t('refer.choose')}
                </Button>,
              ]}
            >
              <Space wrap size={4}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary">{s.organisationName}</Typography.Text>
                <Typography.Text type="secondary">· {s.capacity ? t('refer.places', { count: s.capacity.available, unit: s.capacity.unit }) : t('refer.placesNotTracked')}</Typography.Text>
                {own && <Tag>{t('refer.ownService')}</Tag>}
              </Space>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

/** The chosen service, at the top of the later steps. */
function ChosenLine({ chosen }: { chosen: Chosen }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="refer-chosen">
      <Space wrap size={4}>
        <Typography.Text type="secondary">{t('refer.to')}</Typography.Text>
        <Typography.Text strong>{chosen.serviceName}</Typography.Text>
        <Typography.Text type="secondary">{chosen.organisationName}</Typography.Text>
        {chosen.placesAvailable === 0 && <Tag color="red">{t('directory.full')}</Tag>}
      </Space>
    </Card>
  );
}

/** Step 2: what the receiver sees once it accepts, and whether the person's consents cover it. */
function ShareAndConsent({ found, draft, isCoordinator, onBack, onNext }: {
  found: CaseData; draft: Draft; isCoordinator: boolean; onBack: () => void; onNext: (next: Pick<Draft, 'needs' | 'sharedCategories' | 'consentMissing'>) => void;
}) {
  const { t } = useTranslation();
  const needs = useNeeds();
  const [form] = Form.useForm<Pick<Draft, 'needs' | 'sharedCategories'>>();
  const chosen = draft.chosen!;
  const shared = (Form.useWatch('sharedCategories', form) as ConsentCategory[] | undefined) ?? draft.sharedCategories;
  const person = found.person;
  const consents = useQuery(REFERRAL_CONSENTS, person ? { variables: { personId: person.id }, fetchPolicy: 'network-only' } : skipToken);
  const unreadable = !person || (consents.error && apiErrors(consents.error)[0]?.extensions?.code === 'FORBIDDEN');
  const missing = consents.data ? uncoveredCategories(consents.data.consents, chosen.organisationId, [...new Set<ConsentCategory>(['basic', ...shared])]) : null;
  const consentLink = person && `/people/${person.id}?consentFor=${chosen.organisationId}&categories=${shared.join(',')}&case=${found.id}`;

  return (
    <Form form={form} name="refer-share" layout="vertical" requiredMark={false} initialValues={{ needs: draft.needs, sharedCategories: draft.sharedCategories }}
      onFinish={(fields) => onNext({ needs: fields.needs, sharedCategories: [...new Set<ConsentCategory>(['basic', ...fields.sharedCategories])], consentMissing: !!missing && missing.length > 0 })}>
      <ChosenLine chosen={chosen} />
      <Form.Item name="needs" label={t('refer.needs')} rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('cases.needsRequired') }]}>
        <Select mode="multiple" options={needs.options} optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="sharedCategories" label={t('refer.shared')} extra={t('refer.sharedHelp')}>
        <Checkbox.Group options={SHARED.map((c) => ({ value: c, label: t(`categories.${c}`), disabled: c === 'basic' }))} />
      </Form.Item>
      <div data-testid="refer-consent" style={{ marginBottom: 16 }}>
        {unreadable ? (
          <Alert type="info" showIcon title={t('refer.consentUnreadable')} />
        ) : consents.loading || !missing ? (
          <Spin size="small" />
        ) : missing.length === 0 ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} data-testid="refer-consent-ok" title={t('refer.consentOk', { organisation: chosen.organisationName })} />
        ) : (
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            data-testid="refer-consent-missing"
            title={t('refer.consentMissing', { organisation: chosen.organisationName, categories: missing.map((c) => t(`categories.${c}`)).join(t('common.listSeparator')) })}
            description={
              <Space orientation="vertical" size={2}>
                {consentLink && <Link to={consentLink} data-testid="refer-record-consent">{t('refer.recordConsent')}</Link>}
                <Button size="small" onClick={() => void consents.refetch()} data-testid="refer-consent-recheck">{t('refer.recheck')}</Button>
                {isCoordinator && <Typography.Text type="secondary">{t('refer.orOverrideNext')}</Typography.Text>}
              </Space>
            }
          />
        )}
      </div>
      <Space>
        <Button onClick={onBack}>{t('refer.back')}</Button>
        <Button type="primary" htmlType="submit" data-testid="refer-next"
          disabled={!!missing && missing.length > 0 && !isCoordinator}>
          {t('refer.next')}
        </Button>
      </Space>
    </Form>
  );
}

interface SendFields {
  urgency: ReferralUrgency;
  noteForReceiver?: string;
  override: boolean;
  overrideReason?: string;
}

/** Step 3: a note for the receiver that does not name the person, the urgency, and (coordinators, without consent) the reason. */
function NoteAndSend({ found, draft, isCoordinator, onBack, onSent }: {
  found: CaseData; draft: Draft; isCoordinator: boolean; onBack: () => void; onSent: (id: string, organisation: string, warnings: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SendFields>();
  const [create, { loading: sending }] = useMutation(CREATE_REFERRAL);
  const [problem, setProblem] = useState<{ text: string; consent: boolean } | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const override = Form.useWatch('override', form);
  const chosen = draft.chosen!;
  const fullName = found.person?.fullName;

  const submit = async (fields: SendFields) => {
    setProblem(null);
    try {
      const { data: created } = await create({
        variables: {
          input: {
            caseId: found.id, serviceId: chosen.serviceId, needs: draft.needs, urgency: fields.urgency, send: true, idempotencyKey, sharedCategories: draft.sharedCategories,
            ...(fields.noteForReceiver?.trim() ? { noteForReceiver: fields.noteForReceiver.trim() } : {}),
            ...(fields.override && fields.overrideReason?.trim() ? { overrideReason: fields.overrideReason.trim() } : {}),
          },
        },
      });
      if (created) onSent(created.createReferral.referral.id, created.createReferral.referral.receiverOrganisationName, created.createReferral.warnings);
    } catch (e) {
      const placed = showOnField(t, form, e, { 'input.noteForReceiver': 'noteForReceiver', 'input.overrideReason': 'overrideReason' }, 'referral');
      if (!placed) setProblem({ text: errorText(t, e, 'referral'), consent: errorReason(e) === 'CONSENT_REQUIRED' });
    }
  };

  return (
    <Form form={form} name="refer" layout="vertical" onFinish={submit} requiredMark={false} disabled={sending} initialValues={{ urgency: 'NORMAL', override: isCoordinator && !!draft.consentMissing }}>
      <ChosenLine chosen={chosen} />
      {problem && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} data-testid="refer-error" title={problem.text}
          description={problem.consent && found.person && (
            <Space orientation="vertical" size={2}>
              <Link to={`/people/${found.person.id}?consentFor=${chosen.organisationId}&categories=${draft.sharedCategories.join(',')}&case=${found.id}`}>{t('refer.recordConsent')}</Link>
              {isCoordinator && <Typography.Text type="secondary">{t('refer.orOverride')}</Typography.Text>}
            </Space>
          )}
        />
      )}
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('refer.noNameWarning')} />
      <Form.Item
        name="noteForReceiver"
        label={t('refer.note')}
        extra={t('refer.noteHelp')}
        rules={[
          { max: 2000, message: t('cases.tooLong', { max: 2000 }) },
          // The receiver reads the note before it may know who: the person's own name must not be in it.
          { validator: (_, v?: string) => (fullName && v?.includes(fullName) ? Promise.reject(new Error(t('refer.noteNamesPerson'))) : Promise.resolve()) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="refer-note" />
      </Form.Item>
      <Form.Item name="urgency" label={t('refer.urgency')}>
        <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: t(`priority.${u}`) }))} />
      </Form.Item>
      {isCoordinator && (
        <>
          <Form.Item name="override" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="refer-override">{t('refer.override')}</Checkbox>
          </Form.Item>
          {override && (
            <Form.Item name="overrideReason" label={t('refer.overrideReason')} extra={t('refer.overrideHelp')}
              rules={[{ required: true, whitespace: true, min: 10, max: 1000, message: t('refer.overrideReasonRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} data-testid="refer-override-reason" />
            </Form.Item>
          )}
        </>
      )}
      {chosen.placesAvailable === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('refer.fullBeforeSend')} />}
      <Space>
        <Button onClick={onBack}>{t('refer.back')}</Button>
        <Button type="primary" htmlType="submit" loading={sending} data-testid="refer-submit">{t('refer.submit')}</Button>
      </Space>
    </Form>
  );
}
