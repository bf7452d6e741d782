import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import type { AttachmentCategory } from '../../gql/graphql';
import type { CaseData } from './CasePage';
import { downloadCaseFile, FileRequestError, MAX_FILE_BYTES, uploadCaseFile } from './case-files';

const CATEGORIES: AttachmentCategory[] = ['SIGNED_CONSENT', 'ID_DOCUMENT', 'CERTIFICATE', 'PHOTO', 'OTHER'];

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The files kept with the case that the viewer may read; those who work the open case add more. */
export function CaseAttachments({ found, mayUpload, onUploaded }: { found: CaseData; mayUpload: boolean; onUploaded: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<AttachmentCategory | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const files = found.attachments ?? [];
  const reasonText = (e: unknown) => {
    const reason = e instanceof FileRequestError ? e.reason : undefined;
    return reason ? t(`errors.reason.${reason}`, { defaultValue: t('errors.reason.NETWORK') }) : t('errors.reason.NETWORK');
  };

  const send = async (file: File | undefined) => {
    if (!file || !category) return;
    setProblem(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem(t('attachments.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      await uploadCaseFile(found.id, category, file);
      void message.success(t('attachments.uploaded', { name: file.name }));
      setCategory(undefined);
      onUploaded();
    } catch (e) {
      setProblem(reasonText(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const download = async (id: string, fileName: string) => {
    setProblem(null);
    try {
      await downloadCaseFile(id, fileName);
    } catch (e) {
      setProblem(reasonText(e));
    }
  };

  return (
    <Card title={<Space><PaperClipOutlined aria-hidden />{t('attachments.title')}</Space>} data-testid="case-attachments">
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="attachment-problem" />}
      {mayUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<AttachmentCategory> placeholder={t('attachments.chooseCategory')} value={category} onChange={setCategory} style={{ minWidth: 160 }}
            aria-label={t('attachments.category')} data-testid="attachment-category"
            options={CATEGORIES.map((c) => ({ value: c, label: t(`attachments.categories.${c}`) }))} />
          <Button icon={<UploadOutlined />} disabled={!category} loading={busy} onClick={() => input.current?.click()} data-testid="attachment-upload">
            {busy ? t('attachments.uploading') : t('attachments.upload')}
          </Button>
          <input ref={input} type="file" hidden accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" data-testid="attachment-file"
            onChange={(e) => void send(e.target.files?.[0])} />
          <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>
        </Space>
      )}
      <List
        dataSource={files}
        locale={{ emptyText: t('attachments.empty') }}
        renderItem={(f) => (
          <List.Item data-testid={`attachment-${f.id}`}
            actions={[<Button key="download" size="small" icon={<DownloadOutlined />} onClick={() => void download(f.id, f.fileName ?? f.id)}
              data-testid={`attachment-download-${f.id}`}>{t('attachments.download')}</Button>]}>
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}>
                {f.category && <Tag>{t(`attachments.categories.${f.category}`)}</Tag>}
                <Typography.Text strong data-testid="attachment-name">{f.fileName ?? '—'}</Typography.Text>
                <Typography.Text type="secondary">{size(f.sizeBytes)}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('attachments.by', { actor: f.uploadedByName, organisation: f.uploadedByOrganisationName, time: dateTime(f.uploadedAt, i18n.resolvedLanguage) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
