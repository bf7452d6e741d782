import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useNeeds } from '../../components/Needs';
import { errorReason, errorText } from '../../errors';
import { showAtField, useEditingForm } from '../../forms/form-behaviour';
import { graphql } from '../../gql';
import type { ScheduleFrequency, ServiceStatus } from '../../gql/graphql';
import { newIdempotencyKey } from '../../idempotency';
import { REGION_CODE_PATTERN } from '../../forms/field-checks';
import { allStreetChoices, regionName } from '../../regions';
import type { ServiceData } from './ServicePage';
import { BEIJING_DISTRICTS, SERVICE_STATUSES } from './ServiceParts';

const CREATE_SERVICE = graphql(`
  mutation CreateService($input: CreateServiceInput!) { createService(input: $input) { ...ServiceFields } }
`);

const UPDATE_SERVICE = graphql(`
  mutation UpdateService($input: UpdateServiceInput!) { updateService(input: $input) { ...ServiceFields } }
`);

interface LocationFields { id?: string; name?: string; address?: string; regionCode?: string; latitude?: number | null; longitude?: number | null; confidential: boolean }
interface ScheduleFields { id?: string; freq?: ScheduleFrequency; byday?: string; opensAt?: string; closesAt?: string; description?: string }
interface ServiceFields {
  name: string;
  alternateName?: string;
  description?: string;
  status: ServiceStatus;
  categories: string[];
  eligibilityDescription?: string;
  minimumAge?: number | null;
  maximumAge?: number | null;
  eligibleRegionCodes: string[];
  maxIncomeYuan?: number | null;
  eligibleNeeds: string[];
  requiredDocuments: string[];
  serviceAreaCodes: string[];
  applicationProcess?: string;
  feesDescription?: string;
  url?: string;
  email?: string;
  phone?: string;
  tracksPlaces: boolean;
  capacity?: { available?: number; maximum?: number | null; unit?: string; description?: string };
  locations: LocationFields[];
  schedules: ScheduleFields[];
}

/** libs/directory PHONE: digits, spaces, +, - and brackets (`+44 1234 234567`, `010-6500 1234`). */
const PHONE = /^[0-9+()\- ]{3,40}$/;

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : undefined);

function fieldsOf(s: ServiceData | undefined): Partial<ServiceFields> {
  if (!s) return { status: 'ACTIVE', categories: [], eligibleRegionCodes: [], eligibleNeeds: [], requiredDocuments: [], serviceAreaCodes: [], tracksPlaces: true, capacity: { available: 0 }, locations: [], schedules: [] };
  return {
    name: s.name, alternateName: s.alternateName ?? '', description: s.description ?? '', status: s.status, categories: s.categories,
    eligibilityDescription: s.eligibilityDescription ?? '', minimumAge: s.minimumAge, maximumAge: s.maximumAge, eligibleRegionCodes: s.eligibleRegionCodes,
    maxIncomeYuan: s.maxIncomePerPersonCents != null ? s.maxIncomePerPersonCents / 100 : null, eligibleNeeds: s.eligibleNeeds,
    requiredDocuments: s.requiredDocuments, serviceAreaCodes: s.serviceAreaCodes, applicationProcess: s.applicationProcess ?? '',
    feesDescription: s.feesDescription ?? '', url: s.url ?? '', email: s.email ?? '', phone: s.phone ?? '',
    tracksPlaces: !!s.capacity,
    capacity: s.capacity ? { available: s.capacity.available, maximum: s.capacity.maximum, unit: s.capacity.unit, description: s.capacity.description ?? '' } : { available: 0 },
    locations: s.locations.map((l) => ({ id: l.id, name: l.name ?? '', address: l.address ?? '', regionCode: l.regionCode ?? undefined, latitude: l.latitude, longitude: l.longitude, confidential: l.confidential })),
    schedules: s.schedules.map((x) => ({ id: x.id, freq: x.freq ?? undefined, byday: x.byday ?? '', opensAt: x.opensAt ?? '', closesAt: x.closesAt ?? '', description: x.description ?? '' })),
  };
}

/** The form's values as the API's input: the whole service, empty texts left out, yuan back to fen. */
function inputOf(f: ServiceFields) {
  return {
    name: f.name.trim(), alternateName: blank(f.alternateName), description: blank(f.description), status: f.status, categories: f.categories,
    eligibilityDescription: blank(f.eligibilityDescription), minimumAge: f.minimumAge ?? undefined, maximumAge: f.maximumAge ?? undefined,
    eligibleRegionCodes: f.eligibleRegionCodes, maxIncomePerPersonCents: f.maxIncomeYuan != null ? Math.round(f.maxIncomeYuan * 100) : undefined,
    eligibleNeeds: f.eligibleNeeds, requiredDocuments: f.requiredDocuments.map((d) => d.trim()).filter(Boolean), serviceAreaCodes: f.serviceAreaCodes,
    applicationProcess: blank(f.applicationProcess), feesDescription: blank(f.feesDescription), url: blank(f.url), email: blank(f.email), phone: blank(f.phone),
    capacity: f.tracksPlaces && f.capacity?.unit
      ? { available: f.capacity.available ?? 0, maximum: f.capacity.maximum ?? undefined, unit: f.capacity.unit.trim(), description: blank(f.capacity.description) }
      : undefined,
    locations: (f.locations ?? []).map((l) => ({
      ...(l.id ? { id: l.id } : {}), name: blank(l.name), address: blank(l.address), regionCode: l.regionCode || undefined,
      latitude: l.latitude ?? undefined, longitude: l.longitude ?? undefined, confidential: !!l.confidential,
    })),
    schedules: (f.schedules ?? []).map((s) => ({
      ...(s.id ? { id: s.id } : {}), freq: s.freq || undefined, byday: blank(s.byday), opensAt: blank(s.opensAt), closesAt: blank(s.closesAt), description: blank(s.description),
    })),
  };
}

