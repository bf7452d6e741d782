import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date } from '../../dates';
import { downloadText } from '../../download';
import { graphql } from '../../gql';
import type { MyCompletedClaimsQuery } from '../../gql/graphql';
import { useActing, useSession } from '../../session/SessionProvider';
import { hours, taskErrorText } from './task-parts';

const MY_HOURS = graphql(`
  query MyHours {
    myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted }
  }
`);

const STATEMENT = graphql(`
  query MyHoursStatement($language: ExportLanguage) {
    myHoursStatement(language: $language) { filename csv confirmedMinutes }
  }
`);

const DONE = graphql(`
  query MyCompletedClaims($first: Int, $after: String) {
    myClaims(first: $first, after: $after) {
      edges { node { id status minutes hoursConfirmedAt checkedInAt task { id title organisationName startsAt endsAt } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type Done = { id: string; minutes: number; confirmedAt: string | null; title: string; organisation: string; startsAt: string };

/** Every completed claim of the volunteer, all pages (a statement lists them all), oldest first. */
function useCompleted() {
  const client = useApolloClient();
  const [state, setState] = useState<{ rows: Done[] | null; error: unknown }>({ rows: null, error: null });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const rows: Done[] = [];
        let after: string | null = null;
        for (let page = 0; page < 50; page += 1) {
          const result = await client.query({ query: DONE, variables: { first: 100, after }, fetchPolicy: 'network-only' });
          const data: MyCompletedClaimsQuery = result.data!;
          for (const { node } of data.myClaims.edges) {
            if (node.status === 'COMPLETED' && node.task && node.minutes !== null && node.minutes !== undefined) {
              rows.push({ id: node.id, minutes: node.minutes, confirmedAt: node.hoursConfirmedAt ?? null, title: node.task.title, organisation: node.task.organisationName, startsAt: node.task.startsAt });
            }
          }
          if (!data.myClaims.pageInfo.hasNextPage) break;
          after = data.myClaims.pageInfo.endCursor ?? null;
        }
        if (live) setState({ rows: rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt)), error: null });
      } catch (error) {
        if (live) setState({ rows: null, error });
      }
    })();
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}

/** The volunteer's hours: totals, each completed task, a CSV statement and a printable one. */
export function HoursPage() {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const { data, error } = useQuery(MY_HOURS);
  const done = useCompleted();
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setProblem(null);
    try {
      const res = await client.query({ query: STATEMENT, variables: { language: i18n.resolvedLanguage === 'en' ? 'EN' : 'ZH_CN' }, fetchPolicy: 'network-only' });
      downloadText(res.data!.myHoursStatement.filename, res.data!.myHoursStatement.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setProblem(taskErrorText(t, e));
    }
  };
  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('tasks.hours.title')}</Typography.Title>
      {(!!error || !!done.error) && <Alert type="error" showIcon message={taskErrorText(t, error ?? done.error)} />}
      {problem && <Alert type="error" showIcon message={problem} />}
      {!data ? <Skeleton active /> : (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={8}><Card size="small"><Statistic title={t('tasks.hours.confirmed')} value={hours(data.myHours.confirmedMinutes)} suffix={t('tasks.hours.unit')} data-testid="hours-confirmed" /></Card></Col>
          <Col xs={12} md={8}><Card size="small"><Statistic title={t('tasks.hours.awaiting')} value={hours(data.myHours.awaitingConfirmationMinutes)} suffix={t('tasks.hours.unit')} data-testid="hours-awaiting" /></Card></Col>
          <Col xs={24} md={8}><Card size="small"><Statistic title={t('tasks.hours.tasks')} value={data.myHours.tasksCompleted} /></Card></Col>
        </Row>
      )}
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="download-statement">{t('tasks.hours.downloadCsv')}</Button>
        <Button icon={<PrinterOutlined />} href="/hours/statement" target="_blank" data-testid="print-statement">{t('tasks.hours.print')}</Button>
      </Space>
      <Typography.Text type="secondary">{t('tasks.hours.explain')}</Typography.Text>
      {!done.rows ? <Skeleton active /> : done.rows.length === 0 ? <Empty description={t('tasks.hours.none')} /> : (
        <List
          bordered
          dataSource={[...done.rows].reverse()}
          renderItem={(r) => (
            <List.Item data-testid="hours-row">
              <List.Item.Meta title={r.title} description={`${date(r.startsAt, i18n.resolvedLanguage)} · ${r.organisation}`} />
              <div style={{ textAlign: 'right' }}>
                <div>{hours(r.minutes)} {t('tasks.hours.unit')}</div>
                <Typography.Text type={r.confirmedAt ? 'success' : 'warning'} style={{ fontSize: 12 }}>
                  {r.confirmedAt ? t('tasks.hours.confirmedOn', { date: date(r.confirmedAt, i18n.resolvedLanguage) }) : t('tasks.hours.notYetConfirmed')}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/**
 * The printable statement a volunteer hands to a school or an employer: confirmed hours only, task by task,
 * with the group that keeps them and the day it was printed. Printing hides the buttons.
 */
export function HoursStatementPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const acting = useActing();
  const done = useCompleted();
  const rows = done.rows?.filter((r) => r.confirmedAt) ?? null;
  const total = rows?.reduce((sum, r) => sum + r.minutes, 0) ?? 0;
  const cell = { border: '1px solid #999', padding: '6px 8px', textAlign: 'left' as const };
  const compact = { ...cell, whiteSpace: 'nowrap' as const };
  return (
    <main style={{ maxWidth: 800, margin: '0 auto', padding: 24, background: '#fff', color: '#000' }} data-testid="hours-statement">
      <style>{'@media print { .no-print { display: none !important; } body { background: #fff; } }'}</style>
      <div className="no-print" style={{ marginBottom: 16, display: 'flex', gap: 8 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('tasks.hours.printNow')}</Button>
        <Button href="/hours">{t('tasks.hours.backToHours')}</Button>
      </div>
      <h1 style={{ textAlign: 'center', fontSize: 24 }}>{t('tasks.statement.title')}</h1>
      <p>{t('tasks.statement.intro', { name: user?.displayName ?? '', group: acting?.organisation.name ?? '' })}</p>
      {done.error ? <Alert type="error" showIcon message={taskErrorText(t, done.error)} /> : !rows ? <Skeleton active /> : (
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
          <thead>
            <tr>
              {(['date', 'organisation', 'task', 'hours', 'confirmedOn'] as const).map((c) => <th key={c} style={c === 'organisation' || c === 'task' ? cell : compact}>{t(`tasks.statement.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="statement-row">
                <td style={compact}>{date(r.startsAt, i18n.resolvedLanguage)}</td>
                <td style={cell}>{r.organisation}</td>
                <td style={cell}>{r.title}</td>
                <td style={compact}>{hours(r.minutes)}</td>
                <td style={compact}>{date(r.confirmedAt, i18n.resolvedLanguage)}</td>
              </tr>
            ))}
            <tr>
              <th style={cell} colSpan={3}>{t('tasks.statement.total')}</th>
              <th style={cell} data-testid="statement-total">{hours(total)}</th>
              <th style={cell} />
            </tr>
          </tbody>
        </table>
      )}
      <p style={{ marginTop: 24 }}>{t('tasks.statement.note')}</p>
      <p style={{ textAlign: 'right' }}>{t('tasks.statement.printedOn', { date: date(new Date().toISOString(), i18n.resolvedLanguage) })}</p>
    </main>
  );
}
