import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Progress, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../download';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import { addBatch, batchesOf, EMPTY_REPORT, HsdsFileError, ImportProblem, ImportReport, ImportRow, isTableSet, servicesOfHsdsFile } from './hsds-file';

const IMPORT_HSDS = graphql(`
  mutation ImportHsds($json: String!, $dryRun: Boolean) {
    importHsds(json: $json, dryRun: $dryRun) {
      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }
    }
  }
`);

const IMPORT_HSDS_CSV = graphql(`
  mutation ImportHsdsCsv($files: [HsdsCsvFileInput!]!, $dryRun: Boolean) {
    importHsdsCsv(files: $files, dryRun: $dryRun) {
      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }
    }
  }
`);

const EXPORT_HSDS = graphql(`
  query ExportHsds { exportHsds }
`);

const EXPORT_HSDS_CSV = graphql(`
  query ExportHsdsCsv { exportHsdsCsv { name csv } }
`);

/** The API takes at most 200 services a call; 100 keeps each request well under its 256 KiB limit and the bar moving. */
const BATCH = 100;
const OUTCOME_COLOUR: Record<ImportRow['outcome'], string> = { CREATED: 'green', UPDATED: 'blue', UNCHANGED: 'default', FAILED: 'red' };

interface Run { dryRun: boolean; done: number; total: number; report: ImportReport; finished: boolean }
/** A JSON file's services, sent in batches; or HSDS's tables, sent together (the API joins them). */
type Chosen = { name: string; services: unknown[]; tables?: undefined } | { name: string; tables: { name: string; csv: string }[]; services?: undefined };

/**
 * Brings an organisation's services in from an HSDS 3.x file: a dry run first, which writes nothing and
 * shows each row's fate, then the import in batches with a running tally. A re-import is harmless:
 * services already there come back unchanged (or updated).
 */
