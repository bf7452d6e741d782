import { EditOutlined, EnvironmentOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useNeeds } from '../../components/Needs';
import { dateTime } from '../../dates';
import { errorReason, errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { ServiceQuery } from '../../gql/graphql';
import { useActing } from '../../session/SessionProvider';
import { PlacesLeft, SERVICE_EDITOR_ROLES } from './DirectoryPage';
import { regionName } from '../../regions';
import { ReferHere } from './ReferHere';
import { scheduleText } from './schedule-text';
import { ServiceForm } from './ServiceForm';
import { ServiceStatusTag, useCriteriaText } from './ServiceParts';

// Every change answers with the whole service, so the screen shows what the API now holds.
graphql(`
  fragment ServiceFields on Service {
    id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes
    maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone
    organisationId organisationName hsdsId updatedAt version
    capacity { available maximum unit description updatedAt }
    locations { id name address regionCode latitude longitude confidential }
    schedules { id freq byday opensAt closesAt description }
  }
`);

const SERVICE = graphql(`
  query Service($id: ID!) { service(id: $id) { ...ServiceFields } }
`);

const SET_CAPACITY = graphql(`
  mutation SetServiceCapacity($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { ...ServiceFields } }
`);

export type ServiceData = ServiceQuery['service'];

/** Who may say how many places are free: the owning organisation's admins, coordinators and staff. */
const CAPACITY_ROLES = ['ORG_ADMIN', 'COORDINATOR', 'STAFF'];

export function ServicePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const acting = useActing();
  const needs = useNeeds();
  const criteria = useCriteriaText();
  const { data, loading, error, refetch } = useQuery(SERVICE, { variables: { id }, fetchPolicy: 'network-only' });
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const service = data?.service;

  if (!service) {
    return (
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
        <Link to="/directory">← {t('directory.back')}</Link>
        {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
        {loading && <Card loading />}
      </div>
    );
  }

  const owner = acting?.organisation.id === service.organisationId;
  const mayEdit = owner && SERVICE_EDITOR_ROLES.includes(acting.role);
  const mayCount = owner && CAPACITY_ROLES.includes(acting.role);
  const reload = async () => {
    setStale(false);
    setEditing(false);
    await refetch();
  };
  const conditions = criteria(service);
  const empty = <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 960 }}>
      <Link to="/directory">← {t('directory.back')}</Link>
      {stale && (
        <Alert type="warning" showIcon role="alert" data-testid="stale-notice" title={t('service.stale')}
          action={<Button size="small" onClick={() => void reload()} data-testid="stale-reload">{t('cases.reload')}</Button>} />
      )}
      {editing ? (
        <Card title={t('serviceForm.editTitle', { name: service.name })}>
          <ServiceForm service={service} onDone={() => setEditing(false)} onStale={() => setStale(true)} />
        </Card>
      ) : (
        <Card
          title={
            <Space wrap>
              <span data-testid="service-name">{service.name}</span>
              {service.alternateName && <Typography.Text type="secondary">{service.alternateName}</Typography.Text>}
              <ServiceStatusTag status={service.status} />
            </Space>
          }
          extra={
            <Space wrap>
              <ReferHere service={service} />
              {mayEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="service-edit">{t('service.edit')}</Button>}
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('directory.organisation')}><span data-testid="service-organisation">{service.organisationName}</span></Descriptions.Item>
            <Descriptions.Item label={t('directory.categories')}>
              <Space size={[4, 4]} wrap>{service.categories.map((c) => <Tag key={c} color="geekblue">{needs.name(c)}</Tag>)}</Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('service.description')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{service.description ?? empty}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('service.areas')} span={2}>
              {service.serviceAreaCodes.length ? service.serviceAreaCodes.map((c) => regionName(t, c)).join(t('common.listSeparator')) : t('service.anywhere')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card title={t('service.eligibility')} data-testid="service-eligibility">
        {service.eligibilityDescription && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{service.eligibilityDescription}</Typography.Paragraph>}
        {conditions.length > 0
          ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{conditions.map((c) => <li key={c} data-testid="service-criterion">{c}</li>)}</ul>
          : <Typography.Text type="secondary">{t('service.criteria.none')}</Typography.Text>}
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('service.applicationProcess')}>{service.applicationProcess ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('service.fees')}>{service.feesDescription ?? empty}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('service.capacity')} data-testid="service-capacity">
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <PlacesLeft capacity={service.capacity} />
            {service.capacity?.maximum != null && <Typography.Text type="secondary">{t('service.ofMaximum', { maximum: service.capacity.maximum, unit: service.capacity.unit })}</Typography.Text>}
          </Space>
          {service.capacity?.description && <Typography.Text type="secondary">{service.capacity.description}</Typography.Text>}
          {service.capacity && <Typography.Text type="secondary">{t('directory.updatedAt', { date: dateTime(service.capacity.updatedAt, i18n.resolvedLanguage) })}</Typography.Text>}
        </Space>
        {mayCount && service.capacity && <CapacityEditor service={service} onStale={() => setStale(true)} />}
      </Card>
      <Card title={t('service.locations')} data-testid="service-locations">
        <List
          dataSource={service.locations}
          locale={{ emptyText: t('service.noLocations') }}
          renderItem={(l) => (
            <List.Item data-testid="service-location">
              <Space orientation="vertical" size={2}>
                <Space wrap>
                  <EnvironmentOutlined aria-hidden />
                  <Typography.Text strong>{l.name ?? t('service.unnamedPlace')}</Typography.Text>
                  {l.regionCode && <Typography.Text type="secondary">{regionName(t, l.regionCode)}</Typography.Text>}
                  {l.confidential && <Tag color="purple" data-testid="location-confidential">{t('service.confidential')}</Tag>}
                </Space>
                {l.address !== null ? (
                  <Typography.Text data-testid="location-address">{l.address}</Typography.Text>
                ) : l.confidential ? (
                  <Tooltip title={t('service.confidentialWhy')}>
                    <Typography.Text type="secondary" data-testid="location-withheld"><LockOutlined aria-hidden /> {t('service.confidentialHidden')}</Typography.Text>
                  </Tooltip>
                ) : empty}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('service.schedules')}>
        <List
          dataSource={service.schedules}
          locale={{ emptyText: t('service.noSchedules') }}
          renderItem={(s) => (
            <List.Item data-testid="service-schedule">
              <Space orientation="vertical" size={0}>
                <Typography.Text>{scheduleText(t, s)}</Typography.Text>
                {s.description && <Typography.Text type="secondary">{s.description}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('service.contact')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('service.phone')}>{service.phone ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('service.email')}>{service.email ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('service.url')}>
            {service.url ? <Typography.Link href={service.url} target="_blank" rel="noreferrer">{service.url}</Typography.Link> : empty}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}

/** The owning organisation keeps the free places current, against the version it read. */
function CapacityEditor({ service, onStale }: { service: ServiceData; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ available: number; maximum?: number | null }>();
  const [setCapacity, { loading }] = useMutation(SET_CAPACITY);
  const [problem, setProblem] = useState<string | null>(null);
  const capacity = service.capacity!;

  const submit = async ({ available, maximum }: { available: number; maximum?: number | null }) => {
    setProblem(null);
    try {
      await setCapacity({ variables: { input: { serviceId: service.id, available, version: service.version, ...(maximum != null ? { maximum } : {}) } } });
      void message.success(t('service.capacitySaved', { count: available, unit: capacity.unit }));
    } catch (e) {
      if (errorReason(e) === 'STALE_VERSION') onStale();
      else if (!showOnField(t, form, e, { 'input.available': 'available', 'input.maximum': 'maximum' }, 'service')) setProblem(errorText(t, e, 'service'));
    }
  };

  return (
    <Form
      form={form}
      name="capacity"
      layout="inline"
      onFinish={submit}
      disabled={loading}
      // A new version is a new reading: start from what the API now holds.
      key={service.version}
      initialValues={{ available: capacity.available, maximum: capacity.maximum }}
      style={{ marginTop: 16, rowGap: 8 }}
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ width: '100%', marginBottom: 8 }} />}
      <Form.Item name="available" label={t('service.available')} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={0} max={100000} precision={0} suffix={capacity.unit} data-testid="capacity-available" />
      </Form.Item>
      <Form.Item name="maximum" label={t('service.maximum')}>
        <InputNumber min={0} max={100000} precision={0} data-testid="capacity-maximum" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading} data-testid="capacity-submit">{t('service.saveCapacity')}</Button>
    </Form>
  );
}
