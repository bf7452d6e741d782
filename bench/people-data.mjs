// The people registry's bench data, shared by bench/people.mjs and bench/referrals.mjs: the demo's own
// household generator (dist/libs/registry/src/demo/people-generator.js), ID numbers sealed and
// blind-indexed by the API's IdNumberVault, bulk-inserted with `unnest` batches in one transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loaderConnection, round } from './lib.mjs';

const require = createRequire(import.meta.url);

// The demo's organisations and users (libs/identity/src/demo, libs/registry/src/demo).
export const DEMO = {
  district: '0193a000-0000-7000-8000-000000000001', // 朝阳区民政局
  jianwai: '0193a000-0000-7000-8000-000000000002', // 建外街道办事处
  sanlitun: '0193a000-0000-7000-8000-000000000003', // 三里屯街道办事处
  elderlyNgo: '0193a000-0000-7000-8000-000000000004', // 夕阳红养老服务中心
  familyNgo: '0193a000-0000-7000-8000-000000000005', // 童心儿童与家庭服务社
  charity: '0193a000-0000-7000-8000-000000000006', // 慈善协会
  caseworker: '0193a000-0000-7000-8000-100000000003', // caseworker@, 建外
  social: '0193a000-0000-7000-8000-100000000014', // social@, 三里屯
  coordinator: '0193a000-0000-7000-8000-100000000002', // coordinator@, district
};

/** The two street offices that hold the generated people, alternately by household, and who registers them there. */
export const OFFICES = [{ organisationId: DEMO.jianwai, registeredBy: DEMO.caseworker }, { organisationId: DEMO.sanlitun, registeredBy: DEMO.social }];

export const PEOPLE_SEED = 20_250_101; // not the demo's seed
const START_INDEX = 1_000_000; // far from the demo's indexes
export const BATCH = 5_000;

/** `k1:<base64>` and the index key, shared by the CLI, the server and the loader. */
export function makeSecrets() {
  const idKey = randomBytes(32);
  return {
    idKey,
    env: {
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUDIT_KEY: randomBytes(32).toString('hex'),
      ID_NUMBER_KEYS: `k1:${idKey.toString('base64')}`,
      ID_NUMBER_INDEX_KEY: randomBytes(32).toString('hex'),
    },
  };
}

/**
 * Generated households, sealed like the API seals, until `count` people (the last household cut
 * short). People whose ID number is already registered (the demo's generator makes the same numbers
 * from another seed now and then) are left out: one live record per ID number. Every `consentEvery`-th
 * person consents to the elderly-care NGO (0: nobody).
 */
function buildRows(dist, count, vault, taken, consentEvery) {
  const { generateHouseholds } = require(join(dist, 'libs/registry/src/demo/people-generator.js'));
  let estimate = Math.ceil(count / 2.3) + 100;
  for (;;) {
    // Same seed, more households: the same households first, then more (one call, so numbers stay unique).
    const households = generateHouseholds(estimate, PEOPLE_SEED, START_INDEX);
    const rows = { households: [], people: [], consents: [], skipped: 0 };
    const seen = new Set(taken);
    for (const household of households) {
      if (rows.people.length >= count) break;
      const office = OFFICES[household.index % 2];
      const householdId = randomUUID();
      let income = 0;
      let members = 0;
      for (const member of household.members) {
        if (rows.people.length >= count) break;
        const blindIndex = vault.blindIndex(member.idNumber);
        const key = blindIndex.toString('hex');
        if (seen.has(key)) {
          rows.skipped += 1;
          continue;
        }
        seen.add(key);
        const id = randomUUID();
        const sealed = vault.seal(member.idNumber, id);
        rows.people.push({ id, office, householdId, member, address: household.address, keyId: sealed.keyId, sealed: sealed.sealed, blindIndex });
        // Every tenth person (people.mjs) consents to the elderly-care NGO (basic and contact data).
        if (consentEvery > 0 && rows.people.length % consentEvery === 1) rows.consents.push({ id: randomUUID(), personId: id, office });
        income += member.monthlyIncomeCents;
        members += 1;
      }
      if (members > 0) rows.households.push({ id: householdId, office, address: household.address, income });
    }
    if (rows.people.length >= count) return rows;
    estimate = Math.ceil(estimate * 1.2);
  }
}

/** Inserts `rows` with `sql` (one `unnest` of arrays per column), BATCH rows per statement. */
export async function insertBatches(client, rows, sql, columns) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await client.query(sql, columns.map((column) => batch.map(column)));
  }
}

const HOUSEHOLDS_SQL = `
  INSERT INTO households (id, holding_organisation_id, registered_by, region_code, address, monthly_income_cents)
  SELECT id, holder, registrar, '110105', address, income
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[]) AS t(id, holder, registrar, address, income)`;

