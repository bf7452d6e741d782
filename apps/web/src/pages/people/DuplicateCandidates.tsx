import { skipToken, useQuery } from '@apollo/client/react';
import { Alert, Form, List, Space, Tag, Typography } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { date } from '../../dates';
import { graphql } from '../../gql';
import type { DuplicateCandidatesQuery, DuplicateCheckInput } from '../../gql/graphql';
import { useDebounced } from '../../use-debounced';
import { compactIdNumber, duplicateCheckFrom, percent } from './duplicate-check';

/**
 * Only the basic facts of each candidate: enough to recognise the person, and — since the check runs
 * as the worker types — no audited read of anyone's contact or identity data on every key.
 */
export const DUPLICATE_CANDIDATES = graphql(`
  query DuplicateCandidates($input: DuplicateCheckInput!) {
    duplicateCandidates(input: $input) {
      idNumberTaken
      candidates { score reasons person { id fullName gender birthYear regionCode createdAt holdingOrganisationId } }
    }
  }
`);

export type Candidate = DuplicateCandidatesQuery['duplicateCandidates']['candidates'][number];

/** Asks for duplicates of what is being typed, once the typing pauses; keeps the last answer meanwhile. */
export function useDuplicateCheck(values: Parameters<typeof duplicateCheckFrom>[0], skip = false) {
  const key = useDebounced(JSON.stringify(duplicateCheckFrom(values)), 400);
  const check = JSON.parse(key) as DuplicateCheckInput | null;
  const { data, previousData } = useQuery(DUPLICATE_CANDIDATES, check && !skip ? { variables: { input: check }, fetchPolicy: 'network-only' } : skipToken);
  const asking = check !== null && !skip;
  return {
    candidates: asking ? ((data ?? previousData)?.duplicateCandidates.candidates ?? []) : [],
    /** The ID number the API said is already registered: only from the answer to this very check. */
    takenIdNumber: asking && data?.duplicateCandidates.idNumberTaken && check.idNumber ? check.idNumber : null,
  };
}

/**
 * The duplicate check of a form registering someone: asked as the name, date of birth, ID number and phone are
 * typed, with a warning rule for the ID-number field that says "already registered" as soon as the check knows —
 * not only when the registration is refused (a refusal already shown there stays: it says the same, firmly).
 */
export function useFormDuplicateCheck(form: FormInstance) {
  const { t } = useTranslation();
  const fullName = Form.useWatch('fullName', form) as string | undefined;
  const birthDate = Form.useWatch('birthDate', form) as string | undefined;
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const phone = Form.useWatch('phone', form) as string | undefined;
  const { candidates, takenIdNumber } = useDuplicateCheck({ fullName, birthDate, idNumber, phone });
  useEffect(() => {
    if (form.isFieldTouched('idNumber') && form.getFieldError('idNumber').length === 0) form.validateFields(['idNumber']).catch(() => undefined);
  }, [takenIdNumber, form]);
  const idNumberRule: FormRule = {
    warningOnly: true,
    validator: async (_, value?: string) => {
      if (takenIdNumber && compactIdNumber(value) === takenIdNumber) throw new Error(t('register.idTaken'));
    },
  };
  return { candidates, idNumberRule };
}

/** One candidate: who, how likely, why. */
export function CandidateSummary({ candidate }: { candidate: Candidate }) {
  const { t, i18n } = useTranslation();
  const { person, score, reasons } = candidate;
  const registered = date(person.createdAt, i18n.resolvedLanguage);
  return (
    <Space orientation="vertical" size={2}>
      <Space wrap size={6}>
        <Typography.Text strong><Guarded value={person.fullName} /></Typography.Text>
        <Tag color={score >= 0.8 ? 'red' : score >= 0.5 ? 'orange' : 'default'} data-testid={`candidate-score-${person.id}`}>
          {t('duplicates.score', { percent: percent(score) })}
        </Tag>
      </Space>
      <Typography.Text type="secondary">
        {[person.gender ? t(`gender.${person.gender}`) : null, person.birthYear ? t('duplicates.born', { year: person.birthYear }) : null,
          t('duplicates.registered', { date: registered })].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Space wrap size={4}>
        {reasons.map((reason) => <Tag key={reason} data-testid="candidate-reason">{t(`duplicateReasons.${reason}`)}</Tag>)}
      </Space>
    </Space>
  );
}

/** Records that may already be this person, with a way to open one instead of registering again. */
export function DuplicateCandidates({ candidates }: { candidates: Candidate[] }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 24 }}
      data-testid="duplicate-candidates"
      title={t('duplicates.title', { count: candidates.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('duplicates.explain')}</Typography.Paragraph>
          <List
            size="small"
            dataSource={candidates}
            renderItem={(candidate) => (
              <List.Item
                data-testid={`candidate-${candidate.person.id}`}
                actions={[
                  <Link key="open" to={`/people/${candidate.person.id}`} data-testid={`candidate-open-${candidate.person.id}`}>{t('duplicates.open')}</Link>,
                ]}
              >
                <CandidateSummary candidate={candidate} />
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
