import { newId } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { ReferralStatus as S } from '../referrals/referral-moves';

/** The demo organisations and users (libs/identity/src/demo). */
const ORG = {
  jianwai: '0193a000-0000-7000-8000-000000000002',
  sanlitun: '0193a000-0000-7000-8000-000000000003',
  elderlyNgo: '0193a000-0000-7000-8000-000000000004',
  familyNgo: '0193a000-0000-7000-8000-000000000005',
  charity: '0193a000-0000-7000-8000-000000000006',
};
const USER = {
  jianwaiCoordinator: '0193a000-0000-7000-8000-100000000015',
  caseworker: '0193a000-0000-7000-8000-100000000003',
  social: '0193a000-0000-7000-8000-100000000014',
  ngo: '0193a000-0000-7000-8000-100000000004',
  ngo2: '0193a000-0000-7000-8000-100000000005',
  charity: '0193a000-0000-7000-8000-100000000006',
};
const RECEIVER_STAFF: Record<string, string> = { [ORG.elderlyNgo]: USER.ngo, [ORG.familyNgo]: USER.ngo2, [ORG.charity]: USER.charity };

const caseId = (n: number) => `0193a000-0000-7000-8000-7${String(n).padStart(11, '0')}`;
const referralId = (n: number) => `0193a000-0000-7000-8000-8${String(n).padStart(11, '0')}`;
const consentId = (n: number) => `0193a000-0000-7000-8000-9${String(n).padStart(11, '0')}`;

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface DemoPerson {
  id: string;
  holding_organisation_id: string;
  registered_by: string;
  age: number | null;
  disability: string | null;
  chronic_illness: string | null;
  income: string | null;
  household_income: string | null;
}

/** The needs a street office would note for this person. */
function needsOf(p: DemoPerson): string[] {
  const needs: string[] = [];
  if (p.age !== null && p.age >= 60) needs.push('ELDERLY_CARE');
  if (p.age !== null && p.age < 16) needs.push('EDUCATION');
  if (p.disability) needs.push('DISABILITY');
  if (p.chronic_illness) needs.push('MEDICAL');
  if (p.household_income !== null && Number(p.household_income) < 300_000) needs.push('BASIC_LIVING');
  return needs.length > 0 ? needs.slice(0, 3) : ['TEMPORARY_EMERGENCY'];
}

/** The path of states a demo referral went through to reach its state, and who made each move. */
const PATHS: Record<S, S[]> = {
  [S.DRAFT]: [],
  [S.REQUESTED]: [S.REQUESTED],
  [S.ACCEPTED]: [S.REQUESTED, S.ACCEPTED],
  [S.REJECTED]: [S.REQUESTED, S.REJECTED],
  [S.CANCELLED]: [S.REQUESTED, S.CANCELLED],
  [S.IN_PROGRESS]: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS],
  [S.ON_HOLD]: [S.REQUESTED, S.ACCEPTED, S.ON_HOLD],
  [S.COMPLETED]: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED],
  [S.FAILED]: [S.REQUESTED, S.ACCEPTED, S.FAILED],
  [S.ENTERED_IN_ERROR]: [S.REQUESTED, S.ENTERED_IN_ERROR],
};
const SENDER_MOVES: readonly S[] = [S.REQUESTED, S.CANCELLED, S.ENTERED_IN_ERROR];

/** Each referral state a few times, so that every login opens the app to real work. */
const REFERRAL_STATES: S[] = [
  S.REQUESTED, S.REQUESTED, S.REQUESTED, S.REQUESTED, S.REQUESTED, S.ACCEPTED, S.ACCEPTED, S.ACCEPTED, S.IN_PROGRESS, S.IN_PROGRESS,
  S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.COMPLETED, S.COMPLETED, S.COMPLETED, S.REJECTED, S.REJECTED, S.CANCELLED, S.FAILED,
  S.DRAFT, S.DRAFT, S.ENTERED_IN_ERROR, S.REQUESTED,
];

const REASONS: Partial<Record<S, [string, string]>> = {
  [S.REJECTED]: ['OUT_OF_AREA', '该户不在本机构服务片区，建议转介属地机构'],
  [S.CANCELLED]: ['NEEDS_CHANGED', '家属已安排照护，暂不需要'],
  [S.ON_HOLD]: ['WAITING_FOR_DOCUMENTS', '等待补充残疾证复印件'],
  [S.FAILED]: ['PERSON_UNREACHABLE', '多次电话联系未接通，上门未遇'],
};

/**
 * About 60 cases of the two street offices' people (needs from who they are, most assigned, in every
 * status) and two dozen referrals from 建外街道's cases to the NGOs' and the charity's services in every
 * state, with the REFERRAL consents they rest on and their timelines. Idempotent: fixed ids; events are
 * written only with the rows they belong to.
 */
