import { useQuery } from '@apollo/client/react';
import { Alert, Card, Grid, List, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { InsightRulesQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { ruleName, SeverityTag } from './alert-parts';

const RULES = graphql(`
  query InsightRules {
    insightRules {
      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active
      stats { raised open confirmed dismissed precision }
    }
  }
`);

type Rule = InsightRulesQuery['insightRules'][number];

/** A rule's parameters in words: "aged ≥ 70, 30 days without a record". */
function paramsText(t: (key: string, options?: Record<string, unknown>) => string, json: string): string {
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const parts = Object.entries(params).map(([name, value]) => (name === 'limitDays' && value && typeof value === 'object'
    ? t('insights.params.limitDays', value as Record<string, unknown>)
    : t(`insights.params.${name}`, { value, defaultValue: `${name}: ${JSON.stringify(value)}` })));
  return parts.length > 0 ? parts.join(t('common.listSeparator')) : t('insights.params.none');
}

/** A short column's heading on one line. */
const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

/** The early-warning rules in force, region by region, with how their warnings fared: what a region tunes or retires. */
export function RulesPage() {
  const { t, i18n } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const { data, loading, error } = useQuery(RULES);
  const rules = data?.insightRules ?? [];
  const language = i18n.resolvedLanguage;
  const precision = (rule: Rule) => (rule.stats?.precision == null
    ? <Typography.Text type="secondary">{t('insights.rules.noDecisions')}</Typography.Text>
    : `${Math.round(rule.stats.precision * 100)}%`);
  const name = (rule: Rule) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong data-testid={`rule-${rule.code}-${rule.regionCode}`}>{ruleName(rule, language)}</Typography.Text>
      <Typography.Text type="secondary">{language === 'en' ? rule.descriptionEn : rule.descriptionZh}</Typography.Text>
    </Space>
  );

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Link to="/alerts">{t('insights.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('insights.rules.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('insights.rules.hint')}</Typography.Text>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {phone ? (
        <List
          loading={loading && !data}
          dataSource={rules}
          renderItem={(rule) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Space orientation="vertical" size={4}>
                {name(rule)}
                <Space wrap><SeverityTag severity={rule.severity} /><Tag>{regionName(t, rule.regionCode)} · v{rule.version}</Tag>{!rule.active && <Tag>{t('insights.rules.inactive')}</Tag>}</Space>
                <Typography.Text type="secondary">{paramsText(t, rule.params)}</Typography.Text>
                <Typography.Text>
                  {t('insights.rules.raised')} {rule.stats?.raised ?? 0} · {t('insights.rules.confirmed')} {rule.stats?.confirmed ?? 0} · {t('insights.rules.dismissed')} {rule.stats?.dismissed ?? 0} · {t('insights.rules.precision')} {precision(rule)}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Rule>
          rowKey="id"
          loading={loading && !data}
          dataSource={rules}
          pagination={false}
          columns={[
            { title: t('insights.rules.name'), key: 'name', render: (_, rule) => name(rule) },
            { title: nowrap(t('insights.severity')), key: 'severity', render: (_, rule) => <SeverityTag severity={rule.severity} /> },
            {
              title: nowrap(t('insights.rules.region')), key: 'region',
              render: (_, rule) => <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>{regionName(t, rule.regionCode)}<Typography.Text type="secondary">v{rule.version} · {rule.active ? t('insights.rules.active') : t('insights.rules.inactive')}</Typography.Text></Space>,
            },
            { title: t('insights.rules.params'), key: 'params', render: (_, rule) => paramsText(t, rule.params) },
            { title: nowrap(t('insights.rules.raised')), key: 'raised', render: (_, rule) => <Link to={`/alerts?rule=${rule.code}&view=all`}>{rule.stats?.raised ?? 0}</Link> },
            { title: nowrap(t('insights.rules.open')), key: 'open', render: (_, rule) => rule.stats?.open ?? 0 },
            { title: nowrap(t('insights.rules.confirmed')), key: 'confirmed', render: (_, rule) => rule.stats?.confirmed ?? 0 },
            { title: nowrap(t('insights.rules.dismissed')), key: 'dismissed', render: (_, rule) => rule.stats?.dismissed ?? 0 },
            { title: <Tooltip title={t('insights.rules.precisionHint')}>{nowrap(t('insights.rules.precision'))}</Tooltip>, key: 'precision', render: (_, rule) => precision(rule) },
          ]}
        />
      )}
    </div>
  );
}
