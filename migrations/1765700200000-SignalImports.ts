import { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNAL_RULES = [
  {
    code: 'MEDICAL_BURDEN', kind: 'SIGNAL_BURDEN', severity: 'HIGH', params: { signalKind: 'MEDICAL_BILL', months: 12, sharePercent: 30 },
    nameZh: '自付医疗费用占家庭收入比例过高',
    nameEn: 'Medical bills take a large share of the household\'s income',
    descriptionZh: '医保部门推送的近12个月自付医疗费用，合计超过家庭同期登记收入的30%。这个家庭可能因病致贫，请评估医疗救助或临时救助。',
    descriptionEn: 'The medical bills the medical-insurance bureau reported for the last 12 months add up to more than 30% of the household\'s recorded income over the same time. The family may be falling into poverty through illness: consider medical or temporary assistance.',
  },
  {
    code: 'UTILITY_ARREARS_RECENT', kind: 'SIGNAL_PRESENT', severity: 'MEDIUM', params: { signalKind: 'UTILITY_ARREARS', months: 3 },
    nameZh: '近期有水电燃气欠费',
    nameEn: 'Recent utility arrears',
    descriptionZh: '近3个月内，供水、供电或供暖单位报告此人有欠费。欠费常常是生活困难的早期信号，请电话问候并了解情况。',
    descriptionEn: 'In the last 3 months a water, power or heating company reported arrears for this person. Arrears are often an early sign of hardship: call and ask how they are.',
  },
  {
    code: 'DISABILITY_NEWLY_REGISTERED', kind: 'SIGNAL_PRESENT', severity: 'MEDIUM', params: { signalKind: 'DISABILITY_REGISTRATION', months: 6 },
    nameZh: '新登记残疾',
    nameEn: 'A disability newly registered',
    descriptionZh: '近6个月内，残联报告此人新登记了残疾。请核实其生活和照护是否需要帮助，并告知可申请的补贴。',
    descriptionEn: 'In the last 6 months the disabled persons\' federation reported a newly registered disability. Check whether daily life and care need support, and tell them which allowances they may apply for.',
  },
];

/**
 * Signals from other departments (medical-insurance large bills, utility arrears, disability
 * registrations), imported by a civil-affairs office as files keyed by ID number. The file is not kept:
 * each row is matched through the registry's blind index to a person the office's region holds, and only
 * the matched rows are stored, as the person's signals — an unmatched ID number is never written. A file
 * is known by its SHA-256, so importing it again changes nothing; its rows arrive in batches, each known
 * by its first line, so a batch sent twice is counted once.
 */
export class SignalImports1765700200000 implements MigrationInterface {
  name = 'SignalImports1765700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_imports (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisations (id),
      imported_by uuid NOT NULL REFERENCES users (id),
      kind text NOT NULL CHECK (kind IN ('MEDICAL_BILL', 'UTILITY_ARREARS', 'DISABILITY_REGISTRATION')),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      file_sha256 bytea NOT NULL CHECK (length(file_sha256) = 32),
      region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      rows_expected int NOT NULL CHECK (rows_expected BETWEEN 1 AND 1000000),
      status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE')),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (organisation_id, kind, file_sha256)
    )`);
    await q.query(`CREATE TABLE signal_import_batches (
      import_id uuid NOT NULL REFERENCES signal_imports (id),
      first_line int NOT NULL CHECK (first_line >= 2),
      rows int NOT NULL CHECK (rows >= 0),
      matched int NOT NULL CHECK (matched >= 0),
      repeated int NOT NULL CHECK (repeated >= 0),
      unmatched int NOT NULL CHECK (unmatched >= 0),
      invalid int NOT NULL CHECK (invalid >= 0),
      problems jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(problems) = 'array'),
      PRIMARY KEY (import_id, first_line)
    )`);
    await q.query(`CREATE TABLE person_signals (
      id uuid PRIMARY KEY,
      import_id uuid NOT NULL REFERENCES signal_imports (id),
      person_id uuid NOT NULL REFERENCES people (id),
      kind text NOT NULL CHECK (kind IN ('MEDICAL_BILL', 'UTILITY_ARREARS', 'DISABILITY_REGISTRATION')),
      occurred_on date NOT NULL,
      amount_cents bigint CHECK (amount_cents >= 0),
      -- A digest of the row (its person's blind index, kind, date and amount): the same row in another file is the same signal.
      row_key bytea NOT NULL UNIQUE CHECK (length(row_key) = 32),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX person_signals_person_idx ON person_signals (person_id, kind, occurred_on)`);
    await q.query(`CREATE INDEX person_signals_kind_idx ON person_signals (kind, occurred_on)`);
    // The rules that read them (libs/insights: SIGNAL_BURDEN and SIGNAL_PRESENT evaluators), for all of Beijing.
    for (const rule of SIGNAL_RULES) {
      await q.query(
        `INSERT INTO insight_rules (id, code, version, region_code, kind, severity, params, name_zh, name_en, description_zh, description_en)
         VALUES (gen_random_uuid(), $1, 1, '110000', $2, $3, $4, $5, $6, $7, $8)`,
        [rule.code, rule.kind, rule.severity, JSON.stringify(rule.params), rule.nameZh, rule.nameEn, rule.descriptionZh, rule.descriptionEn]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM insight_rules WHERE code = ANY($1)`, [SIGNAL_RULES.map((r) => r.code)]);
    await q.query(`DROP TABLE person_signals`);
    await q.query(`DROP TABLE signal_import_batches`);
    await q.query(`DROP TABLE signal_imports`);
  }
}
