import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../download';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { PeopleOrder, PeopleSearch } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';

const EXPORT_PEOPLE = graphql(`
  mutation ExportPeople($search: PeopleSearch, $orderBy: PeopleOrder, $language: ExportLanguage, $purpose: String!, $includeIdentity: Boolean, $identityReason: String) {
    exportPeople(search: $search, orderBy: $orderBy, language: $language, purpose: $purpose, includeIdentity: $includeIdentity, identityReason: $identityReason) {
      filename csv rows
    }
  }
`);

interface Fields {
  purpose: string;
  includeIdentity?: boolean;
  identityReason?: string;
}

/**
 * Before a list leaves: what it is for (kept in the audit trail), and — only if ID numbers must leave in
 * full — why. Without that, ID numbers leave masked and dates of birth blank.
 */
export function ExportPeopleDialog({ search, orderBy, onClose }: { search?: PeopleSearch; orderBy: PeopleOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const identity = Form.useWatch('includeIdentity', form);
  const [exportPeople, { loading }] = useMutation(EXPORT_PEOPLE);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (fields: Fields) => {
    setProblem(null);
    try {
      const { data } = await exportPeople({ variables: {
        search, orderBy, language: currentLanguage() === 'en' ? 'EN' : 'ZH_CN', purpose: fields.purpose,
        includeIdentity: fields.includeIdentity ?? false, ...(fields.includeIdentity ? { identityReason: fields.identityReason } : {}),
      } });
      if (!data) return;
      downloadText(data.exportPeople.filename, data.exportPeople.csv, 'text/csv;charset=utf-8');
      void message.success(t('people.exported', { count: data.exportPeople.rows }));
      onClose();
    } catch (e) {
      if (!showOnField(t, form, e, { purpose: 'purpose', identityReason: 'identityReason' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Modal open title={t('exportPeople.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('exportPeople.explain')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="export-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={loading}>
        <Form.Item name="purpose" label={t('exportPeople.purpose')} extra={t('exportPeople.purposeHelp')}
          rules={[{ required: true, whitespace: true, min: 4, max: 200, message: t('exportPeople.purposeRequired') }]}>
          <Input data-testid="export-purpose" />
        </Form.Item>
        <Form.Item name="includeIdentity" valuePropName="checked">
          <Checkbox data-testid="export-identity">{t('exportPeople.includeIdentity')}</Checkbox>
        </Form.Item>
        {identity && (
          <Form.Item name="identityReason" label={t('exportPeople.identityReason')}
            rules={[{ required: true, whitespace: true, min: 10, max: 500, message: t('exportPeople.identityReasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="export-identity-reason" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={loading} block data-testid="export-submit">{t('exportPeople.submit')}</Button>
      </Form>
    </Modal>
  );
}
