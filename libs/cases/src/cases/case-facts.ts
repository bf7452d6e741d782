import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { regionLikePattern, subregionDigits } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { CasePriority } from './case.type';

/** An open case and when anything was last recorded on it. */
export interface InactiveCaseFact {
  caseId: string;
  personId: string;
  holdingOrganisationId: string;
  regionCode: string;
  priority: CasePriority;
  lastActivityAt: Date;
}

/** When anything was last recorded on a case: its timeline's latest entry, note or attachment, or its opening. */
const LAST_ACTIVITY = `GREATEST(k.created_at, (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = k.id),
  (SELECT max(n.written_at) FROM case_notes n WHERE n.case_id = k.id), (SELECT max(f.uploaded_at) FROM case_attachments f WHERE f.case_id = k.id))`;

/**
 * What the cases lib tells the assistance brain, for all organisations at once: when people's cases last
 * moved, and which open cases have stood still. Found in SQL; shown to nobody as such.
 */
@Injectable()
export class CaseFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For each of these people with a case, when anything was last recorded on any of their cases. */
  async lastActivity(personIds: readonly string[]): Promise<Map<string, Date>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string; at: Date }[] = await this.db.query(
      `SELECT k.person_id, max(${LAST_ACTIVITY}) AS at FROM cases k WHERE k.person_id = ANY($1::uuid[]) GROUP BY k.person_id`, [[...personIds]]);
    return new Map(rows.map((r) => [r.person_id, r.at]));
  }

  /** Of these people, those with an open case for one of these needs: each such need, with the organisation holding the case. */
  async openWithNeeds(personIds: readonly string[], needs: readonly string[]): Promise<Map<string, { need: string; holdingOrganisationId: string }[]>> {
    const found = new Map<string, { need: string; holdingOrganisationId: string }[]>();
    if (personIds.length === 0) return found;
    const rows: { person_id: string; need: string; holding_organisation_id: string }[] = await this.db.query(
      `SELECT DISTINCT k.person_id, need, k.holding_organisation_id FROM cases k CROSS JOIN LATERAL unnest(k.needs) AS need
        WHERE k.person_id = ANY($1::uuid[]) AND k.status <> 'CLOSED' AND need = ANY($2::text[]) ORDER BY k.person_id, need, k.holding_organisation_id`,
      [[...personIds], [...needs]]);
    for (const row of rows) found.set(row.person_id, [...(found.get(row.person_id) ?? []), { need: row.need, holdingOrganisationId: row.holding_organisation_id }]);
    return found;
  }

  /** Which of these people a case was closed for because they died. */
  async deceased(personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows: { person_id: string }[] = await this.db.query(
      `SELECT DISTINCT person_id FROM cases WHERE person_id = ANY($1::uuid[]) AND outcome = 'DECEASED'`, [[...personIds]]);
    return new Set(rows.map((r) => r.person_id));
  }

  /** Open cases per region one level under `region` (libs/core subregionDigits), by how long they have been open (days) and by need (a case counts once per need). */
  async openCaseStats(region: string, now: Date): Promise<{ byAge: { regionCode: string; bucket: string; cases: number }[]; byNeed: { regionCode: string; need: string; cases: number }[] }> {
    const byAge: { region_code: string; bucket: string; cases: number }[] = await this.db.query(
      `SELECT left(k.region_code, $3) AS region_code, CASE WHEN k.created_at > $2::timestamptz - interval '7 days' THEN 'UNDER_7_DAYS'
                                  WHEN k.created_at > $2::timestamptz - interval '30 days' THEN 'UNDER_30_DAYS'
                                  WHEN k.created_at > $2::timestamptz - interval '90 days' THEN 'UNDER_90_DAYS' ELSE 'OVER_90_DAYS' END AS bucket,
              count(*)::int AS cases
         FROM cases k WHERE k.status <> 'CLOSED' AND k.region_code LIKE $1 GROUP BY 1, 2`, [regionLikePattern(region), now, subregionDigits(region)]);
    const byNeed: { region_code: string; need: string; cases: number }[] = await this.db.query(
      `SELECT left(k.region_code, $2) AS region_code, need, count(*)::int AS cases FROM cases k CROSS JOIN LATERAL unnest(k.needs) AS need
        WHERE k.status <> 'CLOSED' AND k.region_code LIKE $1 GROUP BY 1, 2`, [regionLikePattern(region), subregionDigits(region)]);
    return {
      byAge: byAge.map((r) => ({ regionCode: r.region_code, bucket: r.bucket, cases: r.cases })),
      byNeed: byNeed.map((r) => ({ regionCode: r.region_code, need: r.need, cases: r.cases })),
    };
  }

  /** Cases not closed on which nothing was recorded since `before`; with `scope`, only the cases of those people. */
  async inactiveSince(before: Date, scope?: { personIds: readonly string[] }): Promise<InactiveCaseFact[]> {
    const rows: { id: string; person_id: string; holding_organisation_id: string; region_code: string; priority: CasePriority; last_activity_at: Date }[] =
      await this.db.query(
        `SELECT k.id, k.person_id, k.holding_organisation_id, k.region_code, k.priority, ${LAST_ACTIVITY} AS last_activity_at
           FROM cases k WHERE k.status <> 'CLOSED' AND ${LAST_ACTIVITY} < $1 ${scope ? 'AND k.person_id = ANY($2::uuid[])' : ''}`,
        scope ? [before, scope.personIds] : [before]);
    return rows.map((r) => ({ caseId: r.id, personId: r.person_id, holdingOrganisationId: r.holding_organisation_id, regionCode: r.region_code,
      priority: r.priority, lastActivityAt: r.last_activity_at }));
  }

  /**
   * The people whose cases changed at or after `since`: a case opened or changed (`updated_at`), anything
   * recorded on its timeline (`occurred_at`, stamped by the database when the event is written), a note or a file added.
   */
  async touchedSince(since: Date, most: number): Promise<string[]> {
    const rows: { person_id: string }[] = await this.db.query(
      `SELECT person_id FROM cases WHERE updated_at >= $1
       UNION
       SELECT k.person_id FROM case_events e JOIN cases k ON k.id = e.case_id WHERE e.occurred_at >= $1
       UNION
       SELECT k.person_id FROM case_notes n JOIN cases k ON k.id = n.case_id WHERE n.written_at >= $1
       UNION
       SELECT k.person_id FROM case_attachments f JOIN cases k ON k.id = f.case_id WHERE f.uploaded_at >= $1
       LIMIT $2`, [since, most]);
    return rows.map((r) => r.person_id);
  }
}