export async function seedWorkDemo(tx: EntityManager): Promise<{ cases: number; referrals: number }> {
  const people: DemoPerson[] = await tx.query(
    `SELECT p.id, p.holding_organisation_id, p.registered_by, date_part('year', age(p.birth_date))::int AS age, p.disability, p.chronic_illness,
            p.monthly_income_cents AS income, h.monthly_income_cents AS household_income
       FROM people p LEFT JOIN households h ON h.id = p.household_id
      WHERE p.holding_organisation_id = ANY($1) AND p.merged_into IS NULL AND p.id::text LIKE '0193a000-0000-7000-8000-4%'
      ORDER BY p.id`, [[ORG.jianwai, ORG.sanlitun]]);
  const jianwai = people.filter((p) => p.holding_organisation_id === ORG.jianwai).filter((_, i) => i % 2 === 0).slice(0, 42);
  const sanlitun = people.filter((p) => p.holding_organisation_id === ORG.sanlitun).filter((_, i) => i % 4 === 0).slice(0, 18);
  const now = Date.now();
  let cases = 0;
  const opened: { id: string; person: DemoPerson; needs: string[] }[] = [];
  for (const [i, person] of [...jianwai, ...sanlitun].entries()) {
    const id = caseId(i + 1);
    const needs = needsOf(person);
    const jianwaiCase = person.holding_organisation_id === ORG.jianwai;
    const status = i % 7 === 6 ? 'CLOSED' : i % 5 === 4 ? 'ON_HOLD' : i % 2 === 0 ? 'IN_PROGRESS' : 'OPEN';
    const openedAt = new Date(now - (90 - i) * DAY);
    const openedBy = jianwaiCase ? USER.jianwaiCoordinator : USER.social;
    const assignee = jianwaiCase ? USER.caseworker : USER.social;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO cases (id, person_id, household_id, holding_organisation_id, opened_by, region_code, needs, priority, status, summary,
         outcome, outcome_note, closed_at, closed_by, created_at, updated_at)
       SELECT $1, p.id, p.household_id, $2, $3, p.region_code, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12 FROM people p WHERE p.id = $13
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, person.holding_organisation_id, openedBy, needs, ['NORMAL', 'HIGH', 'NORMAL', 'URGENT', 'LOW'][i % 5], status,
        `${needs.includes('ELDERLY_CARE') ? '老人' : '居民'}需要${needs.length > 1 ? '多方面' : ''}帮扶`,
        status === 'CLOSED' ? 'NEEDS_MET' : null, status === 'CLOSED' ? '服务已落实，家属满意' : null, status === 'CLOSED' ? new Date(now - 5 * DAY) : null,
        status === 'CLOSED' ? openedBy : null, openedAt, person.id]);
    opened.push({ id, person, needs });
    if (inserted.length === 0) continue;
    cases += 1;
    const event = (kind: string, at: Date, actor: string, details: Record<string, unknown>) =>
      tx.query(`INSERT INTO case_events (id, case_id, occurred_at, actor_user_id, actor_organisation_id, kind, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [newId(), id, at, actor, person.holding_organisation_id, kind, details]);
    await event('OPENED', openedAt, openedBy, {});
    // The first home visit, written up the next day by whoever works the case, for all who work it.
    await tx.query(`INSERT INTO case_notes (id, case_id, author_user_id, author_organisation_id, visibility, body, written_at) VALUES ($1, $2, $3, $4, 'CASE_TEAM', $5, $6)`,
      [newId(), id, assignee, person.holding_organisation_id, '入户走访记录：家中情况已了解，按计划跟进。', new Date(openedAt.getTime() + DAY)]);
    // Every case but every tenth is assigned.
    if (i % 10 !== 9) {
      await tx.query(`INSERT INTO case_assignments (id, case_id, user_id, organisation_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [newId(), id, assignee, person.holding_organisation_id, openedBy, new Date(openedAt.getTime() + HOUR)]);
      await event('ASSIGNED', new Date(openedAt.getTime() + HOUR), openedBy, { userId: assignee, organisationId: person.holding_organisation_id });
    }
    if (status !== 'OPEN') {
      await event('STATUS_CHANGED', new Date(openedAt.getTime() + 2 * DAY), assignee, { from: 'OPEN', to: status, outcome: status === 'CLOSED' ? 'NEEDS_MET' : null });
    }
  }
  const referrals = await seedReferrals(tx, opened.filter((c) => c.person.holding_organisation_id === ORG.jianwai), now);
  return { cases, referrals };
}

