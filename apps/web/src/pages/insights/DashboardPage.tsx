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
import { REGION_CODE_PATTERN } from '../../forms/field-checks';
import { graphql } from '../../gql';
import type { RegionDashboardQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { ServiceStatusTag } from '../directory/ServiceParts';
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
      services { serviceId serviceName organisationName status capacityTracked placesTotal placesAvailable capacityUnit use referralsReceived referralsAccepted }
      volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh nameEn hours volunteers } }
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

/** Hours as shown: to a tenth, or "not shown" where their volunteers are withheld ("under 5" would misstate the hours themselves). */
function Hours({ value }: { value: number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return <Tooltip title={t('insights.dashboard.hoursWithheldWhy')}><Typography.Text type="secondary" data-testid="withheld-hours">{t('insights.dashboard.hoursWithheld')}</Typography.Text></Tooltip>;
  }
  return <>{value}</>;
}

/** A month key (YYYY-MM) in the screen's language: "2026年3月", "Mar 2026"; `short` without the year, for a chart's axis. */
function monthName(key: string, language: string | undefined, short = false): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', month: 'short', ...(short ? {} : { year: 'numeric' }) })
    .format(new Date(`${key}-01T00:00:00Z`));
}

type SkillRow = Dashboard['volunteerHours']['bySkill'][number];

/** Under a chart: which of its bars are withheld (a chart cannot say it by itself). */
function WithheldBars({ bars }: { bars: { label: string; value: number | null }[] }) {
  const { t } = useTranslation();
  const withheld = bars.filter((b) => b.value === null).map((b) => b.label);
  if (withheld.length === 0) return null;
  return <Typography.Text type="secondary" data-testid="withheld-bars">{t('insights.dashboard.withheldBars', { labels: withheld.join(t('common.listSeparator')) })}</Typography.Text>;
}

