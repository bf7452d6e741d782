import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { newId, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';

type OrganisationKind = 'GOVERNMENT_OFFICE' | 'NGO' | 'CHARITY' | 'VOLUNTEER_GROUP';

export const FACTORY_PASSWORD = 'factory-password-1';
let factoryHash: Promise<string> | undefined;
let counter = 0;

const next = () => (counter += 1);

export interface MadeOrganisation {
  id: string;
  name: string;
}

export async function makeOrganisation(
  db: DataSource,
  overrides: Partial<{ name: string; kind: OrganisationKind; regionCode: string; parentId: string | null }> = {},
): Promise<MadeOrganisation> {
  const id = newId();
  const name = overrides.name ?? `测试机构 ${next()} ${id.slice(-6)}`;
  await db.query(
    `INSERT INTO organisations (id, kind, name, region_code, parent_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, overrides.kind ?? 'NGO', name, overrides.regionCode ?? '110105', overrides.parentId ?? null],
  );
  return { id, name };
}

export interface MadeUser {
  id: string;
  email: string;
  password: string;
  memberships: { id: string; organisationId: string; role: Role }[];
}

/** A user with the given memberships; every factory user signs in with {@link FACTORY_PASSWORD}. */
export async function makeUser(
  db: DataSource,
  options: { email?: string; displayName?: string; phone?: string | null; memberships?: { organisationId: string; role: Role }[] } = {},
): Promise<MadeUser> {
  // Factories stand below the domain libs, so they hash with argon2id directly (argon2id is the default).
  factoryHash ??= hash(FACTORY_PASSWORD);
  const id = newId();
  const email = options.email ?? `user${next()}-${id.slice(-8)}@example.org`;
  await db.query(
    `INSERT INTO users (id, email, display_name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)`,
    [id, email, options.displayName ?? '测试用户', options.phone === undefined ? '13912345678' : options.phone, await factoryHash],
  );
  const memberships = [];
  for (const m of options.memberships ?? []) {
    const membershipId = newId();
    await db.query(`INSERT INTO memberships (id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4)`, [membershipId, id, m.organisationId, m.role]);
    memberships.push({ id: membershipId, ...m });
  }
  return { id, email, password: FACTORY_PASSWORD, memberships };
}

/**
 * A volunteer of a volunteer group with a profile: skills, areas served, and, when `verified`, an identity
 * check and a background check valid for a year.
 */
export async function makeVolunteer(
  db: DataSource,
  options: { organisationId: string; skills?: string[]; areaCodes?: string[]; verified?: boolean; displayName?: string },
): Promise<MadeUser> {
  const user = await makeUser(db, { displayName: options.displayName ?? '测试志愿者', memberships: [{ organisationId: options.organisationId, role: Role.VOLUNTEER }] });
  await db.query(
    `INSERT INTO volunteer_profiles (user_id, organisation_id, skills, area_codes, identity_checked_at, background_check_expires_on)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN current_date + 365 END)`,
    [user.id, options.organisationId, options.skills ?? ['COMPANIONSHIP'], options.areaCodes ?? ['110105'], options.verified ?? false]);
  return user;
}

/**
 * A directory service of the given organisation, open to referrals (the directory lib owns the table), with
 * `places` places free of as many (null: places not tracked).
 */
export async function makeService(
  db: DataSource,
  organisationId: string,
  overrides: Partial<{ name: string; categories: string[]; minimumAge: number; places: number | null }> = {},
): Promise<{ id: string; name: string }> {
  const id = newId();
  const name = overrides.name ?? `测试服务 ${next()}`;
  await db.query(
    `INSERT INTO services (id, organisation_id, name, categories, minimum_age, capacity_available, capacity_maximum, capacity_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, CASE WHEN $6::int IS NULL THEN NULL ELSE now() END)`,
    [id, organisationId, name, overrides.categories ?? ['ELDERLY_CARE'], overrides.minimumAge ?? null, overrides.places ?? null]);
  return { id, name };
}

/** A region's minimum-living line for a year (the insights lib's reference data), replacing any there was. */
export async function setSubsistenceLine(db: DataSource, line: { regionCode: string; year: number; monthlyCents: number }): Promise<void> {
  await db.query(
    `INSERT INTO subsistence_lines (region_code, year, monthly_cents, source) VALUES ($1, $2, $3, 'test')
     ON CONFLICT (region_code, year) DO UPDATE SET monthly_cents = EXCLUDED.monthly_cents, updated_at = now()`, [line.regionCode, line.year, line.monthlyCents]);
}

/**
 * A region's own version of an early-warning rule (the next version of that code for that region), copying
 * the words and kind of the city's version 1 unless told otherwise.
 */
export async function makeInsightRuleVersion(
  db: DataSource,
  rule: { code: string; regionCode: string; params?: Record<string, unknown>; active?: boolean; severity?: string },
): Promise<{ id: string; version: number }> {
  const id = newId();
  const [row]: { version: number }[] = await db.query(
    `INSERT INTO insight_rules (id, code, version, region_code, kind, severity, params, name_zh, name_en, description_zh, description_en, active)
     SELECT $1, c.code, COALESCE((SELECT max(version) FROM insight_rules v WHERE v.code = c.code AND v.region_code = $2), 0) + 1, $2, c.kind,
            COALESCE($3, c.severity), COALESCE($4::jsonb, c.params), c.name_zh, c.name_en, c.description_zh, c.description_en, $5
       FROM insight_rules c WHERE c.code = $6 AND c.region_code = '110000' AND c.version = 1
     RETURNING version`,
    [id, rule.regionCode, rule.severity ?? null, rule.params ? JSON.stringify(rule.params) : null, rule.active ?? true, rule.code]);
  if (!row) throw new Error(`no rule ${rule.code} to make a version of`);
  return { id, version: row.version };
}

/**
 * An alert as an evaluation would store it, with any facts (evidence) given: for tests of what viewers see
 * of an alert, where one alert must carry a value in every field. Raised by the city's version 1 of `ruleCode`.
 */
export async function makeInsightAlert(
  db: DataSource,
  alert: { ruleCode: string; personId: string; holdingOrganisationId: string; subjectType?: string; householdId?: string | null; caseId?: string | null;
    regionCode?: string; severity?: string; score?: number; evidence?: Record<string, unknown>; status?: string; reasonCode?: string | null; reasonText?: string | null },
): Promise<{ id: string }> {
  const id = newId();
  const decided = (alert.status ?? 'OPEN') !== 'OPEN';
  await db.query(
    `INSERT INTO insight_alerts (id, rule_id, rule_code, subject_type, subject_id, person_id, household_id, case_id, holding_organisation_id, region_code,
                                 severity, score, evidence, status, reason_code, reason_text, decided_at, raised_at, last_seen_at)
     SELECT $1, r.id, r.code, $3, COALESCE($6::uuid, $4::uuid), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $15 THEN now() END, now(), now()
       FROM insight_rules r WHERE r.code = $2 AND r.region_code = '110000' AND r.version = 1`,
    [id, alert.ruleCode, alert.subjectType ?? 'Person', alert.personId, alert.householdId ?? null, alert.caseId ?? null, alert.holdingOrganisationId,
      alert.regionCode ?? '110105', alert.severity ?? 'HIGH', alert.score ?? 70, JSON.stringify(alert.evidence ?? {}), alert.status ?? 'OPEN',
      alert.reasonCode ?? null, alert.reasonText ?? null, decided]);
  const [made] = await db.query(`SELECT 1 FROM insight_alerts WHERE id = $1`, [id]);
  if (!made) throw new Error(`makeInsightAlert: no rule ${alert.ruleCode} (version 1 for 110000) to raise it`);
  return { id };
}

/**
 * A change to a person's record as the registry writes one (the registry has no mutation for these fields yet):
 * the columns given, and `updated_at` stamped with the transaction's time, as every registry writer does. Given
 * a transaction's manager (`db`), the change is part of that transaction.
 */
export async function changePerson(
  db: Pick<DataSource, 'query'>,
  personId: string,
  changes: Partial<{ monthlyIncomeCents: number | null; assistance: string[]; disability: string | null; chronicIllness: string | null }>,
): Promise<void> {
  const columns = { monthlyIncomeCents: 'monthly_income_cents', assistance: 'assistance', disability: 'disability', chronicIllness: 'chronic_illness' } as const;
  const given = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => changes[k] !== undefined);
  if (given.length === 0) throw new Error('changePerson: nothing to change');
  await db.query(`UPDATE people SET ${given.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [personId, ...given.map((k) => changes[k])]);
}

/** A change to a household's recorded monthly income, as the registry writes one (`updated_at` stamped). */
export async function changeHouseholdIncome(db: DataSource, householdId: string, monthlyIncomeCents: number | null): Promise<void> {
  await db.query(`UPDATE households SET monthly_income_cents = $2, updated_at = now() WHERE id = $1`, [householdId, monthlyIncomeCents]);
}

/**
 * A case as it would be had everything on it (its opening, its timeline, its last change) happened `days` days
 * earlier: for tests of a case, or a person, without contact for a while. A fixture, not a change: nothing is
 * stamped now.
 */
export async function ageCase(db: DataSource, caseId: string, days: number): Promise<void> {
  await db.query(`UPDATE cases SET created_at = created_at - make_interval(days => $2), updated_at = updated_at - make_interval(days => $2) WHERE id = $1`,
    [caseId, days]);
  await db.query(`UPDATE case_events SET occurred_at = occurred_at - make_interval(days => $2) WHERE case_id = $1`, [caseId, days]);
}

/**
 * A signal about a person from another department's file (the insights lib's tables), in an import of its own
 * by the given coordinator of a civil-affairs office.
 */
export async function makePersonSignal(
  db: DataSource,
  signal: { personId: string; kind: 'MEDICAL_BILL' | 'UTILITY_ARREARS' | 'DISABILITY_REGISTRATION'; occurredOn: string; amountCents?: number | null;
    organisationId: string; importedBy: string; regionCode?: string },
): Promise<{ id: string }> {
  const importId = newId();
  await db.query(
    `INSERT INTO signal_imports (id, organisation_id, imported_by, kind, file_name, file_sha256, region_code, rows_expected, status, finished_at)
     VALUES ($1, $2, $3, $4, 'factory.csv', $5, $6, 1, 'DONE', now())`,
    [importId, signal.organisationId, signal.importedBy, signal.kind, randomBytes(32), signal.regionCode ?? '110105']);
  const id = newId();
  await db.query(
    `INSERT INTO person_signals (id, import_id, person_id, kind, occurred_on, amount_cents, row_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, importId, signal.personId, signal.kind, signal.occurredOn, signal.amountCents ?? null, randomBytes(32)]);
  return { id };
}

/**
 * A directory service (the directory lib's tables) working where it is told: its service area, a place in a region
 * (confidential or not) and its places as its organisation counts them (`capacity` null: not tracked).
 */
export async function makeServiceWithPlaces(
  db: DataSource,
  organisationId: string,
  options: { name?: string; areaCodes?: string[]; placeRegionCode?: string; confidentialPlace?: boolean; status?: string;
    capacity?: { available: number; maximum: number | null; unit: string } | null },
): Promise<{ id: string; name: string }> {
  const id = newId();
  const name = options.name ?? `测试服务 ${next()}`;
  const capacity = options.capacity ?? null;
  await db.query(
    `INSERT INTO services (id, organisation_id, name, status, service_area_codes, capacity_available, capacity_maximum, capacity_unit, capacity_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6::int IS NULL THEN NULL ELSE now() END)`,
    [id, organisationId, name, options.status ?? 'ACTIVE', options.areaCodes ?? [], capacity?.available ?? null, capacity?.maximum ?? null, capacity?.unit ?? null]);
  if (options.placeRegionCode) {
    await db.query(`INSERT INTO service_locations (id, service_id, name, region_code, confidential) VALUES ($1, $2, $3, $4, $5)`,
      [newId(), id, `${name}服务点`, options.placeRegionCode, options.confidentialPlace ?? false]);
  }
  return { id, name };
}

/**
 * `count` referrals of people of a region to a service, requested `daysAgo` days ago (1 unless told), the first
 * `accepted` of them accepted a day later: each for a person and an open case of its own, registered and opened by
 * the sending organisation's user `sentBy` (the registry's, cases' and referrals' tables).
 */
export async function makeReferralsTo(
  db: DataSource,
  options: { serviceId: string; receiverOrganisationId: string; senderOrganisationId: string; sentBy: string; regionCode: string; count: number;
    accepted?: number; daysAgo?: number },
): Promise<void> {
  for (let i = 0; i < options.count; i += 1) {
    const personId = newId();
    const caseId = newId();
    await db.query(`INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, region_code) VALUES ($1, $2, $3, $4, 'UNKNOWN', $5)`,
      [personId, options.senderOrganisationId, options.sentBy, `转介对象${next()}`, options.regionCode]);
    await db.query(`INSERT INTO cases (id, person_id, holding_organisation_id, opened_by, region_code, needs, priority) VALUES ($1, $2, $3, $4, $5, '{ELDERLY_CARE}', 'NORMAL')`,
      [caseId, personId, options.senderOrganisationId, options.sentBy, options.regionCode]);
    const accepted = i < (options.accepted ?? 0);
    await db.query(
      `INSERT INTO referrals (id, case_id, person_id, sender_organisation_id, sent_by, receiver_organisation_id, service_id, status, needs, urgency, region_code,
                              shared_categories, requested_at, responded_at, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '{ELDERLY_CARE}', 'NORMAL', $9, '{basic}', now() - make_interval(days => $10),
               CASE WHEN $11 THEN now() - make_interval(days => $10 - 1) END, CASE WHEN $11 THEN now() - make_interval(days => $10 - 1) END)`,
      [newId(), caseId, personId, options.senderOrganisationId, options.sentBy, options.receiverOrganisationId, options.serviceId, accepted ? 'ACCEPTED' : 'REQUESTED',
        options.regionCode, options.daysAgo ?? 1, accepted]);
  }
}

/**
 * A task of the organisation in a region, started at `startsAt`, that each of the volunteers served for `minutes`:
 * checked in and out, and — unless `confirmed` is false — their hours confirmed by the organisation's user `postedBy`
 * (the tasks lib's tables).
 */
export async function makeAttendedTask(
  db: DataSource,
  task: { organisationId: string; postedBy: string; volunteerIds: string[]; regionCode: string; startsAt: Date; minutes: number; skills?: string[];
    confirmed?: boolean },
): Promise<{ id: string }> {
  const id = newId();
  const endsAt = new Date(task.startsAt.getTime() + task.minutes * 60_000);
  await db.query(
    `INSERT INTO tasks (id, organisation_id, posted_by, title, skills, region_code, starts_at, ends_at, slots, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'COMPLETED')`,
    [id, task.organisationId, task.postedBy, `测试任务 ${next()}`, task.skills ?? ['COMPANIONSHIP'], task.regionCode, task.startsAt, endsAt,
      Math.min(100, Math.max(1, task.volunteerIds.length))]);
  for (const volunteerId of task.volunteerIds) {
    await db.query(
      `INSERT INTO task_claims (id, task_id, volunteer_id, status, during, checked_in_at, checked_out_at, minutes, hours_confirmed_at, hours_confirmed_by)
       VALUES ($1, $2, $3, 'COMPLETED', tstzrange($4, $5), $4, $5, $6, CASE WHEN $7 THEN $5::timestamptz + interval '1 day' END, CASE WHEN $7 THEN $8::uuid END)`,
      [newId(), id, volunteerId, task.startsAt, endsAt, task.minutes, task.confirmed ?? true, task.postedBy]);
  }
  return { id };
}

/**
 * A place on the task held by the volunteer (the tasks lib's tables), written through `db` — a transaction's manager
 * too, to hold the claim uncommitted while a test races the API against it.
 */
export async function makeHeldClaim(db: Pick<DataSource, 'query'>, claim: { taskId: string; volunteerId: string }): Promise<{ id: string }> {
  const id = newId();
  await db.query(
    `WITH took AS (UPDATE tasks SET held = held + 1 WHERE id = $2 RETURNING starts_at, ends_at)
     INSERT INTO task_claims (id, task_id, volunteer_id, status, during) SELECT $1, $2, $3, 'HELD', tstzrange(starts_at, ends_at) FROM took`,
    [id, claim.taskId, claim.volunteerId]);
  return { id };
}
