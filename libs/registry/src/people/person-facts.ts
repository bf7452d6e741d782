import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { regionLikePattern, subregionDigits } from '@zhulian/core';
import { DataSource } from 'typeorm';

/** A household (or a person in none) whose recorded monthly income per member is below a bound. */
export interface LowIncomeFact {
  subjectType: 'Household' | 'Person';
  subjectId: string;
  householdId: string | null;
  /** The head of the household (or the member registered first), or the person themself. */
  personId: string;
  holdingOrganisationId: string;
  regionCode: string;
  members: number;
  /** The household's monthly income as recorded, or the sum of its members' recorded incomes. */
  incomeCents: number;
}

/** Someone old enough, living alone (in no household or the only member of theirs), with a disability or a chronic illness recorded. */
export interface LivingAloneFact {
  personId: string;
  householdId: string | null;
  holdingOrganisationId: string;
  regionCode: string;
  birthDate: string;
}

/** A child whose household has one adult, and that adult. */
export interface ChildFact {
  childId: string;
  householdId: string;
  holdingOrganisationId: string;
  regionCode: string;
  birthDate: string;
  adultId: string;
}

/**
 * The people an incremental evaluation looks at: these people, and these households whole (every member of
 * each is among the people). A query given a scope answers for the subjects in it exactly as it would answer
 * for them unscoped: it filters subjects, never the rows a subject's facts are computed from.
 */
export interface FactScope {
  personIds: readonly string[];
  householdIds: readonly string[];
}

/** Assistance that is the minimum-living support itself: a household receiving either is not "missing out". */
const SUBSISTENCE = `ARRAY['DIBAO', 'TEKUN']`;
const RECORDED = (column: string) => `NULLIF(btrim(${column}), '') IS NOT NULL`;

/**
 * What the registry tells the assistance brain about the people it holds, for all organisations at once:
 * the few facts a rule needs, found in SQL, so that an evaluation reads only the records that may match.
 * Nothing here is shown to anyone: an alert built from these facts is read under the alert's rules and
 * the person's own.
 */
