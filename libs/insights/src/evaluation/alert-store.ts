import { newId } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { EvaluationScope, Finding } from './finding';

/**
 * The live alerts of the subjects in a scope (see EvaluationScope), as a condition on `insight_alerts` whose
 * people and households are the parameters `$p` and `$h`. An alert about a case is in scope through its person.
 */
const ALERTS_IN_SCOPE = (p: number, h: number) =>
  `((subject_type = 'Person' AND subject_id = ANY($${p}::uuid[])) OR (subject_type = 'Household' AND subject_id = ANY($${h}::uuid[]))
    OR (subject_type = 'Case' AND person_id = ANY($${p}::uuid[])))`;

/** Where findings become alerts: the insights lib's own table. */
export class AlertStore {
  constructor(private readonly db: DataSource) {}

  /**
   * The findings of one rule become its live alerts, in one transaction: new ones raised, known ones
   * refreshed (their score, facts and holder; a decision stays), and live ones no longer found cleared —
   * of all subjects, or with a scope only of the subjects in it: an alert outside the scope was not looked
   * at, so it is left exactly as it was.
   */
  store(code: string, findings: Finding[], now: Date, scope?: EvaluationScope): Promise<{ raised: number; cleared: number }> {
    return this.db.transaction(async (tx) => {
      const raised = await this.upsert(tx, code, findings, now);
      // Every live alert found again was just seen at `now`: those seen before it were not found.
      const cleared: { n: number }[] = await tx.query(
        `WITH cleared AS (UPDATE insight_alerts SET cleared_at = $1 WHERE rule_code = $2 AND cleared_at IS NULL AND last_seen_at < $1
                            ${scope ? `AND ${ALERTS_IN_SCOPE(3, 4)}` : ''} RETURNING 1)
         SELECT count(*)::int AS n FROM cleared`, scope ? [now, code, scope.personIds, scope.householdIds] : [now, code]);
      return { raised, cleared: cleared[0].n };
    });
  }

  /** A rule retired everywhere raises nothing more, and what it raised (about the subjects in scope) stops being live. */
  async clearRetired(liveCodes: readonly string[], now: Date, scope?: EvaluationScope): Promise<number> {
    const cleared: { n: number }[] = await this.db.query(
      `WITH cleared AS (UPDATE insight_alerts SET cleared_at = $1 WHERE cleared_at IS NULL AND rule_code <> ALL($2::text[])
                          ${scope ? `AND ${ALERTS_IN_SCOPE(3, 4)}` : ''} RETURNING 1)
       SELECT count(*)::int AS n FROM cleared`, scope ? [now, [...liveCodes], scope.personIds, scope.householdIds] : [now, [...liveCodes]]);
    return cleared[0].n;
  }

  /** Raises what is new and refreshes what is known; how many were raised. */
  private async upsert(tx: EntityManager, code: string, findings: Finding[], now: Date): Promise<number> {
    if (findings.length === 0) return 0;
    const columns = {
      id: findings.map(() => newId()), ruleId: findings.map((f) => f.rule.id), subjectType: findings.map((f) => f.subjectType),
      subjectId: findings.map((f) => f.subjectId), personId: findings.map((f) => f.personId), householdId: findings.map((f) => f.householdId),
      caseId: findings.map((f) => f.caseId), holder: findings.map((f) => f.holdingOrganisationId), region: findings.map((f) => f.regionCode),
      severity: findings.map((f) => f.rule.severity), score: findings.map((f) => f.score), evidence: findings.map((f) => JSON.stringify(f.evidence)),
    };
    const stored: { inserted: boolean }[] = await tx.query(
      `INSERT INTO insight_alerts (id, rule_id, rule_code, subject_type, subject_id, person_id, household_id, case_id, holding_organisation_id,
                                   region_code, severity, score, evidence, raised_at, last_seen_at)
       SELECT v.id, v.rule_id, $13, v.subject_type, v.subject_id, v.person_id, v.household_id, v.case_id, v.holder, v.region, v.severity, v.score,
              v.evidence::jsonb, $14, $14
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::int[], $12::text[])
              AS v(id, rule_id, subject_type, subject_id, person_id, household_id, case_id, holder, region, severity, score, evidence)
       ON CONFLICT (rule_code, subject_type, subject_id) WHERE cleared_at IS NULL DO UPDATE SET
         rule_id = EXCLUDED.rule_id, person_id = EXCLUDED.person_id, household_id = EXCLUDED.household_id, case_id = EXCLUDED.case_id,
         holding_organisation_id = EXCLUDED.holding_organisation_id, region_code = EXCLUDED.region_code, severity = EXCLUDED.severity,
         score = EXCLUDED.score, evidence = EXCLUDED.evidence, last_seen_at = EXCLUDED.last_seen_at
       RETURNING (xmax = 0) AS inserted`,
      [columns.id, columns.ruleId, columns.subjectType, columns.subjectId, columns.personId, columns.householdId, columns.caseId, columns.holder,
        columns.region, columns.severity, columns.score, columns.evidence, code, now]);
    return stored.filter((s) => s.inserted).length;
  }
}
