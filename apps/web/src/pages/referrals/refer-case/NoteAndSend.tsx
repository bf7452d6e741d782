import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorReason, errorText, showOnField } from '../../../errors';
import { graphql } from '../../../gql';
import type { ReferralUrgency } from '../../../gql/graphql';
import { newIdempotencyKey } from '../../../idempotency';
import type { CaseData } from '../../cases/CasePage';
import { ChosenLine } from './ChosenLine';
import type { Draft } from './refer-draft';

const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }
  }
`);

const URGENCIES: ReferralUrgency[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

interface SendFields {
  urgency: ReferralUrgency;
  noteForReceiver?: string;
  override: boolean;
  overrideReason?: string;
}

/** Step 3: a note for the receiver that does not name the person, the urgency, and (coordinators, without consent) the reason. */
export function NoteAndSend({ found, draft, isCoordinator, onBack, onSent }: {
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
