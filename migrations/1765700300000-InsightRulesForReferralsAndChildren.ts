import { MigrationInterface, QueryRunner } from 'typeorm';

const RULES = [
  {
    code: 'REFERRAL_DEAD_END', kind: 'REFERRAL_DEAD_END', severity: 'HIGH', params: { declinedInARow: 3, withinDays: 60 },
    nameZh: '转介屡被拒绝或超时无人答复',
    nameEn: 'Referrals declined again and again, or left unanswered',
    descriptionZh: '此人最近的转介连续被3家机构拒绝，或有转介在60天内超时无人答复且之后没有机构接受。需求可能没有合适的服务承接，请协调员介入，换一种方式帮助。',
    descriptionEn: 'This person\'s latest referrals were declined by 3 organisations in a row, or one expired unanswered in the last 60 days with none accepted since. Their need may fit no service as offered: a coordinator should step in and find another way.',
  },
  {
    code: 'CHILD_CARER_AWAY', kind: 'CHILD_CARER_AWAY', severity: 'CRITICAL', params: { childUnder: 18 },
    nameZh: '儿童的唯一照料人住院或被羁押',
    nameEn: 'A child whose only carer is in hospital or detained',
    descriptionZh: '家庭中有未满18岁的儿童，而家中唯一的成年人有因住院治疗或被羁押、服刑开立的未结个案。孩子可能无人照料，请立即核实并安排临时监护。',
    descriptionEn: 'A household has a child under 18 whose only adult has an open case because they are in hospital or detained. The child may be left without care: check at once and arrange temporary guardianship.',
  },
];

const NEEDS: [string, string, string, number][] = [
  ['HOSPITALISED', '住院治疗', 'In hospital', 110],
  ['DETAINED', '被羁押或服刑', 'Detained or imprisoned', 120],
];

/**
 * Two more early-warning rules (read by the REFERRAL_DEAD_END and CHILD_CARER_AWAY evaluators), and the two
 * need categories the second reads: a case opened because someone is in hospital or detained.
 */
export class InsightRulesForReferralsAndChildren1765700300000 implements MigrationInterface {
  name = 'InsightRulesForReferralsAndChildren1765700300000';

  async up(q: QueryRunner): Promise<void> {
    for (const [code, zh, en, position] of NEEDS) {
      await q.query(`INSERT INTO need_categories (code, name_zh, name_en, position) VALUES ($1, $2, $3, $4)`, [code, zh, en, position]);
    }
    for (const rule of RULES) {
      await q.query(
        `INSERT INTO insight_rules (id, code, version, region_code, kind, severity, params, name_zh, name_en, description_zh, description_en)
         VALUES (gen_random_uuid(), $1, 1, '110000', $2, $3, $4, $5, $6, $7, $8)`,
        [rule.code, rule.kind, rule.severity, JSON.stringify(rule.params), rule.nameZh, rule.nameEn, rule.descriptionZh, rule.descriptionEn]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM insight_alerts WHERE rule_code = ANY($1)`, [RULES.map((r) => r.code)]);
    await q.query(`DELETE FROM insight_rules WHERE code = ANY($1)`, [RULES.map((r) => r.code)]);
    await q.query(`DELETE FROM need_categories WHERE code = ANY($1)`, [NEEDS.map(([code]) => code)]);
  }
}
