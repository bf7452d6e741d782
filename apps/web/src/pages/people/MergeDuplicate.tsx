import { MergeCellsOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { DuplicateCheckInput } from '../../gql/graphql';
import { CandidateSummary, DUPLICATE_CANDIDATES } from './DuplicateCandidates';

const MERGE_PEOPLE = graphql(`
  mutation MergePeople($input: MergePeopleInput!) { mergePeople(input: $input) { id mergedRecordIds } }
`);

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MergeResult {
  duplicateId: string;
  /** The merged record's name as the worker saw it in the candidates, if they picked it there. */
  duplicateName: string | null;
  mergedRecords: number;
}

interface Survivor {
  id: string;
  fullName?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  holdingOrganisationId: string;
}

/**
 * A coordinator folds a duplicate record into this one: picks one of the likely duplicates (or pastes a
 * record id), writes why they are the same person, and confirms — the merge cannot be undone here.
 */
export function MergeDuplicate({ survivor, onMerged }: { survivor: Survivor; onMerged: (result: MergeResult) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="merge-open">{t('merge.action')}</Button>
      {open && <MergeModal survivor={survivor} onClose={() => setOpen(false)} onMerged={(result) => { setOpen(false); onMerged(result); }} />}
    </>
  );
}

function MergeModal({ survivor, onClose, onMerged }: { survivor: Survivor; onClose: () => void; onMerged: (result: MergeResult) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ duplicateId: string; reason: string }>();
  const [merge, { loading: merging }] = useMutation(MERGE_PEOPLE);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = Form.useWatch('duplicateId', form);

  // The same check as before registering, on what this record says; without a readable name there is nothing to match.
  const check: DuplicateCheckInput | null = survivor.fullName
    ? { fullName: survivor.fullName, ...(survivor.birthDate ? { birthDate: survivor.birthDate } : {}), ...(survivor.phone && !survivor.phone.includes('*') ? { phone: survivor.phone } : {}) }
    : null;
  const { data, loading, error } = useQuery(DUPLICATE_CANDIDATES, check ? { variables: { input: check }, fetchPolicy: 'network-only' } : skipToken);
  // Only records this organisation holds can be merged here; the record itself is no duplicate of itself.
  const candidates = (data?.duplicateCandidates.candidates ?? [])
    .filter((c) => c.person.id !== survivor.id && c.person.holdingOrganisationId === survivor.holdingOrganisationId);

  const run = async ({ duplicateId, reason }: { duplicateId: string; reason: string }) => {
    setProblem(null);
    try {
      const result = await merge({ variables: { input: { survivorId: survivor.id, duplicateId: duplicateId.trim(), reason: reason.trim() } } });
      onMerged({
        duplicateId: duplicateId.trim(),
        duplicateName: candidates.find((c) => c.person.id === duplicateId.trim())?.person.fullName ?? null,
        mergedRecords: result.data?.mergePeople.mergedRecordIds.length ?? 0,
      });
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.duplicateId': 'duplicateId', 'input.reason': 'reason' })) setProblem(errorText(t, e));
    }
  };

  const confirm = (fields: { duplicateId: string; reason: string }) => {
    const name = candidates.find((c) => c.person.id === fields.duplicateId.trim())?.person.fullName;
    modal.confirm({
      title: t('merge.confirmTitle'),
      content: t('merge.confirmBody', { duplicate: name ?? fields.duplicateId.trim(), survivor: survivor.fullName ?? survivor.id }),
      okText: t('merge.confirmOk'),
      okButtonProps: { danger: true },
      cancelText: t('members.cancel'),
      onOk: () => run(fields),
    });
  };

  return (
    <Modal open title={t('merge.title')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('merge.explain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="merge-error" />}
      <Typography.Text strong>{t('merge.candidates')}</Typography.Text>
      <div style={{ margin: '8px 0 16px' }} data-testid="merge-candidates">
        {loading ? <Spin size="small" />
          : error ? <Typography.Text type="secondary">{errorText(t, error)}</Typography.Text>
          : candidates.length === 0 ? <Typography.Text type="secondary">{t('merge.noCandidates')}</Typography.Text>
          : (
            <Radio.Group value={chosen} onChange={(e) => form.setFieldsValue({ duplicateId: e.target.value as string })} style={{ width: '100%' }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {candidates.map((c) => (
                  <Radio key={c.person.id} value={c.person.id} data-testid={`merge-candidate-${c.person.id}`}>
                    <CandidateSummary candidate={c} />
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          )}
      </div>
      <Form form={form} layout="vertical" onFinish={confirm} requiredMark={false} disabled={merging}>
        <Form.Item
          name="duplicateId"
          label={t('merge.recordId')}
          extra={t('merge.recordIdHelp')}
          rules={[
            { required: true, message: t('merge.recordIdRequired') },
            { pattern: RECORD_ID, message: t('merge.recordIdInvalid'), transform: (v: string) => v?.trim() },
            { validator: async (_, v?: string) => { if (v?.trim() === survivor.id) throw new Error(t('errors.reason.MERGE_SAME_RECORD')); } },
          ]}
        >
          <Input autoComplete="off" data-testid="merge-record-id" />
        </Form.Item>
        <Form.Item name="reason" label={t('merge.reason')} rules={[{ required: true, whitespace: true, min: 5, max: 500, message: t('merge.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="merge-reason" />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('members.cancel')}</Button>
          <Button type="primary" danger htmlType="submit" loading={merging} data-testid="merge-submit">{t('merge.submit')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
