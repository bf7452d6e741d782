import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Grid, Input, InputNumber, List, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText, showOnField } from '../../errors';
import { graphql } from '../../gql';
import type { AlertSeverity, InsightRulesQuery } from '../../gql/graphql';
import { regionContains, regionName } from '../../regions';
import { ruleName, SeverityTag } from './alert-parts';

const RULES = graphql(`
  query InsightRules {
    insightRules {
      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active
      stats { raised open confirmed dismissed precision }
    }
  }
`);

const RULE_REGIONS = graphql(`
  query InsightRuleRegions { insightRuleRegions }
`);

const SAVE_RULE = graphql(`
  mutation SaveInsightRuleVersion($input: SaveInsightRuleVersionInput!) {
    saveInsightRuleVersion(input: $input) { id code version regionCode severity params active }
  }
`);

const SEVERITIES: AlertSeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const PRIORITY_ORDER = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

type Rule = InsightRulesQuery['insightRules'][number];

/** Whether a region is, or is under, another (110105 is under 110000, 110105001 under 110105). */
const within = (region: string, above: string) => regionContains(above, region);

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
    : name === 'signalKind' ? t('insights.params.signalKind', { value: t(`insights.signals.kinds.${String(value)}`, { defaultValue: String(value) }) })
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
  const editable = useQuery(RULE_REGIONS).data?.insightRuleRegions ?? [];
  const [tuning, setTuning] = useState<{ rule: Rule; region: string; expectedVersion: number } | null>(null);
  /**
   * What the actor may do with a row: tune the region's own version, or — for a version inherited from a
   * region above — write the first version for their own region (unless it already has one, listed apart).
   */
  const tuneAction = (rule: Rule) => {
    const own = editable.find((region) => region === rule.regionCode);
    const under = editable.find((region) => region !== rule.regionCode && within(region, rule.regionCode)
      && !rules.some((r) => r.code === rule.code && r.regionCode === region));
    const region = own ?? under;
    if (!region) return null;
    return (
      <Button size="small" onClick={() => setTuning({ rule, region, expectedVersion: own ? rule.version : 0 })} data-testid={`rule-tune-${rule.code}-${rule.regionCode}`}>
        {own ? t('insights.rules.edit.tuneOwn') : t('insights.rules.edit.tune', { region: regionName(t, region) })}
      </Button>
    );
  };
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
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
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
                {tuneAction(rule)}
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
            { title: t('insights.rules.name'), key: 'name', render: (_, rule) => name(rule), onCell: () => ({ style: { minWidth: 320 } }) },
            { title: nowrap(t('insights.severity')), key: 'severity', render: (_, rule) => <SeverityTag severity={rule.severity} /> },
            {
              title: nowrap(t('insights.rules.region')), key: 'region',
              render: (_, rule) => (
                <Space orientation="vertical" size={4} style={{ whiteSpace: 'nowrap' }}>
                  {regionName(t, rule.regionCode)}
                  <Typography.Text type="secondary">v{rule.version} · {rule.active ? t('insights.rules.active') : t('insights.rules.inactive')}</Typography.Text>
                  {tuneAction(rule)}
                </Space>
              ),
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
      {tuning && <TuneRule {...tuning} onClose={() => setTuning(null)} />}
    </div>
  );
}