/** The API's field paths (`input.locations.0.address`) → this form's names. */
function fieldName(path: string): (string | number)[] | null {
  const parts = path.replace(/^input\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'maxIncomePerPersonCents') return ['maxIncomeYuan'];
  return parts.length > 0 && parts[0] !== '' ? parts : null;
}

/** A new service of the acting organisation, or the whole of one it keeps (places and schedules included). */
export function ServiceForm({ service, onDone, onStale }: { service?: ServiceData; onDone: (id?: string) => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const needs = useNeeds();
  const [form] = Form.useForm<ServiceFields>();
  const [create, { loading: creating }] = useMutation(CREATE_SERVICE);
  const [update, { loading: updating }] = useMutation(UPDATE_SERVICE);
  const [problem, setProblem] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const tracksPlaces = Form.useWatch('tracksPlaces', form);
  const editing = useEditingForm(form);
  const districts = BEIJING_DISTRICTS.map((c) => ({ value: c, label: regionName(t, c) }));
  // Where a service works or whom it takes: a district, or a street of one (found by its name, 建外 → 朝阳区建外街道).
  // Not a virtual list: a search such as 朝阳 offers the district and its 43 streets, each of which stays in the page.
  const areas = [...districts, ...allStreetChoices(t)];
  // A region typed rather than picked must be a region code: a name typed in is not one.
  const regionCodes = {
    validator: (_: unknown, codes?: string[]) =>
      (codes ?? []).every((c) => REGION_CODE_PATTERN.test(c)) ? Promise.resolve() : Promise.reject(new Error(t('errors.reason.REGION_CODE_FORMAT'))),
  };

  const submit = async (fields: ServiceFields) => {
    setProblem(null);
    try {
      if (service) {
        await update({ variables: { input: { ...inputOf(fields), serviceId: service.id, version: service.version } } });
        void message.success(t('serviceForm.saved'));
        editing.saved();
        onDone(service.id);
      } else {
        const { data } = await create({ variables: { input: { ...inputOf(fields), idempotencyKey } } });
        void message.success(t('serviceForm.created'));
        editing.saved();
        onDone(data?.createService.id);
      }
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION' && onStale) return onStale();
      if (!showAtField(t, form, e, fieldName, 'service')) setProblem(errorText(t, e, 'service'));
    }
  };

  return (
    <Form form={form} name="service" layout="vertical" onFinish={submit} requiredMark={false} disabled={creating || updating} initialValues={fieldsOf(service)} {...editing.formProps}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="service-form-error" />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('serviceForm.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('serviceForm.nameRequired') }]}>
            <Input maxLength={200} data-testid="service-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="alternateName" label={t('serviceForm.alternateName')} rules={[{ max: 200, message: t('cases.tooLong', { max: 200 }) }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('service.description')} rules={[{ max: 5000, message: t('cases.tooLong', { max: 5000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} data-testid="service-form-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="categories" label={t('directory.categories')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.needsRequired') }]}>
            <Select mode="multiple" options={needs.options} optionFilterProp="label" data-testid="service-form-categories" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('serviceForm.status')}>
            <Select options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="serviceAreaCodes" label={t('service.areas')} extra={t('serviceForm.regionHelp')} rules={[regionCodes]}>
        <Select mode="tags" options={areas} optionFilterProp="label" tokenSeparators={[',', '，', ' ']} virtual={false} data-testid="service-form-areas" />
      </Form.Item>

      <Divider titlePlacement="start">{t('service.eligibility')}</Divider>
      <Form.Item name="eligibilityDescription" label={t('serviceForm.eligibilityDescription')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="minimumAge" label={t('serviceForm.minimumAge')}><InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="maximumAge" label={t('serviceForm.maximumAge')}><InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="maxIncomeYuan" label={t('serviceForm.maxIncome')}>
            <InputNumber min={0} precision={2} suffix={t('serviceForm.yuanPerMonth')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="eligibleRegionCodes" label={t('serviceForm.eligibleRegions')} extra={t('serviceForm.eligibleRegionsHelp')} rules={[regionCodes]}>
            <Select mode="tags" options={areas} optionFilterProp="label" tokenSeparators={[',', '，', ' ']} virtual={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="eligibleNeeds" label={t('serviceForm.eligibleNeeds')} extra={t('serviceForm.eligibleNeedsHelp')}>
            <Select mode="multiple" options={needs.options} optionFilterProp="label" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="requiredDocuments" label={t('serviceForm.requiredDocuments')} extra={t('serviceForm.requiredDocumentsHelp')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="applicationProcess" label={t('service.applicationProcess')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="feesDescription" label={t('service.fees')} rules={[{ max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('service.capacity')}</Divider>
      <Form.Item name="tracksPlaces" valuePropName="checked" label={t('serviceForm.tracksPlaces')}>
        <Switch data-testid="service-form-tracks" />
      </Form.Item>
      {tracksPlaces && (
        <Row gutter={16}>
          <Col xs={12} md={5}>
            <Form.Item name={['capacity', 'available']} label={t('service.available')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="service-form-available" />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name={['capacity', 'maximum']} label={t('service.maximum')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name={['capacity', 'unit']} label={t('serviceForm.unit')} extra={t('serviceForm.unitHelp')} rules={[{ required: true, whitespace: true, max: 40, message: t('serviceForm.unitRequired') }]}>
              <Input maxLength={40} data-testid="service-form-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name={['capacity', 'description']} label={t('serviceForm.capacityDescription')}><Input maxLength={300} /></Form.Item>
          </Col>
        </Row>
      )}

      <Divider titlePlacement="start">{t('service.locations')}</Divider>
      <Form.List name="locations">
        {(items, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {items.map(({ key, name }) => (
              <Card key={key} size="small" extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('serviceForm.remove')} />}>
                <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={8}><Form.Item name={[name, 'name']} label={t('serviceForm.placeName')}><Input maxLength={200} /></Form.Item></Col>
                  <Col xs={24} md={10}><Form.Item name={[name, 'address']} label={t('serviceForm.address')}><Input maxLength={500} /></Form.Item></Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[name, 'regionCode']} label={t('serviceForm.district')}>
                      <Select allowClear showSearch optionFilterProp="label" options={districts} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}><Form.Item name={[name, 'latitude']} label={t('serviceForm.latitude')}><InputNumber min={-90} max={90} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[name, 'longitude']} label={t('serviceForm.longitude')}><InputNumber min={-180} max={180} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[name, 'confidential']} valuePropName="checked" label=" " extra={t('serviceForm.confidentialHelp')}>
                      <Checkbox>{t('serviceForm.confidential')}</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ confidential: false })} disabled={items.length >= 20}>{t('serviceForm.addPlace')}</Button>
          </Space>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('service.schedules')}</Divider>
      <Form.List name="schedules">
        {(items, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {items.map(({ key, name }) => (
              <Card key={key} size="small" extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('serviceForm.remove')} />}>
                <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                <Row gutter={12}>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, 'freq']} label={t('serviceForm.freq')}>
                      <Select allowClear options={(['WEEKLY', 'MONTHLY'] as ScheduleFrequency[]).map((f) => ({ value: f, label: t(`serviceForm.freqs.${f}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}><Form.Item name={[name, 'byday']} label={t('serviceForm.byday')} extra={t('serviceForm.bydayHelp')}><Input maxLength={40} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'opensAt']} label={t('serviceForm.opensAt')} rules={[{ pattern: /^\d\d:\d\d$/, message: t('serviceForm.timeFormat') }]}><Input placeholder="09:00" maxLength={5} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'closesAt']} label={t('serviceForm.closesAt')} rules={[{ pattern: /^\d\d:\d\d$/, message: t('serviceForm.timeFormat') }]}><Input placeholder="17:00" maxLength={5} /></Form.Item></Col>
                  <Col xs={24} md={8}><Form.Item name={[name, 'description']} label={t('serviceForm.scheduleNote')}><Input maxLength={300} /></Form.Item></Col>
                </Row>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ freq: 'WEEKLY' })} disabled={items.length >= 20}>{t('serviceForm.addSchedule')}</Button>
          </Space>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('service.contact')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}><Form.Item name="phone" label={t('service.phone')} rules={[{ pattern: PHONE, message: t('serviceForm.phoneFormat') }]}><Input maxLength={40} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="email" label={t('service.email')} rules={[{ type: 'email', message: t('serviceForm.emailFormat') }]}><Input maxLength={254} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="url" label={t('service.url')} rules={[{ type: 'url', message: t('serviceForm.urlFormat') }]}><Input maxLength={500} /></Form.Item></Col>
      </Row>
      <Space>
        <Button onClick={() => onDone()}>{t('members.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={creating || updating} data-testid="service-form-submit">{service ? t('cases.save') : t('serviceForm.create')}</Button>
      </Space>
    </Form>
  );
}

/** "Add a service": the form on a page of its own, then the new service's page. */
export function NewServicePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
      <Link to="/directory">← {t('directory.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('serviceForm.newTitle')}</Typography.Title>
      <Card><ServiceForm onDone={(id) => navigate(id ? `/directory/${id}` : '/directory')} /></Card>
    </div>
  );
}
