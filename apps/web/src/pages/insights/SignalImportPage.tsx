import { useMutation, useQuery } from '@apollo/client/react';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Space, Statistic, Table, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { SignalImportsQuery, SignalKind } from '../../gql/graphql';
import { rowsOfSignalFile, SignalFileError, SignalFileRow, sha256Of } from './signal-file';

// Every step answers with the whole import, so the screen shows what the API now holds.
graphql(`
  fragment SignalImportFields on SignalImport {
    id kind fileName status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed startedAt finishedAt issues { line problem }
  }
`);

const IMPORTS = graphql(`
  query SignalImports { signalImports(first: 20) { edges { node { ...SignalImportFields } } } }
`);

const START = graphql(`
  mutation StartSignalImport($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ...SignalImportFields } } }
`);

const ADD_ROWS = graphql(`
  mutation AddSignalRows($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }
`);

const FINISH = graphql(`
  mutation FinishSignalImport($id: ID!) { finishSignalImport(id: $id) { ...SignalImportFields } }
`);

const KINDS: SignalKind[] = ['MEDICAL_BILL', 'UTILITY_ARREARS', 'DISABILITY_REGISTRATION'];
/** Rows per request (the API takes at most 2,000). */
const BATCH = 2000;

type Imported = SignalImportsQuery['signalImports']['edges'][number]['node'];

interface Run {
  done: number;
  total: number;
  finished: Imported | null;
  issues: { line: number; problem: string }[];
  note: 'already' | 'resumed' | null;
}

/**
 * A civil-affairs office brings in another department's file: the browser reads the CSV and sends its rows
 * in batches with a progress bar; the API matches them and keeps only the matched rows. A file already
 * imported is not imported again; an import cut off half-way goes on when the same file is chosen again.
 */