interface TuneFields {
  severity: AlertSeverity;
  active: boolean;
  numbers: Record<string, number | null>;
  limitDays?: Record<string, number | null>;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

/** A new version of a rule for the actor's region: its parameters as numbers with their names, its severity and words, or retired. */
function TuneRule({ rule, region, expectedVersion, onClose }: { rule: Rule; region: string; expectedVersion: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TuneFields>();
  const [save, { loading }] = useMutation(SAVE_RULE, { refetchQueries: ['InsightRules'] });
  const [problem, setProblem] = useState<string | null>(null);
  const active = Form.useWatch('active', form);
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(rule.params) as Record<string, unknown>;
  } catch {
    params = {};
  }
  // What a signal rule reads (the kind of signal) is not a region's to change: only numbers are offered.
  const numbers = Object.entries(params).filter(([, value]) => typeof value === 'number') as [string, number][];
  const limits = params.limitDays && typeof params.limitDays === 'object' ? params.limitDays as Record<string, number> : null;

  const submit = async (fields: TuneFields) => {
    setProblem(null);
    const next: Record<string, unknown> = { ...params, ...fields.numbers, ...(limits ? { limitDays: fields.limitDays } : {}) };
    delete next.signalKind;
    try {
      const { data } = await save({ variables: { input: {
        basedOnId: rule.id, regionCode: region, expectedVersion, severity: fields.severity, active: fields.active, params: JSON.stringify(next),
        nameZh: fields.nameZh, nameEn: fields.nameEn, descriptionZh: fields.descriptionZh, descriptionEn: fields.descriptionEn,
      } } });
      void message.success(t('insights.rules.edit.saved', { version: data?.saveInsightRuleVersion.version }));
      onClose();
    } catch (e) {
      const fieldsOf = { 'input.nameZh': 'nameZh', 'input.nameEn': 'nameEn', 'input.descriptionZh': 'descriptionZh', 'input.descriptionEn': 'descriptionEn' };
      if (!showOnField(t, form, e, fieldsOf)) setProblem(errorText(t, e));
    }
  };

  return (
    <Modal open title={t('insights.rules.edit.title')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('insights.rules.edit.hint', { region: regionName(t, region) })}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="rule-tune-error" />}
      <Form<TuneFields> form={form} layout="vertical" requiredMark={false} disabled={loading} onFinish={submit}
        initialValues={{ severity: rule.severity, active: rule.active, numbers: Object.fromEntries(numbers), limitDays: limits ?? undefined,
          nameZh: rule.nameZh, nameEn: rule.nameEn, descriptionZh: rule.descriptionZh, descriptionEn: rule.descriptionEn }}>
        <Form.Item name="active" label={t('insights.rules.edit.active')} valuePropName="checked" extra={active === false ? t('insights.rules.edit.retireHint') : undefined}>
          <Switch data-testid="rule-tune-active" />
        </Form.Item>
        <Space wrap size="middle">
          <Form.Item name="severity" label={t('insights.rules.edit.severity')}>
            <Select style={{ width: 140 }} options={SEVERITIES.map((s) => ({ value: s, label: t(`insights.severities.${s}`) }))} data-testid="rule-tune-severity" />
          </Form.Item>
          {numbers.map(([name]) => (
            <Form.Item key={name} name={['numbers', name]} label={t(`insights.rules.edit.labels.${name}`, { defaultValue: name })}
              rules={[{ required: true, type: 'integer', message: t('validation.required') }]}>
              <InputNumber min={0} precision={0} data-testid={`rule-tune-${name}`} />
            </Form.Item>
          ))}
        </Space>
        {limits && (
          <Form.Item label={t('insights.rules.edit.labels.limitDays')} style={{ marginBottom: 0 }}>
            <Space wrap>
              {PRIORITY_ORDER.map((p) => (
                <Form.Item key={p} name={['limitDays', p]} label={t(`priority.${p}`)} rules={[{ required: true, type: 'integer', message: t('validation.required') }]}>
                  <InputNumber min={1} precision={0} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('insights.rules.edit.nameZh')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('cases.tooLong', { max: 100 }) }]}><Input /></Form.Item>
        <Form.Item name="descriptionZh" label={t('insights.rules.edit.descriptionZh')} extra={t('insights.rules.edit.descriptionHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 1000, message: t('cases.tooLong', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="rule-tune-description-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('insights.rules.edit.nameEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('cases.tooLong', { max: 200 }) }]}><Input /></Form.Item>
        <Form.Item name="descriptionEn" label={t('insights.rules.edit.descriptionEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000, message: t('cases.tooLong', { max: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('insights.rules.edit.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="rule-tune-save">{t('insights.rules.edit.save')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
