import { SendOutlined } from '@ant-design/icons';
import { skipToken, useQuery } from '@apollo/client/react';
import { Alert, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { NeedTags } from '../../components/Needs';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { CaseFilter } from '../../gql/graphql';
import { useDebounced } from '../../use-debounced';
import { useActing } from '../../session/SessionProvider';
import { CASE_ACTIVE } from '../cases/case-moves';
import { CASE_WORKER_ROLES } from '../cases/CasesPage';
import { startReferral } from '../referrals/refer-case/refer-draft';
import type { ServiceData } from './ServicePage';

const CASES_TO_REFER = graphql(`
  query CasesToRefer($filter: CaseFilter) {
    cases(first: 20, filter: $filter) {
      edges { node { id caseNumber needs holdingOrganisationId person { id fullName } } }
    }
  }
`);

/**
 * "Refer someone here", from a service's page: the user picks one of the open cases they work, and the
 * case's referral wizard opens with this service chosen, at what the receiver will see. Offered to those
 * who work cases, for another organisation's active service.
 */
export function ReferHere({ service }: { service: NonNullable<ServiceData> }) {
  const { t } = useTranslation();
  const acting = useActing();
  const [open, setOpen] = useState(false);
  if (!acting || !CASE_WORKER_ROLES.includes(acting.role) || acting.organisation.id === service.organisationId || service.status !== 'ACTIVE') return null;
  return (
    <>
      <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="refer-here">{t('referHere.action')}</Button>
      {open && <ChooseCase service={service} onClose={() => setOpen(false)} />}
    </>
  );
}

function ChooseCase({ service, onClose }: { service: NonNullable<ServiceData>; onClose: () => void }) {
  const { t } = useTranslation();
  const acting = useActing();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const search = useDebounced(number.trim(), 300);
  // A caseworker refers from the cases they are assigned to; a coordinator from any case their organisation holds.
  const filter: CaseFilter = { status: CASE_ACTIVE, ...(acting?.role === 'CASEWORKER' ? { assignedToMe: true } : {}), ...(search ? { caseNumber: search } : {}) };
  const { data, loading, error } = useQuery(CASES_TO_REFER, acting ? { variables: { filter }, fetchPolicy: 'network-only' } : skipToken);
  // The same test as the case page's own "refer" button: a coordinator works the cases their organisation holds.
  const cases = (data?.cases.edges.map((e) => e.node) ?? []).filter((c) => acting?.role !== 'COORDINATOR' || c.holdingOrganisationId === acting.organisation.id);

  const choose = (found: (typeof cases)[number]) => {
    startReferral(found.id, {
      serviceId: service.id, serviceName: service.name, organisationId: service.organisationId, organisationName: service.organisationName,
      placesAvailable: service.capacity ? service.capacity.available : null,
    }, found.needs ?? []);
    navigate(`/cases/${found.id}`);
  };

  return (
    <Modal open title={t('referHere.title', { service: service.name })} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('referHere.help', { organisation: service.organisationName })}</Typography.Text>
        <Input.Search allowClear value={number} onChange={(e) => setNumber(e.target.value)} placeholder={t('referHere.searchPlaceholder')}
          aria-label={t('referHere.searchPlaceholder')} data-testid="refer-here-search" />
        {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
        <List
          loading={loading}
          dataSource={loading ? [] : cases}
          data-testid="refer-here-cases"
          locale={{ emptyText: loading ? ' ' : t(search ? 'referHere.noneFound' : 'referHere.none') }}
          renderItem={(c) => (
            <List.Item
              data-testid={`refer-here-case-${c.id}`}
              actions={[<Button key="choose" onClick={() => choose(c)} data-testid={`refer-here-choose-${c.id}`}>{t('referHere.choose')}</Button>]}
            >
              <Space orientation="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{c.caseNumber}</Typography.Text>
                  <Guarded value={c.person?.fullName} />
                </Space>
                <NeedTags codes={c.needs ?? []} />
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Modal>
  );
}
