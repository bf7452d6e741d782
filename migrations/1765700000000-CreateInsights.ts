import { MigrationInterface, QueryRunner } from 'typeorm';

/** The alliance's starting rules, for all of Beijing (110000); a region overrides one with its own version. */
const RULES: { code: string; kind: string; severity: string; params: object; nameZh: string; nameEn: string; descriptionZh: string; descriptionEn: string }[] = [
  {
    code: 'LOW_INCOME_NO_DIBAO', kind: 'INCOME_BELOW_LINE', severity: 'HIGH', params: {},
    nameZh: '家庭人均收入低于低保标准，未享受低保',
    nameEn: 'Household income below the minimum-living line, no 低保 recorded',
    descriptionZh: '家庭月收入按人口平均后低于所在区当年的最低生活保障标准，且家庭成员都没有登记享受低保或特困供养。这个家庭可能符合条件但还没有申请，请联系核实。',
    descriptionEn: 'The household\'s monthly income per member is below its district\'s minimum-living line for the year, and no member is recorded as receiving 低保 or 特困 support. The family may be eligible without having applied: get in touch and check.',
  },
  {
    code: 'ELDERLY_ALONE_NO_CONTACT', kind: 'ELDERLY_ALONE_INACTIVE', severity: 'HIGH', params: { minAge: 70, inactiveDays: 30 },
    nameZh: '高龄独居老人患病或残疾，长期无人跟进',
    nameEn: 'Older person living alone with an illness or disability, nobody in touch',
    descriptionZh: '年满70岁、独自居住、登记有慢性病或残疾，且30天内没有任何个案活动。请安排探访或电话问候。',
    descriptionEn: 'Aged 70 or more, living alone, with a chronic illness or disability recorded, and no case activity for 30 days. Arrange a visit or a call.',
  },
  {
    code: 'CASE_STALLED', kind: 'CASE_INACTIVE', severity: 'MEDIUM', params: { limitDays: { URGENT: 2, HIGH: 7, NORMAL: 14, LOW: 30 } },
    nameZh: '个案超过时限没有进展',
    nameEn: 'A case with no progress past its time limit',
    descriptionZh: '未结案的个案在其优先级允许的天数内没有任何记录（紧急2天、高7天、普通14天、低30天）。请确认个案仍在跟进。',
    descriptionEn: 'An open case has had nothing recorded for longer than its priority allows (urgent 2 days, high 7, normal 14, low 30). Check that someone is still working it.',
  },
];

/**
 * The assistance brain's tables. Rules are data: each has a code, a version and the region it applies to
 * (a district's own version of a code overrides the city's), a kind (which evaluator reads it), its
 * parameters and severity, and words a social worker understands. An alert is one finding of one rule
 * about one subject; it stays one row while the condition holds (re-evaluation refreshes it, a dismissal
 * sticks), and is cleared when the condition stops. Alerts carry the facts behind them (evidence), which
 * are read under the same rules as the person they concern. Minimum-living lines are kept per region and year.
 */
export class CreateInsights1765700000000 implements MigrationInterface {
  name = 'CreateInsights1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE subsistence_lines (
      region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      monthly_cents bigint NOT NULL CHECK (monthly_cents > 0),
      source text CHECK (length(source) <= 300),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (region_code, year)
    )`);
    await q.query(`CREATE TABLE insight_rules (
      id uuid PRIMARY KEY,
      code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{2,59}$'),
      version int NOT NULL CHECK (version > 0),
      region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      kind text NOT NULL CHECK (kind ~ '^[A-Z][A-Z_]{2,59}$'),
      severity text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
      params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
      name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      description_zh text NOT NULL CHECK (length(description_zh) BETWEEN 1 AND 1000),
      description_en text NOT NULL CHECK (length(description_en) BETWEEN 1 AND 2000),
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (code, region_code, version)
    )`);
    for (const rule of RULES) {
      await q.query(
        `INSERT INTO insight_rules (id, code, version, region_code, kind, severity, params, name_zh, name_en, description_zh, description_en)
         VALUES (gen_random_uuid(), $1, 1, '110000', $2, $3, $4, $5, $6, $7, $8)`,
        [rule.code, rule.kind, rule.severity, JSON.stringify(rule.params), rule.nameZh, rule.nameEn, rule.descriptionZh, rule.descriptionEn]);
    }
    await q.query(`CREATE TABLE insight_alerts (
      id uuid PRIMARY KEY,
      rule_id uuid NOT NULL REFERENCES insight_rules (id),
      rule_code text NOT NULL,
      subject_type text NOT NULL CHECK (subject_type IN ('Person', 'Household', 'Case')),
      subject_id uuid NOT NULL,
      person_id uuid REFERENCES people (id),
      household_id uuid REFERENCES households (id),
      case_id uuid REFERENCES cases (id),
      holding_organisation_id uuid NOT NULL REFERENCES organisations (id),
      region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      severity text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
      score int NOT NULL CHECK (score BETWEEN 0 AND 100),
      evidence jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(evidence) = 'object'),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'DISMISSED')),
      reason_code text CHECK (reason_code IN ('NOT_IN_NEED', 'ALREADY_HELPED', 'DATA_WRONG', 'DUPLICATE', 'OTHER')),
      reason_text text CHECK (length(reason_text) <= 500),
      decided_by uuid REFERENCES users (id),
      decided_at timestamptz,
      raised_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      cleared_at timestamptz,
      version int NOT NULL DEFAULT 1,
      CHECK ((status = 'DISMISSED') = (reason_code IS NOT NULL)),
      CHECK ((status = 'OPEN') = (decided_at IS NULL))
    )`);
    // One live alert per rule and subject: re-evaluation finds it again instead of raising another.
    await q.query(`CREATE UNIQUE INDEX insight_alerts_live_key ON insight_alerts (rule_code, subject_type, subject_id) WHERE cleared_at IS NULL`);
    await q.query(`CREATE INDEX insight_alerts_holder_idx ON insight_alerts (holding_organisation_id, id)`);
    await q.query(`CREATE INDEX insight_alerts_person_idx ON insight_alerts (person_id)`);
    await q.query(`CREATE INDEX insight_alerts_rule_idx ON insight_alerts (rule_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insight_alerts`);
    await q.query(`DROP TABLE insight_rules`);
    await q.query(`DROP TABLE subsistence_lines`);
  }
}