async function seedReferrals(tx: EntityManager, cases: { id: string; person: DemoPerson; needs: string[] }[], now: number): Promise<number> {
  const services: { id: string; organisation_id: string; categories: string[] }[] = await tx.query(
    `SELECT id, organisation_id, categories FROM services WHERE organisation_id = ANY($1) AND status = 'ACTIVE' ORDER BY organisation_id, name`,
    [[ORG.elderlyNgo, ORG.familyNgo, ORG.charity]]);
  if (services.length === 0) return 0;
  let added = 0;
  for (const [i, state] of REFERRAL_STATES.entries()) {
    const kase = cases[i % cases.length];
    const service = services.find((s) => s.categories.some((c) => kase.needs.includes(c))) ?? services[i % services.length];
    const id = referralId(i + 1);
    const path = PATHS[state];
    // Unanswered requests are recent (the deadline job reminds, escalates and expires the older ones); the rest spread over a month.
    const requestedAt = new Date(state === S.REQUESTED ? now - (i % 4) * 20 * HOUR - HOUR : now - (30 - i) * DAY);
    const at = (step: number) => new Date(requestedAt.getTime() + step * 20 * HOUR);
    const consent = consentId(i + 1);
    // The person's consent to share basic and contact data with the receiver for this referral.
    await tx.query(
      `INSERT INTO consents (id, person_id, recipient_organisation_id, categories, purpose, valid_from, given_by, evidence, recorded_by, recorded_by_organisation_id)
       VALUES ($1, $2, $3, '{basic,contact}', 'REFERRAL', $4, 'SELF', $5, $6, $7) ON CONFLICT DO NOTHING`,
      [consent, kase.person.id, service.organisation_id, new Date(requestedAt.getTime() - DAY), `转介知情同意书 R-${String(i + 1).padStart(3, '0')}`,
        USER.caseworker, ORG.jianwai]);
    const reason = REASONS[state];
    const ended = [S.REJECTED, S.CANCELLED, S.COMPLETED, S.FAILED, S.ENTERED_IN_ERROR].includes(state);
    const accepted = path.includes(S.ACCEPTED);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO referrals (id, case_id, person_id, sender_organisation_id, sent_by, receiver_organisation_id, service_id, status, needs, urgency,
         region_code, age_band, note_for_receiver, shared_categories, consent_ids, reason_code, reason_text, outcome, outcome_note, requested_at,
         responded_at, accepted_at, ended_at, access_ends_at, created_at, updated_at)
       SELECT $1, $2, p.id, $3, $4, $5, $6, $7, $8, $9, p.region_code,
              CASE WHEN p.birth_date IS NULL THEN NULL WHEN date_part('year', age(p.birth_date)) >= 90 THEN '90+'
                   ELSE (floor(date_part('year', age(p.birth_date)) / 10) * 10)::int || '-' || (floor(date_part('year', age(p.birth_date)) / 10) * 10 + 9)::int END,
              $10, '{basic,contact}', ARRAY[$11::uuid], $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $20
         FROM people p WHERE p.id = $21
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, kase.id, ORG.jianwai, USER.caseworker, service.organisation_id, service.id, state, kase.needs, i % 4 === 0 ? 'HIGH' : 'NORMAL',
        '老人行动不便，家属白天上班，希望尽快安排', consent, reason?.[0] ?? null, reason?.[1] ?? null,
        state === S.COMPLETED ? 'SERVICE_PROVIDED' : null, state === S.COMPLETED ? '已按计划完成服务，老人状况稳定' : null,
        path.length > 0 ? requestedAt : null, path.length > 1 ? at(1) : null, accepted ? at(1) : null, ended ? at(path.length - 1) : null,
        new Date(requestedAt.getTime() - HOUR), kase.person.id]);
    if (inserted.length === 0) continue;
    added += 1;
    let from: S | null = null;
    for (const [step, to] of path.entries()) {
      const sender = SENDER_MOVES.includes(to);
      const actor = sender ? USER.caseworker : RECEIVER_STAFF[service.organisation_id];
      const [code, text] = REASONS[to] ?? [null, null];
      await tx.query(
        `INSERT INTO referral_events (id, referral_id, occurred_at, actor_user_id, actor_organisation_id, kind, from_status, to_status, reason_code, reason_text)
         VALUES ($1, $2, $3, $4, $5, 'STATUS_CHANGED', $6, $7, $8, $9)`,
        [newId(), id, at(step), actor, sender ? ORG.jianwai : service.organisation_id, from, to, code, text]);
      await tx.query(`INSERT INTO case_events (id, case_id, occurred_at, actor_user_id, actor_organisation_id, kind, details) VALUES ($1, $2, $3, $4, $5, 'REFERRAL', $6)`,
        [newId(), kase.id, at(step), actor, sender ? ORG.jianwai : service.organisation_id, { referralId: id, referralStatus: to, organisationId: service.organisation_id }]);
      from = to;
    }
  }
  return added;
}