export function SignalImportPage() {
  const { t, i18n } = useTranslation();
  const { data, refetch } = useQuery(IMPORTS);
  const [start] = useMutation(START);
  const [addRows] = useMutation(ADD_ROWS);
  const [finish] = useMutation(FINISH);
  const [kind, setKind] = useState<SignalKind>('MEDICAL_BILL');
  const [file, setFile] = useState<{ name: string; sha256: string; rows: SignalFileRow[] } | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = !!run && !run.finished && !problem;
  const imports = (data?.signalImports.edges.map((e) => e.node) ?? []) as Imported[];

  const choose = async (chosen: File, as: SignalKind = kind) => {
    setFile(null);
    setRun(null);
    setProblem(null);
    setFileProblem(null);
    try {
      const rows = rowsOfSignalFile(await chosen.text(), as !== 'DISABILITY_REGISTRATION');
      setFile({ name: chosen.name, sha256: await sha256Of(chosen), rows });
    } catch (e) {
      setFileProblem(t(`insights.signals.fileProblem.${e instanceof SignalFileError ? e.problem : 'NOT_CSV'}`));
    }
  };

  const go = async () => {
    if (!file) return;
    setProblem(null);
    const total = file.rows.length;
    let done = 0;
    let issues: Run['issues'] = [];
    try {
      const { data: started } = await start({ variables: { input: { kind, fileName: file.name.slice(0, 200), sha256: file.sha256, rows: total } } });
      const begun = started!.startSignalImport;
      if (begun.alreadyImported) {
        setRun({ done: total, total, finished: begun.import as Imported, issues: [], note: 'already' });
        return;
      }
      const note = begun.import.rowsDone > 0 ? 'resumed' : null;
      setRun({ done: 0, total, finished: null, issues, note });
      for (let offset = 0; offset < total; offset += BATCH) {
        const { data: sent } = await addRows({ variables: { input: { importId: begun.import.id, rows: file.rows.slice(offset, offset + BATCH) } } });
        done = sent!.addSignalRows.rowsDone;
        issues = [...issues, ...sent!.addSignalRows.issues].slice(0, 100);
        setRun({ done, total, finished: null, issues, note });
      }
      const { data: finished } = await finish({ variables: { id: begun.import.id } });
      setRun({ done: total, total, finished: finished!.finishSignalImport as Imported, issues, note });
      void refetch();
    } catch (e) {
      setProblem(t('insights.signals.stopped', { done, total, reason: errorText(t, e) }));
    }
  };

  const counted = (value: number | null | undefined, suppressed: boolean) => (suppressed || value == null
    ? <Tooltip title={t('insights.signals.suppressedWhy')}><Typography.Text type="secondary">{t('insights.signals.suppressed')}</Typography.Text></Tooltip>
    : value);
  const result = run?.finished;

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 1000 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('insights.signals.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('insights.signals.hint')}</Typography.Text>
      <Card data-testid="signal-import">
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Space orientation="vertical" size={4}>
            <Typography.Text strong id="signal-kind-label">{t('insights.signals.kind')}</Typography.Text>
            <Radio.Group aria-labelledby="signal-kind-label" value={kind} disabled={busy} data-testid="signal-kind"
              onChange={(e) => { setKind(e.target.value as SignalKind); setFile(null); setRun(null); setFileProblem(null); }}
              options={KINDS.map((k) => ({ value: k, label: t(`insights.signals.kinds.${k}`) }))} />
            <Typography.Text type="secondary">{t(`insights.signals.kindHints.${kind}`)}</Typography.Text>
          </Space>
          <Space wrap>
            <Upload accept=".csv,text/csv" showUploadList={false} disabled={busy} beforeUpload={(f) => { void choose(f); return false; }}>
              <Button icon={<UploadOutlined />} disabled={busy} data-testid="signal-choose">{t('insights.signals.choose')}</Button>
            </Upload>
            {file && <Typography.Text data-testid="signal-file">{t('insights.signals.chosen', { name: file.name, count: file.rows.length })}</Typography.Text>}
            {file && !run?.finished && <Button type="primary" onClick={() => void go()} loading={busy} disabled={busy} data-testid="signal-start">{t('insights.signals.start')}</Button>}
          </Space>
          {fileProblem && <Alert type="error" showIcon role="alert" title={fileProblem} data-testid="signal-file-problem" />}
          {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="signal-problem" />}
          {run?.note && <Alert type="info" showIcon data-testid="signal-note"
            title={run.note === 'already' ? t('insights.signals.already', { when: dateTime(run.finished?.finishedAt ?? run.finished?.startedAt, i18n.resolvedLanguage) }) : t('insights.signals.resumed')} />}
          {run && (
            <>
              <Typography.Text strong data-testid="signal-phase">{result ? t('insights.signals.done') : t('insights.signals.importing', { done: run.done, total: run.total })}</Typography.Text>
              <Progress percent={Math.round((run.done / Math.max(1, run.total)) * 100)} status={result ? 'success' : problem ? 'exception' : 'active'} data-testid="signal-progress" />
            </>
          )}
          {result && (
            <Space size="large" wrap data-testid="signal-summary">
              <Statistic title={t('insights.signals.rows')} value={result.rowsDone} />
              <div data-testid="signal-invalid"><Statistic title={t('insights.signals.invalid')} value={result.invalid} /></div>
              <div data-testid="signal-matched"><Statistic title={t('insights.signals.matched')} valueRender={() => counted(result.matched, result.countsSuppressed)} /></div>
              <Statistic title={t('insights.signals.repeated')} valueRender={() => counted(result.repeated, result.countsSuppressed)} />
              <div data-testid="signal-unmatched"><Statistic title={t('insights.signals.unmatched')} valueRender={() => counted(result.unmatched, result.countsSuppressed)} /></div>
            </Space>
          )}
          {run && (run.issues.length > 0 || (result?.issues.length ?? 0) > 0) && (
            <Table
              rowKey="line"
              size="small"
              data-testid="signal-issues"
              title={() => t('insights.signals.issues')}
              dataSource={result ? result.issues : run.issues}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('insights.signals.line'), dataIndex: 'line', width: 90 },
                { title: t('insights.signals.problem'), key: 'problem', render: (_, r: { problem: string }) => t(`insights.signals.problems.${r.problem}`) },
              ]}
            />
          )}
        </Space>
      </Card>
      <Card title={t('insights.signals.history')} size="small">
        <Table<Imported>
          rowKey="id"
          size="small"
          dataSource={imports}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('insights.signals.historyEmpty') }}
          data-testid="signal-history"
          columns={[
            { title: t('insights.signals.file'), key: 'file', render: (_, r) => <Space orientation="vertical" size={0}>{r.fileName}<Typography.Text type="secondary">{t(`insights.signals.kinds.${r.kind}`)}</Typography.Text></Space> },
            { title: t('insights.signals.status'), key: 'status', render: (_, r) => t(`insights.signals.statuses.${r.status}`) },
            { title: t('insights.signals.rows'), key: 'rows', render: (_, r) => `${r.rowsDone} / ${r.rowsExpected}` },
            { title: t('insights.signals.invalid'), dataIndex: 'invalid' },
            { title: t('insights.signals.matched'), key: 'matched', render: (_, r) => counted(r.matched, r.countsSuppressed) },
            { title: t('insights.signals.startedAt'), key: 'startedAt', render: (_, r) => dateTime(r.startedAt, i18n.resolvedLanguage) },
          ]}
        />
      </Card>
    </div>
  );
}
