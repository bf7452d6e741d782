import { CheckCircleFilled, WarningOutlined } from '@ant-design/icons';
import { skipToken, useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Form, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNeeds } from '../../../components/Needs';
import { apiErrors } from '../../../errors';
import { graphql } from '../../../gql';
import type { ConsentCategory } from '../../../gql/graphql';
import type { CaseData } from '../../cases/CasePage';
import { uncoveredCategories } from '../../people/consent-cover';
import { ChosenLine } from './ChosenLine';
import type { Draft } from './refer-draft';

const REFERRAL_CONSENTS = graphql(`
  query ReferralConsents($personId: ID!) {
    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }
  }
`);

const SHARED: ConsentCategory[] = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'];

/** Step 2: what the receiver sees once it accepts, and whether the person's consents cover it. */
export function ShareAndConsent({ found, draft, isCoordinator, onBack, onNext }: {
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
