import { EntityManager } from 'typeorm';
import { IdNumberVault } from '../crypto/id-number-vault';
import { generateHouseholds, GeneratedPerson } from './people-generator';

/** The demo organisations and users this part of the demo stands on (see libs/identity/src/demo). */
// Each street office registers the people of its own street (建外街道 110105001, 三里屯街道 110105004).
const JIANWAI = { organisationId: '0193a000-0000-7000-8000-000000000002', registeredBy: '0193a000-0000-7000-8000-100000000003', regionCode: '110105001' }; // caseworker@
const SANLITUN = { organisationId: '0193a000-0000-7000-8000-000000000003', registeredBy: '0193a000-0000-7000-8000-100000000014', regionCode: '110105004' }; // social@
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const CHARITY = '0193a000-0000-7000-8000-000000000006';

export const DEMO_HOUSEHOLDS = 80;

const householdId = (h: number) => `0193a000-0000-7000-8000-5${String(h).padStart(11, '0')}`;
const personId = (p: number) => `0193a000-0000-7000-8000-4${String(p).padStart(11, '0')}`;
const consentId = (c: number) => `0193a000-0000-7000-8000-6${String(c).padStart(11, '0')}`;

/**
 * About 200 people in 80 households, registered by the two street offices, and their consents to the
 * elderly-care NGO (basic and contact data) and to the charity (financial data, separately), one of
 * them withdrawn and one expired. Idempotent: fixed ids, existing rows left as they are.
 */
export async function seedRegistryDemo(tx: EntityManager, vault: IdNumberVault): Promise<{ people: number; households: number; consents: number }> {
  const households = generateHouseholds(DEMO_HOUSEHOLDS, 20261129);
  const added = { people: 0, households: 0, consents: 0 };
  let consentIndex = 0;
  for (const household of households) {
    const office = household.index < DEMO_HOUSEHOLDS / 2 ? JIANWAI : SANLITUN;
    const hid = householdId(household.index);
    const income = household.members.reduce((sum, m) => sum + m.monthlyIncomeCents, 0);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO households (id, holding_organisation_id, registered_by, region_code, address, monthly_income_cents)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [hid, office.organisationId, office.registeredBy, office.regionCode, household.address, income],
    );
    added.households += inserted.length;
    for (const member of household.members) {
      added.people += await insertPerson(tx, vault, member, office, hid, household.address);
    }
    // Every fifth household consents to the elderly-care NGO; every seventh to the charity (financial data,
    // a consent of its own as PIPL requires, with basic data so the charity knows whom it concerns).
    const head = household.members[0];
    const consents: [string, string[], string][] = [];
    if (household.index % 5 === 0) consents.push([ELDERLY_NGO, ['basic', 'contact'], 'SERVICE_DELIVERY']);
    if (household.index % 7 === 0) consents.push([CHARITY, ['basic', 'financial'], 'ASSESSMENT']);
    for (const [recipient, categories, purpose] of consents) {
      for (const member of household.members) {
        const index = consentIndex++;
        const child = Number(member.birthDate.slice(0, 4)) > 2012;
        // The first demo consent was withdrawn, the second ran out in the summer.
        const withdrawn = index === 0;
        const expired = index === 1;
        const rows: unknown[] = await tx.query(
          `INSERT INTO consents (id, person_id, recipient_organisation_id, categories, purpose, valid_from, valid_until, given_by, guardian_name,
             evidence, recorded_by, recorded_by_organisation_id, withdrawn_at, withdrawn_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING RETURNING id`,
          [consentId(index), personId(member.index), recipient, categories, purpose,
            expired ? '2026-01-01T00:00:00+08:00' : '2026-09-01T00:00:00+08:00', expired ? '2026-06-30T00:00:00+08:00' : null,
            child ? 'GUARDIAN' : 'SELF', child ? head.fullName : null, `知情同意书 2026-${String(index + 1).padStart(4, '0')}`,
            office.registeredBy, office.organisationId, withdrawn ? '2026-10-15T10:00:00+08:00' : null, withdrawn ? office.registeredBy : null],
        );
        added.consents += rows.length;
      }
    }
  }
  added.people += await insertDuplicate(tx, households[0].members[0]);
  return added;
}

/**
 * A record that 建外街道 registered twice: the head of its first household again, from a community
 * visit, with no ID number and another phone — for its coordinator to find and merge.
 */
async function insertDuplicate(tx: EntityManager, original: GeneratedPerson): Promise<number> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, birth_date, phone, region_code, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '社区走访时登记，待核实身份证件') ON CONFLICT DO NOTHING RETURNING id`,
    [personId(9000), JIANWAI.organisationId, JIANWAI.registeredBy, original.fullName, original.gender, original.birthDate, '13700000001', JIANWAI.regionCode],
  );
  return rows.length;
}

async function insertPerson(
  tx: EntityManager, vault: IdNumberVault, p: GeneratedPerson, office: typeof JIANWAI, household: string, address: string,
): Promise<number> {
  const id = personId(p.index);
  const sealed = vault.seal(p.idNumber, id);
  const rows: unknown[] = await tx.query(
    `INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, birth_date, id_document_type, id_key_id, id_sealed,
       id_blind_index, phone, address, region_code, household_id, relation_to_head, disability, chronic_illness, monthly_income_cents, assistance, notes)
     VALUES ($1, $2, $3, $4, $5, $6, 'RESIDENT_ID', $7, $8, $9, $10, $11, $19, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT DO NOTHING RETURNING id`,
    [id, office.organisationId, office.registeredBy, p.fullName, p.gender, p.birthDate, sealed.keyId, sealed.sealed, vault.blindIndex(p.idNumber),
      p.phone, address, household, p.relationToHead, p.disability, p.chronicIllness, p.monthlyIncomeCents, p.assistance, p.notes, office.regionCode],
  );
  return rows.length;
}