export function HsdsImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [importHsds] = useMutation(IMPORT_HSDS);
  const [importHsdsCsv] = useMutation(IMPORT_HSDS_CSV);
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const busy = !!run && !run.finished;

  const choose = async (chosen: File[]) => {
    setFile(null);
    setRun(null);
    setChecked(false);
    setProblem(null);
    setFileProblem(null);
    try {
      if (isTableSet(chosen.map((f) => f.name))) {
        const tables = await Promise.all(chosen.map(async (f) => ({ name: f.name, csv: (await f.text()).replace(/^\uFEFF/, '') })));
        setFile({ name: chosen[0].name, tables });
      } else {
        setFile({ name: chosen[0].name, services: servicesOfHsdsFile(await chosen[0].text()) });
      }
    } catch (e) {
      setFileProblem(t(`hsds.fileProblem.${e instanceof HsdsFileError ? e.problem : 'NOT_JSON'}`));
    }
  };

  const startTables = async (dryRun: boolean, tables: { name: string; csv: string }[]) => {
    setProblem(null);
    setRun({ dryRun, done: 0, total: 1, report: EMPTY_REPORT, finished: false });
    try {
      const { data } = await importHsdsCsv({ variables: { files: tables, dryRun } });
      const report = data ? addBatch(EMPTY_REPORT, data.importHsdsCsv, 0) : EMPTY_REPORT;
      setRun({ dryRun, done: 1, total: 1, report, finished: true });
    } catch (e) {
      setProblem(errorText(t, e));
      setRun({ dryRun, done: 0, total: 1, report: EMPTY_REPORT, finished: true });
      return;
    }
    if (dryRun) setChecked(true);
    else onImported();
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    if (file.tables) {
      await startTables(dryRun, file.tables);
      return;
    }
    const { services } = file;
    setProblem(null);
    const batches = batchesOf(services, BATCH);
    let tally = EMPTY_REPORT;
    let offset = 0;
    setRun({ dryRun, done: 0, total: services.length, report: tally, finished: false });
    for (const batch of batches) {
      try {
        const { data } = await importHsds({ variables: { json: JSON.stringify(batch), dryRun } });
        if (data) tally = addBatch(tally, data.importHsds, offset);
      } catch (e) {
        // What was written stays written (each row is on its own): say where the run stopped.
        setProblem(t('hsds.stopped', { done: offset, total: services.length, reason: errorText(t, e) }));
        setRun({ dryRun, done: offset, total: services.length, report: tally, finished: true });
        return;
      }
      offset += batch.length;
      setRun({ dryRun, done: offset, total: services.length, report: tally, finished: offset === services.length });
    }
    if (dryRun) setChecked(true);
    else onImported();
  };

  const report = run?.report;
  const rows = report?.rows.filter((r) => r.outcome === 'FAILED' || r.warnings.length > 0 || run?.dryRun) ?? [];
  const problemList = (problems: ImportProblem[], testId: string) => (
    <Space orientation="vertical" size={0}>
      {problems.map((p) => (
        <Typography.Text key={`${p.path}-${p.code}`} data-testid={testId}>
          <Typography.Text code>{p.path}</Typography.Text> {t(`hsds.problemCodes.${p.code}`, { defaultValue: p.message })}
        </Typography.Text>
      ))}
    </Space>
  );
  return (
    <Card title={t('hsds.title')} data-testid="hsds-import">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('hsds.explain')}</Typography.Text>
        <Space wrap>
          <Upload accept=".json,application/json,.csv,text/csv" multiple showUploadList={false} disabled={busy}
            beforeUpload={(f, list) => { if (f.uid === list[0].uid) void choose(list); return false; }}>
            <Button icon={<UploadOutlined />} disabled={busy} data-testid="hsds-choose">{t('hsds.choose')}</Button>
          </Upload>
          {file && (
            <Typography.Text data-testid="hsds-file">
              {file.tables ? t('hsds.chosenTables', { name: file.name, count: file.tables.length }) : t('hsds.chosen', { name: file.name, count: file.services.length })}
            </Typography.Text>
          )}
        </Space>
        {fileProblem && <Alert type="error" showIcon role="alert" title={fileProblem} data-testid="hsds-file-problem" />}
        {file && (
          <Space wrap>
            <Button onClick={() => void start(true)} loading={busy && run?.dryRun} disabled={busy} data-testid="hsds-dry-run">{t('hsds.dryRun')}</Button>
            <Button type="primary" onClick={() => void start(false)} loading={busy && !run?.dryRun} disabled={busy || !checked} data-testid="hsds-run">
              {t('hsds.run')}
            </Button>
            {!checked && <Typography.Text type="secondary">{t('hsds.dryRunFirst')}</Typography.Text>}
          </Space>
        )}
        {problem && <Alert type="error" showIcon role="alert" title={problem} />}
        {run && report && (
          <>
            <Typography.Text strong data-testid="hsds-phase">
              {run.finished ? t(run.dryRun ? 'hsds.dryRunDone' : 'hsds.done') : t(run.dryRun ? 'hsds.checking' : 'hsds.importing', { done: run.done, total: run.total })}
            </Typography.Text>
            <Progress percent={Math.round((run.done / Math.max(1, run.total)) * 100)} status={!run.finished ? 'active' : run.dryRun ? 'normal' : report.failed > 0 ? 'exception' : 'success'} data-testid="hsds-progress" />
            <Space size="large" wrap data-testid="hsds-tally">
              {(['created', 'updated', 'unchanged', 'failed'] as const).map((k) => (
                <div key={k} data-testid={`hsds-${k}`}><Statistic title={t(`hsds.${run.dryRun ? 'would' : 'did'}.${k}`)} value={report[k]} /></div>
              ))}
            </Space>
            {report.ignoredTables.length > 0 && (
              <Alert type="info" showIcon title={t('hsds.ignored', { tables: report.ignoredTables.join(', ') })} data-testid="hsds-ignored" />
            )}
            {rows.length > 0 && (
              <Table<ImportRow>
                rowKey="index"
                size="small"
                dataSource={rows}
                pagination={rows.length > 20 ? { pageSize: 20 } : false}
                data-testid="hsds-rows"
                columns={[
                  { title: t('hsds.row'), key: 'index', width: 70, render: (_, r) => r.index + 1 },
                  { title: t('hsds.hsdsId'), key: 'hsdsId', render: (_, r) => <Typography.Text code>{r.hsdsId ?? '—'}</Typography.Text> },
                  { title: t('hsds.outcome'), key: 'outcome', render: (_, r) => <Tag color={OUTCOME_COLOUR[r.outcome]} data-testid="hsds-outcome">{t(`hsds.outcomes.${r.outcome}`)}</Tag> },
                  { title: t('hsds.problems'), key: 'errors', render: (_, r) => problemList(r.errors, 'hsds-problem') },
                  { title: t('hsds.warnings'), key: 'warnings', render: (_, r) => problemList(r.warnings, 'hsds-warning') },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

/** The organisation's services as HSDS JSON, or as its CSV tables (one download per table). */
export function HsdsExport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApolloClient();
  const [busy, setBusy] = useState<'json' | 'csv' | null>(null);

  const download = async (kind: 'json' | 'csv') => {
    setBusy(kind);
    try {
      if (kind === 'json') {
        const { data } = await client.query({ query: EXPORT_HSDS, fetchPolicy: 'network-only' });
        if (data) downloadText('hsds-services.json', data.exportHsds, 'application/json');
      } else {
        const { data } = await client.query({ query: EXPORT_HSDS_CSV, fetchPolicy: 'network-only' });
        // A byte-order mark so that Excel reads the Chinese as UTF-8.
        for (const table of data?.exportHsdsCsv ?? []) downloadText(table.name, `\uFEFF${table.csv}`, 'text/csv;charset=utf-8');
      }
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('hsds.exportTitle')} size="small">
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy === 'json'} onClick={() => void download('json')} data-testid="hsds-export-json">{t('hsds.exportJson')}</Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void download('csv')} data-testid="hsds-export-csv">{t('hsds.exportCsv')}</Button>
        <Typography.Text type="secondary">{t('hsds.exportHelp')}</Typography.Text>
      </Space>
    </Card>
  );
}