const PEOPLE_SQL = `
  INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, birth_date, id_document_type, id_key_id, id_sealed,
    id_blind_index, phone, address, region_code, household_id, relation_to_head, disability, chronic_illness, monthly_income_cents, assistance, notes)
  SELECT id, holder, registrar, full_name, gender, birth_date, 'RESIDENT_ID', key_id, sealed, blind, phone, address, '110105', household, relation,
         disability, illness, income, string_to_array(assistance, ','), notes
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::text[], $8::bytea[], $9::bytea[], $10::text[],
                $11::text[], $12::uuid[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::text[], $18::text[])
      AS t(id, holder, registrar, full_name, gender, birth_date, key_id, sealed, blind, phone, address, household, relation, disability, illness,
           income, assistance, notes)`;

const CONSENTS_SQL = `
  INSERT INTO consents (id, person_id, recipient_organisation_id, categories, purpose, valid_from, valid_until, given_by, guardian_name,
    evidence, recorded_by, recorded_by_organisation_id)
  SELECT id, person, '${DEMO.elderlyNgo}', '{basic,contact}', 'SERVICE_DELIVERY', now() - interval '1 day', NULL, 'SELF', NULL,
         'bench: 知情同意书', registrar, holder
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS t(id, person, registrar, holder)`;

/**
 * Generates, seals and inserts `count` people (households alternately held by 建外 and 三里屯) in one
 * transaction, then `VACUUM ANALYZE` unless `vacuum` is false. Returns the counts, the timings and the
 * generated people (`people`: id, office, householdId, member — with the clear ID number — for checks).
 */
export async function loadPeople({ dist, databaseUrl, idKey, indexKey, count, consentEvery = 10, vacuum = true, guard, say }) {
  const { IdNumberVault } = require(join(dist, 'libs/registry/src/crypto/id-number-vault.js'));
  const vault = new IdNumberVault({ idNumberKeys: [{ id: 'k1', key: idKey }], idNumberIndexKey: indexKey });
  const { client, end } = await loaderConnection(databaseUrl, guard);
  try {
    const t0 = performance.now();
    const { rows: existing } = await client.query('SELECT id_blind_index FROM people WHERE id_blind_index IS NOT NULL');
    const rows = buildRows(dist, count, vault, existing.map((r) => r.id_blind_index.toString('hex')), consentEvery);
    const t1 = performance.now();
    say(`data: ${rows.people.length} people in ${rows.households.length} households generated and sealed in ${((t1 - t0) / 1000).toFixed(1)} s` +
      (rows.skipped > 0 ? ` (${rows.skipped} left out: ID number already registered by the demo)` : ''));
    await client.query('BEGIN');
    await insertBatches(client, rows.households, HOUSEHOLDS_SQL, [(h) => h.id, (h) => h.office.organisationId, (h) => h.office.registeredBy, (h) => h.address, (h) => h.income]);
    await insertBatches(client, rows.people, PEOPLE_SQL, [
      (p) => p.id, (p) => p.office.organisationId, (p) => p.office.registeredBy, (p) => p.member.fullName, (p) => p.member.gender, (p) => p.member.birthDate,
      (p) => p.keyId, (p) => p.sealed, (p) => p.blindIndex, (p) => p.member.phone, (p) => p.address, (p) => p.householdId, (p) => p.member.relationToHead,
      (p) => p.member.disability, (p) => p.member.chronicIllness, (p) => p.member.monthlyIncomeCents, (p) => p.member.assistance.join(','), (p) => p.member.notes,
    ]);
    await insertBatches(client, rows.consents, CONSENTS_SQL, [(c) => c.id, (c) => c.personId, (c) => c.office.registeredBy, (c) => c.office.organisationId]);
    await client.query('COMMIT');
    const t2 = performance.now();
    if (vacuum) await client.query('VACUUM ANALYZE');
    const t3 = performance.now();
    const { rows: [counts] } = await client.query(
      'SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM consents)::int AS consents');
    // An ID number the caseworker registered, for the search case.
    const target = rows.people.find((p) => p.office.registeredBy === DEMO.caseworker);
    return {
      people: rows.people.length,
      households: rows.households.length,
      consents: rows.consents.length,
      skippedDuplicates: rows.skipped,
      tables: counts,
      seconds: { generateAndSeal: round((t1 - t0) / 1000), insert: round((t2 - t1) / 1000), vacuumAnalyze: round((t3 - t2) / 1000), total: round((t3 - t0) / 1000) },
      searchTarget: { id: target.id, idNumber: target.member.idNumber },
      generated: rows.people,
    };
  } finally {
    await end();
  }
}
