import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The household a person lives in (or the person alone), as the assistance brain weighs a burden against it. */
export interface HouseholdIncomeFact {
  personId: string;
  /** The household, or null for a person in none (who is then their own household of one). */
  householdId: string | null;
  /** The head of the household (or the member registered first), or the person themself. */
  headPersonId: string;
  memberIds: string[];
  holdingOrganisationId: string;
  regionCode: string;
  /** The household's monthly income as recorded, else the sum of its members' recorded incomes; null when none is. */
  incomeCents: number | null;
}

/** What the registry tells the assistance brain about the households of given people. Found in SQL; shown to nobody as such. */
@Injectable()
export class HouseholdFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofPeople(personIds: readonly string[]): Promise<HouseholdIncomeFact[]> {
    if (personIds.length === 0) return [];
    const rows: { person_id: string; household_id: string | null; head: string; members: string[]; holding_organisation_id: string; region_code: string;
      income_cents: string | null }[] = await this.db.query(
      `SELECT p.id AS person_id, p.household_id,
              COALESCE(m.head, p.id) AS head, COALESCE(m.members, ARRAY[p.id]) AS members,
              COALESCE(h.holding_organisation_id, p.holding_organisation_id) AS holding_organisation_id,
              COALESCE(h.region_code, p.region_code) AS region_code,
              CASE WHEN p.household_id IS NULL THEN p.monthly_income_cents ELSE COALESCE(h.monthly_income_cents, m.personal) END AS income_cents
         FROM people p
         LEFT JOIN households h ON h.id = p.household_id
         LEFT JOIN LATERAL (
           SELECT array_agg(o.id ORDER BY o.id) AS members, sum(o.monthly_income_cents) AS personal,
                  (array_agg(o.id ORDER BY (o.relation_to_head = 'HEAD') DESC NULLS LAST, o.created_at, o.id))[1] AS head
             FROM people o WHERE o.household_id = p.household_id AND o.merged_into IS NULL) m ON p.household_id IS NOT NULL
        WHERE p.id = ANY($1::uuid[]) AND p.merged_into IS NULL`, [[...personIds]]);
    return rows.map((r) => ({
      personId: r.person_id, householdId: r.household_id, headPersonId: r.head, memberIds: r.members, holdingOrganisationId: r.holding_organisation_id,
      regionCode: r.region_code, incomeCents: r.income_cents === null ? null : Number(r.income_cents),
    }));
  }

  /** The households whose own record (income, holder, region) changed at or after `since`. */
  async touchedSince(since: Date, most: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM households WHERE updated_at >= $1 LIMIT $2`, [since, most]);
    return rows.map((r) => r.id);
  }

  /**
   * These people and households, widened to whole households: the households the people are recorded in, and
   * every record in each of those households (merged ones too). Whatever is found about one member may rest on
   * the others (a household's income per member, a child's only adult, someone living alone), so a change to
   * one member is a change to what is known of all of them.
   */
  async around(personIds: readonly string[], householdIds: readonly string[]): Promise<{ personIds: string[]; householdIds: string[] }> {
    if (personIds.length === 0 && householdIds.length === 0) return { personIds: [], householdIds: [] };
    const rows: { household_id: string; members: string[] }[] = await this.db.query(
      `WITH h AS (SELECT unnest($2::uuid[]) AS id UNION SELECT household_id FROM people WHERE id = ANY($1::uuid[]) AND household_id IS NOT NULL)
       SELECT h.id AS household_id, COALESCE(array_agg(p.id) FILTER (WHERE p.id IS NOT NULL), '{}') AS members
         FROM h LEFT JOIN people p ON p.household_id = h.id GROUP BY h.id`, [[...personIds], [...householdIds]]);
    return {
      personIds: [...new Set([...personIds, ...rows.flatMap((r) => r.members)])],
      householdIds: rows.map((r) => r.household_id),
    };
  }
}
