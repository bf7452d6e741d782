import { useQuery } from '@apollo/client/react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { BarChart } from '../../components/BarChart';
import { useNeeds } from '../../components/Needs';
import { dateTime } from '../../dates';
import { downloadText } from '../../download';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { RegionDashboardQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { ruleName } from './alert-parts';

const DASHBOARD = graphql(`
  query RegionDashboard($regionCode: String) {
    regionDashboard(regionCode: $regionCode) {
      regionCode minimumCell people households openCases generatedAt
      byRegion { regionCode people openCases }
      openCasesByAge { key count }
      needs { key count }
      referralsByReceiver { organisationId organisationName received accepted declined expired acceptanceRate medianResponseHours }
      alertsByRule { ruleCode raised confirmed dismissed }
    }
    insightRules { id code nameZh nameEn }
  }
`);

type Dashboard = RegionDashboardQuery['regionDashboard'];

/** A count as shown: the number, or "fewer than 5" where it is withheld. */
function Count({ value }: { value: number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return <Tooltip title={t('insights.dashboard.withheldWhy')}><Typography.Text type="secondary" data-testid="withheld-count">{t('insights.dashboard.withheld')}</Typography.Text></Tooltip>;
  }
  return <>{value}</>;
}

/** Under a chart: which of its bars are withheld (a chart cannot say it by itself). */
function WithheldBars({ bars }: { bars: { label: string; value: number | null }[] }) {
  const { t } = useTranslation();
  const withheld = bars.filter((b) => b.value === null).map((b) => b.label);
  if (withheld.length === 0) return null;
  return <Typography.Text type="secondary" data-testid="withheld-bars">{t('insights.dashboard.withheldBars', { labels: withheld.join(t('common.listSeparator')) })}</Typography.Text>;
}

/** The dashboard's numbers as CSV, a withheld count as an empty cell (the file says why). */
function csvOf(d: Dashboard, t: (key: string, options?: Record<string, unknown>) => string, need: (code: string) => string, rule: (code: string) => string): string {
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines: (string | number | null | undefined)[][] = [
    [t('insights.dashboard.csvTitle', { region: d.regionCode })],
    [t('insights.dashboard.csvNote', { min: d.minimumCell })],
    [],
    [t('insights.dashboard.people'), d.people], [t('insights.dashboard.households'), d.households], [t('insights.dashboard.openCases'), d.openCases],
    [],
    [t('insights.region'), t('insights.dashboard.people'), t('insights.dashboard.openCases')],
    ...d.byRegion.map((r) => [`${regionName(t as never, r.regionCode)} (${r.regionCode})`, r.people, r.openCases]),
    [],
    [t('insights.dashboard.byAge'), t('insights.dashboard.cases')], ...d.openCasesByAge.map((c) => [t(`insights.dashboard.ages.${c.key}`), c.count]),
    [],
    [t('insights.dashboard.byNeed'), t('insights.dashboard.cases')], ...d.needs.map((c) => [need(c.key), c.count]),
    [],
    [t('insights.dashboard.receiver'), t('insights.dashboard.received'), t('insights.dashboard.accepted'), t('insights.dashboard.declined'), t('insights.dashboard.expired'),
      t('insights.dashboard.acceptanceRate'), t('insights.dashboard.medianHours')],
    ...d.referralsByReceiver.map((r) => [r.organisationName, r.received, r.accepted, r.declined, r.expired,
      r.acceptanceRate === null || r.acceptanceRate === undefined ? null : Math.round(r.acceptanceRate * 100) / 100, r.medianResponseHours]),
    [],
    [t('insights.rule'), t('insights.rules.raised'), t('insights.rules.confirmed'), t('insights.rules.dismissed')],
    ...d.alertsByRule.map((r) => [rule(r.ruleCode), r.raised, r.confirmed, r.dismissed]),
  ];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * The region dashboard of a civil-affairs office: what the alliance does in its region and the regions under
 * it, in numbers no one can be singled out by (counts below 5 withheld, as the API withholds them), charts
 * and tables, and the numbers as CSV.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const needs = useNeeds();
  const [params, setParams] = useSearchParams();
  const regionCode = /^\d{6}$/.test(params.get('region') ?? '') ? params.get('region')! : undefined;
  const { data, loading, error } = useQuery(DASHBOARD, { variables: { regionCode } });
  const d = data?.regionDashboard;
  const language = i18n.resolvedLanguage;
  const needName = (code: string) => needs.options.find((o) => o.value === code)?.label ?? code;
  const rules = new Map((data?.insightRules ?? []).map((r) => [r.code, r]));
  const ruleLabel = (code: string) => (rules.get(code) ? ruleName(rules.get(code)!, language) : code);
  const ageBars = useMemo(() => (d?.openCasesByAge ?? []).map((c) => ({ label: t(`insights.dashboard.ages.${c.key}`), value: c.count ?? null })), [d, t]);
  const needBars = useMemo(() => (d?.needs ?? []).map((c) => ({ label: needs.options.find((o) => o.value === c.key)?.label ?? c.key, value: c.count ?? null })), [d, needs.options]);
  const office = acting?.organisation.regionCode;
  const regionOptions = [...new Set([office, d?.regionCode, ...(d?.byRegion.map((r) => r.regionCode) ?? [])].filter((c): c is string => !!c))]
    .map((code) => ({ value: code, label: `${regionName(t, code)} (${code})` }));

  if (error) return <Alert type="error" showIcon role="alert" title={errorText(t, error)} />;
  if (!d) return loading ? <Spin /> : null;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-title">{t('insights.dashboard.title', { region: regionName(t, d.regionCode) })}</Typography.Title>
        <Space wrap>
          <Select aria-label={t('insights.region')} value={d.regionCode} options={regionOptions} style={{ minWidth: 200 }} data-testid="dashboard-region"
            onChange={(code: string) => setParams(code === office ? {} : { region: code }, { replace: true })} />
          <Button icon={<DownloadOutlined />} data-testid="dashboard-csv"
            onClick={() => downloadText(`dashboard-${d.regionCode}.csv`, csvOf(d, t, needName, ruleLabel), 'text/csv;charset=utf-8')}>
            {t('insights.dashboard.csv')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('insights.dashboard.hint', { min: d.minimumCell, when: dateTime(d.generatedAt, language) })}</Typography.Text>
      <Row gutter={[16, 16]}>
        {([['people', d.people], ['households', d.households], ['openCases', d.openCases]] as const).map(([key, value]) => (
          <Col xs={24} sm={8} key={key}>
            <Card size="small" data-testid={`dashboard-${key}`}><Statistic title={t(`insights.dashboard.${key}`)} valueRender={() => <Count value={value} />} /></Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('insights.dashboard.byAge')}>
            <BarChart bars={ageBars} label={t('insights.dashboard.byAge')} testId="dashboard-age-chart" />
            <WithheldBars bars={ageBars} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('insights.dashboard.byNeed')}>
            <BarChart bars={needBars} label={t('insights.dashboard.byNeed')} horizontal height={Math.max(200, needBars.length * 28)} testId="dashboard-need-chart" />
            <WithheldBars bars={needBars} />
          </Card>
        </Col>
      </Row>
      {d.byRegion.length > 1 && (
        <Card size="small" title={t('insights.dashboard.byRegion')}>
          <Table rowKey="regionCode" size="small" pagination={false} dataSource={d.byRegion} data-testid="dashboard-regions" columns={[
            { title: t('insights.region'), key: 'region', render: (_, r) => regionName(t, r.regionCode) },
            { title: t('insights.dashboard.people'), key: 'people', render: (_, r) => <Count value={r.people} /> },
            { title: t('insights.dashboard.openCases'), key: 'open', render: (_, r) => <Count value={r.openCases} /> },
          ]} />
        </Card>
      )}
      <Card size="small" title={t('insights.dashboard.referrals')}>
        <Table rowKey="organisationId" size="small" pagination={false} scroll={{ x: true }} dataSource={d.referralsByReceiver} data-testid="dashboard-referrals"
          locale={{ emptyText: t('insights.dashboard.noReferrals') }} columns={[
            { title: t('insights.dashboard.receiver'), dataIndex: 'organisationName' },
            { title: t('insights.dashboard.received'), key: 'received', render: (_, r) => <Count value={r.received} /> },
            { title: t('insights.dashboard.accepted'), key: 'accepted', render: (_, r) => <Count value={r.accepted} /> },
            { title: t('insights.dashboard.declined'), key: 'declined', render: (_, r) => <Count value={r.declined} /> },
            { title: t('insights.dashboard.expired'), key: 'expired', render: (_, r) => <Count value={r.expired} /> },
            { title: t('insights.dashboard.acceptanceRate'), key: 'rate', render: (_, r) => (r.acceptanceRate == null ? '—' : `${Math.round(r.acceptanceRate * 100)}%`) },
            { title: t('insights.dashboard.medianHours'), key: 'median', render: (_, r) => (r.medianResponseHours == null ? '—' : r.medianResponseHours) },
          ]} />
      </Card>
      <Card size="small" title={t('insights.dashboard.alerts')}>
        <Table rowKey="ruleCode" size="small" pagination={false} dataSource={d.alertsByRule} data-testid="dashboard-alerts" columns={[
          { title: t('insights.rule'), key: 'rule', render: (_, r) => ruleLabel(r.ruleCode) },
          { title: t('insights.rules.raised'), key: 'raised', render: (_, r) => <Count value={r.raised} /> },
          { title: t('insights.rules.confirmed'), key: 'confirmed', render: (_, r) => <Count value={r.confirmed} /> },
          { title: t('insights.rules.dismissed'), key: 'dismissed', render: (_, r) => <Count value={r.dismissed} /> },
        ]} />
      </Card>
    </div>
  );
}
