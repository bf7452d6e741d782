import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNeeds } from '../components/Needs';
import { errorReason, errorText, showOnField } from '../errors';
import { graphql } from '../gql';
import type { ConsentCategory, ReferralUrgency, ServiceFilter } from '../gql/graphql';
import { newIdempotencyKey } from '../idempotency';
import { useActing } from '../session/SessionProvider';
import type { CaseData } from './CasePage';

const SERVICES_FOR_REFERRAL = graphql(`
  query ServicesForReferral($filter: ServiceFilter) {
    services(first: 50, filter: $filter) {
      edges { node { id name organisationId organisationName capacity { available unit } } }
    }
  }
`);

const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }
  }
`);

const URGENCIES: ReferralUrgency[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const SHARED: ConsentCategory[] = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];

interface ReferFields {
  serviceId: string;
  needs: string[];
  urgency: ReferralUrgency;
  sharedCategories: ConsentCategory[];
  noteForReceiver?: string;
  override: boolean;
  overrideReason?: string;
}

/**
 * Refers the case's person to a service of another organisation: pick the service from the directory
 * by need (and, by default, the person's district), say what the receiver should know without naming
 * the person, and which of their data it will see once it accepts — which the person's consent must cover.
 * The directory's matching screens will replace the simple picker here.
 */
export function ReferCase({ found, isCoordinator, onClose, onSent }: { found: CaseData; isCoordinator: boolean; onClose: () => void; onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const acting = useActing();
  const needs = useNeeds();
  const [form] = Form.useForm<ReferFields>();
  const [category, setCategory] = useState<string | undefined>(found.needs?.[0]);
  const [nearby, setNearby] = useState(!!found.regionCode);
  const [create, { loading: sending }] = useMutation(CREATE_REFERRAL);
  const [problem, setProblem] = useState<{ text: string; consent: boolean } | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const override = Form.useWatch('override', form);

  const filter: ServiceFilter = { status: 'ACTIVE', ...(category ? { category } : {}), ...(nearby && found.regionCode ? { regionCode: found.regionCode } : {}) };
  const { data, loading } = useQuery(SERVICES_FOR_REFERRAL, acting ? { variables: { filter }, fetchPolicy: 'network-only' } : skipToken);
  const services = data?.services.edges.map((e) => e.node) ?? [];

  const submit = async (fields: ReferFields) => {
    setProblem(null);
    try {
      const { data: created } = await create({
        variables: {
          input: {
            caseId: found.id, serviceId: fields.serviceId, needs: fields.needs, urgency: fields.urgency, send: true, idempotencyKey,
            sharedCategories: [...new Set<ConsentCategory>(['basic', ...fields.sharedCategories])],
            ...(fields.noteForReceiver?.trim() ? { noteForReceiver: fields.noteForReceiver.trim() } : {}),
            ...(fields.override && fields.overrideReason?.trim() ? { overrideReason: fields.overrideReason.trim() } : {}),
          },
        },
      });
      if (!created) return;
      void message.success(t('refer.sent', { organisation: created.createReferral.referral.receiverOrganisationName }));
      if (created.createReferral.warnings.includes('NO_PLACES_LEFT')) void message.warning(t('refer.noPlacesLeft'), 8);
      onSent();
    } catch (e) {
      const placed = showOnField(t, form, e, {
        'input.serviceId': 'serviceId', 'input.needs': 'needs', 'input.noteForReceiver': 'noteForReceiver', 'input.overrideReason': 'overrideReason',
        'input.sharedCategories': 'sharedCategories',
      }, 'referral');
      if (!placed) setProblem({ text: errorText(t, e, 'referral'), consent: errorReason(e) === 'CONSENT_REQUIRED' });
    }
  };

  const serviceLabel = (s: (typeof services)[number]) => {
    const places = s.capacity ? t('refer.places', { count: s.capacity.available, unit: s.capacity.unit }) : t('refer.placesNotTracked');
    return `${s.name} · ${s.organisationName} · ${places}`;
  };

  return (
    <Modal open title={t('refer.title')} onCancel={onClose} footer={null} destroyOnHidden width={680}>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          data-testid="refer-error"
          title={problem.text}
          description={problem.consent && found.person && (
            <Space orientation="vertical" size={2}>
              <Link to={`/people/${found.person.id}`}>{t('refer.recordConsent')}</Link>
              {isCoordinator && <Typography.Text type="secondary">{t('refer.orOverride')}</Typography.Text>}
            </Space>
          )}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={category}
          onChange={(v?: string) => { setCategory(v); form.setFieldsValue({ serviceId: undefined }); }}
          placeholder={t('cases.allNeeds')}
          aria-label={t('refer.category')}
          data-testid="refer-category"
          options={needs.options}
          style={{ minWidth: 160 }}
        />
        {found.regionCode && (
          <Space>
            <Switch checked={nearby} onChange={(on) => { setNearby(on); form.setFieldsValue({ serviceId: undefined }); }} aria-labelledby="refer-nearby-label" />
            <Typography.Text id="refer-nearby-label">{t('refer.nearby', { region: found.regionCode })}</Typography.Text>
          </Space>
        )}
      </Space>
      <Form
        form={form}
        name="refer"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        disabled={sending}
        initialValues={{ needs: found.needs ?? [], urgency: 'NORMAL', sharedCategories: ['basic', 'contact'], override: false }}
      >
        <Form.Item name="serviceId" label={t('refer.service')} rules={[{ required: true, message: t('refer.serviceRequired') }]}>
          <Select
            showSearch
            loading={loading}
            optionFilterProp="label"
            data-testid="refer-service"
            notFoundContent={loading ? null : t('refer.noServices')}
            options={services.map((s) => ({
              value: s.id,
              label: serviceLabel(s),
              // The API refuses a referral to one's own organisation: it needs none.
              disabled: s.organisationId === acting?.organisation.id,
            }))}
          />
        </Form.Item>
        <Form.Item name="needs" label={t('refer.needs')} rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('cases.needsRequired') }]}>
          <Select mode="multiple" options={needs.options} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="urgency" label={t('refer.urgency')}>
          <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: t(`priority.${u}`) }))} />
        </Form.Item>
        <Form.Item name="sharedCategories" label={t('refer.shared')} extra={t('refer.sharedHelp')}>
          <Checkbox.Group options={SHARED.map((c) => ({ value: c, label: t(`categories.${c}`), disabled: c === 'basic' }))} />
        </Form.Item>
        <Form.Item name="noteForReceiver" label={t('refer.note')} extra={t('refer.noteHelp')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="refer-note" />
        </Form.Item>
        {isCoordinator && (
          <>
            <Form.Item name="override" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="refer-override">{t('refer.override')}</Checkbox>
            </Form.Item>
            {override && (
              <Form.Item
                name="overrideReason"
                label={t('refer.overrideReason')}
                extra={t('refer.overrideHelp')}
                rules={[{ required: true, whitespace: true, min: 10, max: 1000, message: t('refer.overrideReasonRequired') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2 }} data-testid="refer-override-reason" />
              </Form.Item>
            )}
          </>
        )}
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={sending} data-testid="refer-submit">{t('refer.submit')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
