import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, List, Segmented, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Guarded } from '../../components/Guarded';
import { date } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { AlertSeverity, InsightAlertFilter, InsightAlertsQuery, InsightAlertStatus } from '../../gql/graphql';
import { regionName } from '../../regions';
import { AlertStatusTag, ruleName, SeverityTag } from './alert-parts';

const ALERTS = graphql(`
  query InsightAlerts($first: Int, $after: String, $filter: InsightAlertFilter) {
    insightAlerts(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id ruleCode subjectType severity score status regionCode raisedAt clearedAt
          rule { id nameZh nameEn }
          person { id fullName }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    insightAlertsCount(filter: $filter)
    insightRules { id code nameZh nameEn regionCode }
  }
`);

const VIEWS = ['OPEN', 'ACKNOWLEDGED', 'DISMISSED', 'all'] as const;
type View = (typeof VIEWS)[number];
const SEVERITIES: AlertSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

type Row = InsightAlertsQuery['insightAlerts']['edges'][number]['node'];

/**
 * The early-warning queue of a coordinator: what the rules found about people their organisation holds,
 * newest first, filtered by rule, severity and decision; the filters live in the address.
 */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'OPEN';
  const ruleCode = params.get('rule') ?? undefined;
  const severity = (SEVERITIES as string[]).includes(params.get('severity') ?? '') ? (params.get('severity') as AlertSeverity) : undefined;
  const history = params.get('history') === '1';
  const filter: InsightAlertFilter = {
    ...(view === 'all' ? {} : { status: [view as InsightAlertStatus] }), ...(ruleCode ? { ruleCode } : {}), ...(severity ? { severity: [severity] } : {}),
    ...(history ? { live: false } : {}),
  };
  const { data, loading, error, fetchMore } = useQuery(ALERTS, { variables: { first: 25, filter } });
  const rows = data?.insightAlerts.edges.map((e) => e.node) ?? [];
  // One entry per rule code: the region's own versions share the code and its counts.
  const ruleOptions = [...new Map((data?.insightRules ?? []).map((r) => [r.code, { value: r.code, label: ruleName(r, i18n.resolvedLanguage) }])).values()];

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const about = (row: Row) => (
    <Link to={`/alerts/${row.id}`} data-testid="alert-row">
      {row.person ? <Guarded value={row.person.fullName} /> : t('insights.personHidden')}
      <Typography.Text type="secondary"> · {t(`insights.subjects.${row.subjectType ?? 'Person'}`)}</Typography.Text>
    </Link>
  );

  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('insights.title')}</Typography.Title>
        <Space>
          {data && <Typography.Text type="secondary" data-testid="alerts-count">{t('insights.count', { count: data.insightAlertsCount })}</Typography.Text>}
          <Link to="/alerts/rules" data-testid="alerts-rules-link">{t('insights.rulesLink')}</Link>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('insights.hint')}</Typography.Text>
      <Space wrap size="middle">
        <Segmented<View>
          aria-label={t('insights.status')}
          data-testid="alerts-view"
          value={view}
          onChange={(v) => set('view', v === 'OPEN' ? undefined : v)}
          options={VIEWS.map((v) => ({ value: v, label: t(`insights.views.${v}`) }))}
        />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('insights.allRules')} aria-label={t('insights.rule')} data-testid="alerts-rule" value={ruleCode}
          onChange={(v?: string) => set('rule', v)} options={ruleOptions} style={{ minWidth: 220 }} />
        <Select allowClear placeholder={t('insights.allSeverities')} aria-label={t('insights.severity')} data-testid="alerts-severity" value={severity}
          onChange={(v?: string) => set('severity', v)} options={SEVERITIES.map((s) => ({ value: s, label: t(`insights.severities.${s}`) }))} style={{ minWidth: 140 }} />
        <Tooltip title={t('insights.historyHint')}>
          <Space>
            <Switch checked={history} onChange={(on) => set('history', on ? '1' : undefined)} aria-labelledby="alerts-history-label" data-testid="alerts-history" />
            <Typography.Text id="alerts-history-label">{t('insights.history')}</Typography.Text>
          </Space>
        </Tooltip>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {phone ? (
        <List
          loading={loading && !data}
          dataSource={rows}
          locale={{ emptyText: t('insights.empty') }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                <Space wrap><Typography.Text strong>{about(row)}</Typography.Text><SeverityTag severity={row.severity} /><AlertStatusTag status={row.status} /></Space>
                <Typography.Text>{ruleName(row.rule, i18n.resolvedLanguage)}</Typography.Text>
                <Typography.Text type="secondary">{row.regionCode ? regionName(t, row.regionCode) : ''} · {date(row.raisedAt, i18n.resolvedLanguage)}</Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          loading={loading && !data}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('insights.empty') }}
          columns={[
            { title: t('insights.person'), key: 'person', render: (_, row) => about(row) },
            { title: t('insights.rule'), key: 'rule', render: (_, row) => ruleName(row.rule, i18n.resolvedLanguage) },
            { title: t('insights.severity'), key: 'severity', render: (_, row) => <SeverityTag severity={row.severity} /> },
            { title: <Tooltip title={t('insights.scoreHint')}>{t('insights.score')}</Tooltip>, key: 'score', render: (_, row) => <Guarded value={row.score} /> },
            { title: t('insights.region'), key: 'region', render: (_, row) => (row.regionCode ? regionName(t, row.regionCode) : <Guarded value={null} />) },
            { title: t('insights.status'), key: 'status', render: (_, row) => <AlertStatusTag status={row.status} /> },
            { title: history ? t('insights.clearedAt') : t('insights.raisedAt'), key: 'at', render: (_, row) => date(history ? row.clearedAt : row.raisedAt, i18n.resolvedLanguage) },
          ]}
        />
      )}
      {data?.insightAlerts.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { first: 25, filter, after: data.insightAlerts.pageInfo.endCursor } })}>{t('insights.loadMore')}</Button>
      )}
    </div>
  );
}
