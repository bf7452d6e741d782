import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { CaseNoteVisibility } from '../../gql/graphql';
import { newIdempotencyKey } from '../../idempotency';

const ADD_CASE_NOTE = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }
`);

export interface NoteToCorrect {
  id: string;
  body: string | null;
}

/**
 * Writes a dated, signed note on the case. The holding organisation chooses who reads it (itself only by
 * default); anyone else writes for everyone working the case. Saved notes are never changed: a mistake
 * is corrected by a new note from its author, and the first keeps its text.
 */
export function CaseNoteForm({ caseId, isHolder, correcting, onCancelCorrection, onSaved }: {
  caseId: string; isHolder: boolean; correcting: NoteToCorrect | null; onCancelCorrection: () => void; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string; visibility: CaseNoteVisibility }>();
  const [add, { loading }] = useMutation(ADD_CASE_NOTE);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per note being written: a retried save never records it twice.
  const [key, setKey] = useState(newIdempotencyKey);

  const submit = async ({ body, visibility }: { body: string; visibility?: CaseNoteVisibility }) => {
    setProblem(null);
    try {
      await add({
        variables: {
          input: {
            caseId, body: body.trim(), idempotencyKey: key,
            ...(correcting ? { correctsId: correcting.id } : { visibility: isHolder ? visibility ?? 'HOLDER' : 'CASE_TEAM' }),
          },
        },
      });
      void message.success(t('caseNotes.saved'));
      form.resetFields();
      setKey(newIdempotencyKey());
      onSaved();
    } catch (e) {
      if (!showOnField(t, form, e, { 'input.body': 'body', 'input.visibility': 'visibility' })) setProblem(errorText(t, e));
    }
  };

  return (
    <Form form={form} name="case-note" layout="vertical" onFinish={submit} requiredMark={false} disabled={loading} initialValues={{ visibility: 'HOLDER' }}
      style={{ marginBottom: 16 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      {correcting && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="note-correcting" title={t('caseNotes.correcting')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{correcting.body}</span>}
          action={<Button size="small" onClick={onCancelCorrection}>{t('caseNotes.cancelCorrection')}</Button>} />
      )}
      <Form.Item name="body" label={t('caseNotes.add')}
        rules={[{ required: true, whitespace: true, message: t('caseNotes.bodyRequired') }, { max: 10000, message: t('cases.tooLong', { max: 10000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} placeholder={t('caseNotes.placeholder')} data-testid="note-body" />
      </Form.Item>
      {!correcting && (isHolder ? (
        <Form.Item name="visibility" label={t('caseNotes.visibility')}>
          <Radio.Group data-testid="note-visibility">
            <Space orientation="vertical">
              {(['HOLDER', 'CASE_TEAM'] as const).map((v) => (
                <Radio key={v} value={v} data-testid={`note-visibility-${v}`}>
                  {t(`caseNotes.${v}`)} <Typography.Text type="secondary">— {t(`caseNotes.${v}_help`)}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      ) : <Typography.Paragraph type="secondary">{t('caseNotes.onlyTeam')}</Typography.Paragraph>)}
      <Button type="primary" htmlType="submit" loading={loading} data-testid="note-submit">{t('caseNotes.submit')}</Button>
    </Form>
  );
}