@Injectable()
export class PersonFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Households whose income per member is below `belowCents` a month and where nobody receives
   * 低保 or 特困 support; and people in no household on the same terms. A household's income is the one
   * recorded for it, else the sum of its members' recorded incomes; with neither, it is unknown and not below.
   */
  async lowIncome(belowCents: number, scope?: FactScope): Promise<LowIncomeFact[]> {
    const rows: { subject_type: 'Household' | 'Person'; subject_id: string; household_id: string | null; person_id: string; holding_organisation_id: string;
      region_code: string; members: number; income_cents: string }[] = await this.db.query(
      `WITH members AS (
         SELECT p.household_id, count(*)::int AS n, sum(p.monthly_income_cents) AS personal,
                bool_or(p.assistance && ${SUBSISTENCE}) AS receives,
                (array_agg(p.id ORDER BY (p.relation_to_head = 'HEAD') DESC NULLS LAST, p.created_at, p.id))[1] AS head
           FROM people p WHERE p.merged_into IS NULL AND p.household_id IS NOT NULL ${scope ? 'AND p.household_id = ANY($2::uuid[])' : ''}
          GROUP BY p.household_id),
       households_below AS (
         SELECT 'Household' AS subject_type, h.id AS subject_id, h.id AS household_id, m.head AS person_id, h.holding_organisation_id, h.region_code,
                m.n AS members, COALESCE(h.monthly_income_cents, m.personal) AS income_cents
           FROM households h JOIN members m ON m.household_id = h.id
          WHERE NOT m.receives AND COALESCE(h.monthly_income_cents, m.personal) < $1::bigint * m.n)
       SELECT * FROM households_below
       UNION ALL
       SELECT 'Person', p.id, NULL, p.id, p.holding_organisation_id, p.region_code, 1, p.monthly_income_cents
         FROM people p
        WHERE p.merged_into IS NULL AND p.household_id IS NULL AND p.monthly_income_cents < $1::bigint AND NOT (p.assistance && ${SUBSISTENCE})
              ${scope ? 'AND p.id = ANY($3::uuid[])' : ''}`,
      scope ? [belowCents, scope.householdIds, scope.personIds] : [belowCents]);
    return rows.map((r) => ({
      subjectType: r.subject_type, subjectId: r.subject_id, householdId: r.household_id, personId: r.person_id, holdingOrganisationId: r.holding_organisation_id,
      regionCode: r.region_code, members: r.members, incomeCents: Number(r.income_cents),
    }));
  }

  /**
   * Children (born after `childBornAfter`) in a household whose one and only adult (born on or before
   * `adultBornOnOrBefore`) is given: the household's carer, as far as the registry knows.
   */
  async childrenWithOneAdult(childBornAfter: string, adultBornOnOrBefore: string, scope?: FactScope): Promise<ChildFact[]> {
    // Scoped by household: a child's finding rests on the household's adults as much as on the child.
    const inScope = (alias: string) => (scope ? `AND ${alias}.household_id = ANY($3::uuid[])` : '');
    const rows: { child_id: string; household_id: string; holding_organisation_id: string; region_code: string; birth_date: string; adult_id: string }[] =
      await this.db.query(
        `WITH adults AS (
           SELECT household_id, (array_agg(id))[1] AS adult_id, count(*) AS n
             FROM people a WHERE merged_into IS NULL AND household_id IS NOT NULL AND birth_date <= $2::date ${inScope('a')} GROUP BY household_id)
         SELECT c.id AS child_id, c.household_id, c.holding_organisation_id, c.region_code, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, a.adult_id
           FROM people c JOIN adults a ON a.household_id = c.household_id AND a.n = 1
          WHERE c.merged_into IS NULL AND c.birth_date > $1::date ${inScope('c')}`,
        scope ? [childBornAfter, adultBornOnOrBefore, scope.householdIds] : [childBornAfter, adultBornOnOrBefore]);
    return rows.map((r) => ({ childId: r.child_id, householdId: r.household_id, holdingOrganisationId: r.holding_organisation_id, regionCode: r.region_code,
      birthDate: r.birth_date, adultId: r.adult_id }));
  }

  /** Live records per region one level under `region` (libs/core subregionDigits: Beijing by district, a district by street): people, and the households they live in. */
  async regionCounts(region: string): Promise<{ regionCode: string; people: number; households: number }[]> {
    const rows: { region_code: string; people: number; households: number }[] = await this.db.query(
      `SELECT left(region_code, $2) AS region_code, count(*)::int AS people, count(DISTINCT household_id)::int AS households
         FROM people WHERE merged_into IS NULL AND region_code LIKE $1 GROUP BY 1 ORDER BY 1`, [regionLikePattern(region), subregionDigits(region)]);
    return rows.map((r) => ({ regionCode: r.region_code, people: r.people, households: r.households }));
  }

  /** People born on or before `bornOnOrBefore` (YYYY-MM-DD) who live alone and have a disability or a chronic illness recorded. */
  async livingAloneWithCondition(bornOnOrBefore: string, scope?: FactScope): Promise<LivingAloneFact[]> {
    const rows: { person_id: string; household_id: string | null; holding_organisation_id: string; region_code: string; birth_date: string }[] = await this.db.query(
      `SELECT p.id AS person_id, p.household_id, p.holding_organisation_id, p.region_code, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM people p
        WHERE p.merged_into IS NULL AND p.birth_date <= $1::date AND (${RECORDED('p.disability')} OR ${RECORDED('p.chronic_illness')})
          AND (p.household_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM people o WHERE o.household_id = p.household_id AND o.id <> p.id AND o.merged_into IS NULL))
          ${scope ? 'AND p.id = ANY($2::uuid[])' : ''}`,
      scope ? [bornOnOrBefore, scope.personIds] : [bornOnOrBefore]);
    return rows.map((r) => ({ personId: r.person_id, householdId: r.household_id, holdingOrganisationId: r.holding_organisation_id, regionCode: r.region_code, birthDate: r.birth_date }));
  }

  /**
   * The people whose records changed at or after `since`, with the households they are recorded in: read from
   * the people table's own timestamps, `updated_at` (a registration, a change) and `merged_at`. A record merged
   * away counts (what was found about it is to be cleared), and so does the record it was merged into, which
   * took over its cases, referrals and signals even when the merge filled none of its fields. At most `most` people:
   * past a number, the caller evaluates everyone, and reading 100,000 ids to learn that would stall the node.
   */
  async touchedSince(since: Date, most: number): Promise<{ personIds: string[]; householdIds: string[] }> {
    const rows: { id: string; household_id: string | null }[] = await this.db.query(
      `SELECT id, household_id FROM people WHERE updated_at >= $1
       UNION
       SELECT d.id, d.household_id FROM people d WHERE d.merged_at >= $1
       UNION
       SELECT s.id, s.household_id FROM people d JOIN people s ON s.id = d.merged_into WHERE d.merged_at >= $1
       LIMIT $2`, [since, most]);
    return {
      personIds: rows.map((r) => r.id),
      householdIds: [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))],
    };
  }
}