/** The dashboard's numbers as CSV, a withheld count as an empty cell (the file says why). */
function csvOf(d: Dashboard, t: (key: string, options?: Record<string, unknown>) => string, need: (code: string) => string, rule: (code: string) => string,
  skill: (row: SkillRow) => string): string {
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines: (string | number | null | undefined)[][] = [
    [t('insights.dashboard.csvTitle', { region: `${regionName(t as never, d.regionCode)} (${d.regionCode})` })],
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
    [],
    [t('insights.dashboard.service'), t('insights.dashboard.organisation'), t('insights.dashboard.placesTotal'), t('insights.dashboard.placesAvailable'),
      t('insights.dashboard.placeUnit'), t('insights.dashboard.use'), t('insights.dashboard.received'), t('insights.dashboard.accepted')],
    ...d.services.map((s) => [s.serviceName, s.organisationName, s.capacityTracked ? s.placesTotal : t('insights.dashboard.notTracked'), s.placesAvailable,
      s.capacityUnit, s.use === null || s.use === undefined ? null : Math.round(s.use * 100) / 100, s.referralsReceived, s.referralsAccepted]),
    [],
    [t('insights.dashboard.hoursTitle'), t('insights.dashboard.hours'), t('insights.dashboard.volunteers')],
    [t('insights.dashboard.hoursTotal'), d.volunteerHours.hours, d.volunteerHours.volunteers],
    [t('insights.dashboard.month'), t('insights.dashboard.hours'), t('insights.dashboard.volunteers')],
    ...d.volunteerHours.byMonth.map((c) => [c.key, c.hours, c.volunteers]),
    [t('insights.dashboard.skill'), t('insights.dashboard.hours'), t('insights.dashboard.volunteers')],
    ...d.volunteerHours.bySkill.map((c) => [skill(c), c.hours, c.volunteers]),
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
  const regionCode = REGION_CODE_PATTERN.test(params.get('region') ?? '') ? params.get('region')! : undefined;
  const { data, loading, error } = useQuery(DASHBOARD, { variables: { regionCode } });
  const d = data?.regionDashboard;
  const language = i18n.resolvedLanguage;
  const needName = (code: string) => needs.options.find((o) => o.value === code)?.label ?? code;
  const rules = new Map((data?.insightRules ?? []).map((r) => [r.code, r]));
  const ruleLabel = (code: string) => (rules.get(code) ? ruleName(rules.get(code)!, language) : code);
  const skillLabel = (row: SkillRow) => (row.key === 'NONE' ? t('insights.dashboard.noSkill') : (language === 'en' ? row.nameEn : row.nameZh) ?? row.key);
  const ageBars = useMemo(() => (d?.openCasesByAge ?? []).map((c) => ({ label: t(`insights.dashboard.ages.${c.key}`), value: c.count ?? null })), [d, t]);
  const hourBars = useMemo(() => (d?.volunteerHours.byMonth ?? []).map((c) => ({ label: monthName(c.key, language, true), value: c.hours ?? null })), [d, language]);
  const needBars = useMemo(() => (d?.needs ?? []).map((c) => ({ label: needs.options.find((o) => o.value === c.key)?.label ?? c.key, value: c.count ?? null })), [d, needs.options]);
  const office = acting?.organisation.regionCode;
  const regionOptions = [...new Set([office, d?.regionCode, ...(d?.byRegion.map((r) => r.regionCode) ?? [])].filter((c): c is string => !!c))]
    .map((code) => ({ value: code, label: `${regionName(t, code)} (${code})` }));

  if (error) return <Alert type="error" showIcon role="alert" title={errorText(t, error)} />;
  if (!d) return loading ? <Spin /> : null;
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-title">{t('insights.dashboard.title', { region: regionName(t, d.regionCode) })}</Typography.Title>
        <Space wrap>
          <Select aria-label={t('insights.region')} value={d.regionCode} options={regionOptions} style={{ minWidth: 200 }} data-testid="dashboard-region"
            onChange={(code: string) => setParams(code === office ? {} : { region: code }, { replace: true })} />
          <Button icon={<DownloadOutlined />} data-testid="dashboard-csv"
            onClick={() => downloadText(`dashboard-${d.regionCode}.csv`, csvOf(d, t, needName, ruleLabel, skillLabel), 'text/csv;charset=utf-8')}>
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
      <Card size="small" title={t('insights.dashboard.services')}>
        <Typography.Paragraph type="secondary">{t('insights.dashboard.servicesHint')}</Typography.Paragraph>
        <Table rowKey="serviceId" size="small" pagination={false} scroll={{ x: true }} dataSource={d.services} data-testid="dashboard-services"
          locale={{ emptyText: t('insights.dashboard.noServices') }} columns={[
            { title: t('insights.dashboard.service'), key: 'service', render: (_, s) => (
              <Space size={4} wrap>{s.serviceName}{s.status !== 'ACTIVE' && <ServiceStatusTag status={s.status} />}</Space>) },
            { title: t('insights.dashboard.organisation'), dataIndex: 'organisationName' },
            { title: t('insights.dashboard.places'), key: 'places', render: (_, s) => (s.capacityTracked
              ? `${s.placesAvailable ?? 0} / ${s.placesTotal ?? '—'} ${s.capacityUnit ?? ''}`
              : <Typography.Text type="secondary">{t('insights.dashboard.notTracked')}</Typography.Text>) },
            { title: t('insights.dashboard.use'), key: 'use', render: (_, s) => (s.use == null ? '—' : `${Math.round(s.use * 100)}%`) },
            { title: t('insights.dashboard.received'), key: 'received', render: (_, s) => <Count value={s.referralsReceived} /> },
            { title: t('insights.dashboard.accepted'), key: 'accepted', render: (_, s) => <Count value={s.referralsAccepted} /> },
          ]} />
      </Card>
      <Card size="small" title={t('insights.dashboard.hoursTitle')} data-testid="dashboard-hours">
        <Typography.Paragraph type="secondary">{t('insights.dashboard.hoursHint')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8}><Statistic title={t('insights.dashboard.hoursTotal')} valueRender={() => <Hours value={d.volunteerHours.hours} />} /></Col>
          <Col xs={12} sm={8}><Statistic title={t('insights.dashboard.volunteers')} valueRender={() => <Count value={d.volunteerHours.volunteers} />} /></Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <BarChart bars={hourBars} label={t('insights.dashboard.hoursChart')} testId="dashboard-hours-chart" />
            <WithheldBars bars={hourBars} />
          </Col>
          <Col xs={24} lg={12}>
            <Table rowKey="key" size="small" pagination={false} dataSource={d.volunteerHours.byMonth} data-testid="dashboard-hours-months" columns={[
              { title: t('insights.dashboard.month'), key: 'month', render: (_, c) => monthName(c.key, language) },
              { title: t('insights.dashboard.hours'), key: 'hours', render: (_, c) => <Hours value={c.hours} /> },
              { title: t('insights.dashboard.volunteers'), key: 'volunteers', render: (_, c) => <Count value={c.volunteers} /> },
            ]} />
          </Col>
        </Row>
        {d.volunteerHours.bySkill.length > 0 && (
          <Table rowKey="key" size="small" pagination={false} dataSource={d.volunteerHours.bySkill} data-testid="dashboard-hours-skills" style={{ marginTop: 16 }} columns={[
            { title: t('insights.dashboard.skill'), key: 'skill', render: (_, c) => skillLabel(c) },
            { title: t('insights.dashboard.hours'), key: 'hours', render: (_, c) => <Hours value={c.hours} /> },
            { title: t('insights.dashboard.volunteers'), key: 'volunteers', render: (_, c) => <Count value={c.volunteers} /> },
          ]} />
        )}
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
