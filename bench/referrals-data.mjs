// The referrals benchmark's data (bench/referrals.mjs), on top of the demo and the generated people
// (bench/people-data.mjs): organisations (mostly NGOs) with a coordinator each, services with
// eligibility and places, cases, referrals in a realistic mix of FHIR Task states with their
// timestamps, REFERRAL consents (or a coordinator's override), and the capacity race's fixture. Drawn
// from the demo's seeded PRNG (deterministic choices; ids are random), inserted in one transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loaderConnection, round } from './lib.mjs';
import { DEMO, insertBatches, OFFICES } from './people-data.mjs';

const require = createRequire(import.meta.url);

export const REFERRALS_SEED = 20_250_606;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Referrals and cases spread over the last two years (as the PostGraphile peer's referrals). */
const SPAN_DAYS = 730;
/** How many generated services the measured NGO (the demo's elderly-care centre) runs. */
const MEASURED_NGO_SERVICES = 2;
export const RACE = { places: 10, referrals: 100 };

const NEEDS = ['BASIC_LIVING', 'MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'ELDERLY_CARE', 'CHILD_PROTECTION', 'DISABILITY', 'MENTAL_HEALTH', 'TEMPORARY_EMERGENCY'];
const SERVICE_WORDS = {
  BASIC_LIVING: ['助餐', '生活物资', '临时生活补贴'], MEDICAL: ['义诊', '陪诊', '康复护理'], EDUCATION: ['课业辅导', '助学金'], HOUSING: ['住房维修', '租房援助'],
  EMPLOYMENT: ['就业培训', '岗位对接'], ELDERLY_CARE: ['居家养老', '日间照料', '助浴'], CHILD_PROTECTION: ['儿童临时照护', '儿童心理辅导'],
  DISABILITY: ['辅具租借', '残障康复'], MENTAL_HEALTH: ['心理咨询', '情绪支持小组'], TEMPORARY_EMERGENCY: ['应急救助', '临时庇护'],
};
const NGO_WORDS = ['阳光', '益邻', '同心', '暖心', '和睦', '康乐', '爱邻', '晨曦', '惠民', '善缘', '安心', '乐龄'];

/** A UUIDv7 whose time part is `ms`: the API's ids are v7, ordered by creation, and lists page by id. */
export function uuidv7At(ms) {
  const random = randomBytes(10);
  const hex = Math.floor(ms).toString(16).padStart(12, '0') + random.toString('hex');
  const variant = (8 + (random[2] & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The weighted choice of `table` ([value, weight] pairs) for a random number in [0, 1). */
export function weighted(table, r) {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let x = r * total;
  for (const [value, w] of table) {
    if ((x -= w) < 0) return value;
  }
  return table[table.length - 1][0];
}

// States by how long ago the referral was made: fresh ones wait or are being worked, old ones have ended.
const STATES_FRESH = [['DRAFT', 5], ['REQUESTED', 50], ['ACCEPTED', 20], ['IN_PROGRESS', 10], ['REJECTED', 10], ['CANCELLED', 5]]; // < 7 days
const STATES_RECENT = [['DRAFT', 2], ['ACCEPTED', 5], ['IN_PROGRESS', 20], ['ON_HOLD', 5], ['COMPLETED', 40], ['REJECTED', 12], ['CANCELLED', 12], ['FAILED', 4]]; // < 90 days
const STATES_OLD = [['IN_PROGRESS', 2], ['ON_HOLD', 1], ['COMPLETED', 60], ['REJECTED', 15], ['CANCELLED', 15], ['FAILED', 5], ['ENTERED_IN_ERROR', 2]];
const ACCEPTED_FAMILY = new Set(['ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED']);
const ACTIVE = new Set(['ACCEPTED', 'IN_PROGRESS', 'ON_HOLD']);
const ENDED = new Set(['REJECTED', 'CANCELLED', 'COMPLETED', 'FAILED', 'ENTERED_IN_ERROR']);
const CONSENT_CATEGORIES = [[['basic', 'contact'], 70], [['basic', 'contact', 'health'], 20], [['basic', 'contact', 'identity'], 10]];
const URGENCY = [['LOW', 15], ['NORMAL', 55], ['HIGH', 22], ['URGENT', 8]];

function ageBand(birthDate, now) {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  const today = new Date(now);
  const age = today.getUTCFullYear() - y - (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d) ? 1 : 0);
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

/**
 * Everything but the people, generated in memory. `people` are bench/people-data.mjs's generated
 * people (id, office, householdId, member). Organisations: the demo's 7 and `orgs - 7` generated ones
 * (75 % NGOs, 13 % charities, 12 % street offices), plus two for the race.
 */
function generate({ dist, people, orgs, services: serviceCount, cases: caseCount, referrals: referralCount, now }) {
  const { seededRandom } = require(join(dist, 'libs/registry/src/demo/people-generator.js'));
  const random = seededRandom(REFERRALS_SEED);
  const int = (n) => Math.floor(random() * n);
  const pick = (items) => items[int(items.length)];
  const out = { organisations: [], users: [], memberships: [], services: [], cases: [], referrals: [], consents: [] };

  // Organisations, each with a coordinator (who opens cases and sends referrals for it).
  const coordinatorOf = new Map();
  const addOrg = (org) => {
    out.organisations.push(org);
    return org;
  };
  const addUser = (email, name, organisationId, role, passwordHash = null) => {
    const user = { id: randomUUID(), email, name, passwordHash };
    out.users.push(user);
    out.memberships.push({ id: randomUUID(), userId: user.id, organisationId, role });
    return user;
  };
  const generated = [];
  for (let i = 1; i <= Math.max(0, orgs - 7); i += 1) {
    const r = random();
    const kind = r < 0.75 ? 'NGO' : r < 0.88 ? 'CHARITY' : 'GOVERNMENT_OFFICE';
    const n = String(i).padStart(3, '0');
    const name = kind === 'NGO' ? `朝阳区${pick(NGO_WORDS)}社会工作服务中心${n}号` : kind === 'CHARITY' ? `朝阳区${pick(NGO_WORDS)}慈善基金${n}号`
      : `朝阳区第${n}街道办事处`;
    generated.push(addOrg({ id: uuidv7At(now - SPAN_DAYS * DAY - DAY + i), kind, name, parentId: kind === 'GOVERNMENT_OFFICE' ? DEMO.district : null }));
  }
  const caseHolders = [
    ...generated, { id: DEMO.elderlyNgo, kind: 'NGO' }, { id: DEMO.familyNgo, kind: 'NGO' }, { id: DEMO.charity, kind: 'CHARITY' },
  ];
  for (const [i, org] of [...caseHolders, { id: DEMO.jianwai }, { id: DEMO.sanlitun }].entries()) {
    coordinatorOf.set(org.id, addUser(`bench-coordinator-${String(i + 1).padStart(3, '0')}@zhulian.bench`, `协调员${i + 1}`, org.id, 'COORDINATOR').id);
  }
  const providers = caseHolders.filter((o) => o.kind !== 'GOVERNMENT_OFFICE' && o.id !== DEMO.elderlyNgo);

  // Services: MEASURED_NGO_SERVICES for the elderly-care NGO, the rest spread over the other NGOs and charities.
  const byCategory = new Map(NEEDS.map((n) => [n, []]));
  for (let i = 0; i < serviceCount; i += 1) {
    const organisationId = i < MEASURED_NGO_SERVICES ? DEMO.elderlyNgo : pick(providers).id;
    const first = i < MEASURED_NGO_SERVICES ? ['ELDERLY_CARE', 'MEDICAL'][i] : pick(NEEDS);
    const categories = random() < 0.3 ? [...new Set([first, pick(NEEDS)])] : [first];
    const counted = random() < 0.7;
    const maximum = counted ? 10 + int(31) : null;
    const service = {
      id: uuidv7At(now - SPAN_DAYS * DAY - 12 * HOUR + i), organisationId, name: `${pick(SERVICE_WORDS[first])}服务 ${String(i + 1).padStart(3, '0')}`,
      categories, status: random() < 0.96 ? 'ACTIVE' : 'TEMPORARILY_CLOSED',
      minimumAge: categories.includes('ELDERLY_CARE') ? 60 : categories.includes('CHILD_PROTECTION') || categories.includes('EDUCATION') ? null : random() < 0.1 ? 18 : null,
      maximumAge: categories.includes('CHILD_PROTECTION') && !categories.includes('ELDERLY_CARE') ? 17 : null,
      eligibleRegionCodes: random() < 0.5 ? ['110105'] : random() < 0.5 ? ['110000'] : [],
      maxIncomePerPersonCents: categories.includes('BASIC_LIVING') || random() < 0.15 ? 150_000 + int(10) * 20_000 : null,
      eligibleNeeds: [], requiredDocuments: random() < 0.4 ? ['居民身份证'] : [],
      serviceAreaCodes: random() < 0.8 ? ['110105'] : random() < 0.5 ? ['110101', '110102'] : [],
      capacityMaximum: maximum, capacityAvailable: maximum, holders: 0, createdBy: coordinatorOf.get(organisationId), createdAt: now - SPAN_DAYS * DAY,
    };
    out.services.push(service);
    for (const category of categories) byCategory.get(category).push(service);
  }

  // Cases: 70 % held by the person's own street office (opened by who registered them), 30 % by another organisation.
  const casesByTime = [];
  for (let i = 0; i < caseCount; i += 1) {
    const person = people[int(people.length)];
    const own = random() < 0.7;
    const holder = own ? person.office.organisationId : pick(caseHolders).id;
    const openedBy = own ? person.office.registeredBy : coordinatorOf.get(holder);
    const createdAt = now - Math.floor(random() * SPAN_DAYS * DAY);
    const needs = random() < 0.6 ? [pick(NEEDS)] : [...new Set([pick(NEEDS), pick(NEEDS), ...(random() < 0.3 ? [pick(NEEDS)] : [])])];
    casesByTime.push({
      id: null, person, householdId: person.householdId, holder, openedBy, createdAt, needs, priority: weighted(URGENCY, random()),
      summary: `${person.member.fullName}：${needs.length} 项需求`, lastEnded: 0, open: false, referrals: 0,
    });
  }
  // The matching case (D): an open case of an elderly person 建外 holds, needing elderly care, medical help and basic living.
  const elder = people.find((p) => p.office.organisationId === DEMO.jianwai && Number(p.member.birthDate.slice(0, 4)) <= 1955) ?? people[0];
  casesByTime.push({
    id: null, person: elder, householdId: elder.householdId, holder: elder.office.organisationId, openedBy: elder.office.registeredBy,
    createdAt: now - 3 * DAY, needs: ['ELDERLY_CARE', 'MEDICAL', 'BASIC_LIVING'], priority: 'HIGH', summary: '独居老人：养老、就医、生活', lastEnded: 0,
    open: true, referrals: 0, matching: true,
  });
  casesByTime.sort((a, b) => a.createdAt - b.createdAt);
  for (const k of casesByTime) k.id = uuidv7At(k.createdAt);

  // Referrals from cases, at a time after the case opened, to a service of another organisation that offers one of its needs.
  const consentByKey = new Map();
  for (let i = 0; i < referralCount; i += 1) {
    const createdAt = now - Math.floor(random() * SPAN_DAYS * DAY) - 60_000;
    // A case opened before then (binary search on the opening times).
    let lo = 0;
    let hi = casesByTime.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (casesByTime[mid].createdAt <= createdAt) lo = mid + 1;
      else hi = mid;
    }
    const kase = casesByTime[int(Math.max(1, lo))];
    if (kase.matching) continue; // the matching case keeps no referrals (its service history stays the services')
    let service = null;
    for (let tries = 0; tries < 10 && !service; tries += 1) {
      const offering = byCategory.get(pick(kase.needs));
      const candidate = pick(offering.length > 0 ? offering : out.services);
      if (candidate && candidate.organisationId !== kase.holder) service = candidate;
    }
    if (!service) continue;
    const age = now - createdAt;
    const status = weighted(age < 7 * DAY ? STATES_FRESH : age < 90 * DAY ? STATES_RECENT : STATES_OLD, random());
    const cats = weighted(CONSENT_CATEGORIES, random());
    const override = status !== 'DRAFT' && random() < 0.08;
    const responded = ACCEPTED_FAMILY.has(status) || status === 'REJECTED' || (status === 'CANCELLED' && random() < 0.3) ? createdAt + HOUR + Math.floor(random() * 47 * HOUR) : null;
    const respondedAt = responded === null ? null : Math.min(responded, now - 30_000);
    const acceptedAt = ACCEPTED_FAMILY.has(status) || (status === 'CANCELLED' && respondedAt !== null) ? respondedAt : null;
    let endedAt = null;
    if (ENDED.has(status)) {
      endedAt = respondedAt !== null && status !== 'REJECTED' ? respondedAt + DAY + Math.floor(random() * 60 * DAY)
        : status === 'CANCELLED' && age > 7 * DAY ? createdAt + 7 * DAY : (respondedAt ?? createdAt) + Math.floor(random() * 2 * DAY);
      endedAt = Math.min(endedAt, now - 20_000);
    }
    const expired = status === 'CANCELLED' && respondedAt === null && age > 7 * DAY;
    const reason = {
      REJECTED: weighted([['NOT_ELIGIBLE', 3], ['NO_CAPACITY', 3], ['OUT_OF_AREA', 1], ['PERSON_DECLINED', 2]], random()),
      CANCELLED: expired ? 'EXPIRED' : weighted([['PERSON_DECLINED', 2], ['NEEDS_CHANGED', 2], ['DUPLICATE', 1]], random()),
      ON_HOLD: 'WAITING_FOR_DOCUMENTS', FAILED: 'PERSON_UNREACHABLE',
    }[status] ?? null;
    let holdsPlace = false;
    if (ACTIVE.has(status) && service.capacityMaximum !== null && service.holders < service.capacityMaximum) {
      service.holders += 1;
      service.capacityAvailable -= 1;
      holdsPlace = true;
    }
    const senderCoordinator = coordinatorOf.get(kase.holder);
    const referral = {
      id: uuidv7At(createdAt), caseId: kase.id, personId: kase.person.id, sender: kase.holder, sentBy: override ? senderCoordinator : kase.openedBy,
      receiver: service.organisationId, serviceId: service.id, status, needs: [...new Set([...kase.needs.filter((n) => service.categories.includes(n)), ...kase.needs])].slice(0, 3),
      urgency: kase.priority, ageBand: ageBand(kase.person.member.birthDate, now), note: random() < 0.4 ? '请尽快联系本人，白天在家。' : null,
      sharedCategories: cats, consentIds: [], overrideReason: override ? '本人行动不便且无法签字，情况紧急，协调员决定先行转介。' : null,
      reasonCode: reason, reasonText: reason ? (expired ? '接收方在期限内未答复，已自动取消。' : '已与相关人员沟通确认。') : null,
      outcome: status === 'COMPLETED' ? weighted([['SERVICE_PROVIDED', 80], ['PARTLY_PROVIDED', 15], ['REFERRED_ONWARD', 5]], random()) : null,
      outcomeNote: status === 'COMPLETED' ? '服务已按计划提供。' : null,
      holdsPlace, requestedAt: status === 'DRAFT' ? null : createdAt, respondedAt, acceptedAt, endedAt, createdAt,
    };
    // The person's consent to share these categories with the receiver for a REFERRAL, recorded before sending (one per person and receiver).
    if (status !== 'DRAFT' && !override) {
      const key = `${referral.personId}|${referral.receiver}`;
      let consent = consentByKey.get(key);
      if (!consent) {
        consent = { id: uuidv7At(createdAt - DAY), personId: referral.personId, recipient: referral.receiver, categories: new Set(), validFrom: createdAt - DAY,
          recordedBy: kase.openedBy, recordedByOrganisation: kase.holder };
        consentByKey.set(key, consent);
      }
      for (const c of cats) consent.categories.add(c);
      consent.validFrom = Math.min(consent.validFrom, createdAt - DAY);
      referral.consentIds = [consent.id];
    }
    kase.referrals += 1;
    kase.lastEnded = Math.max(kase.lastEnded, endedAt ?? Infinity);
    out.referrals.push(referral);
  }
  // A case whose referrals all ended more than 90 days ago is closed, most of the time.
  for (const k of casesByTime) {
    const closed = !k.matching && k.referrals > 0 && Number.isFinite(k.lastEnded) && now - k.lastEnded > 90 * DAY && random() < 0.8;
    out.cases.push({ ...k, status: closed ? 'CLOSED' : k.open || random() < 0.5 ? 'OPEN' : 'IN_PROGRESS', closedAt: closed ? k.lastEnded + DAY : null,
      closedBy: closed ? coordinatorOf.get(k.holder) ?? k.openedBy : null, outcome: closed ? 'NEEDS_MET' : null });
  }
  out.consents = [...consentByKey.values()].map((c) => ({ ...c, categories: [...c.categories].sort() }));
  out.matchingCaseId = casesByTime.find((k) => k.matching).id;
  return out;
}

/**
 * The capacity race's fixture: an office sends 100 REQUESTED referrals (with consent) to the one
 * service of an NGO that has 10 places; the NGO's staff member (who signs in with the demo password)
 * accepts them all at once. Both organisations are the race's own: nobody measured sees them.
 */
function raceFixture({ people, now, passwordHash }) {
  const office = { id: uuidv7At(now - DAY), kind: 'GOVERNMENT_OFFICE', name: '朝阳区基准测试转出办事处', parentId: DEMO.district };
  const ngo = { id: uuidv7At(now - DAY + 1), kind: 'NGO', name: '朝阳区基准测试容量服务中心', parentId: null };
  const coordinator = { id: randomUUID(), email: 'bench-race-coordinator@zhulian.bench', name: '竞争协调员', passwordHash: null };
  const staff = { id: randomUUID(), email: 'bench-race-staff@zhulian.bench', name: '竞争接收员', passwordHash };
  const service = {
    id: uuidv7At(now - DAY + 2), organisationId: ngo.id, name: '临时庇护（10 个床位）', categories: ['TEMPORARY_EMERGENCY'], status: 'ACTIVE',
    minimumAge: null, maximumAge: null, eligibleRegionCodes: [], maxIncomePerPersonCents: null, eligibleNeeds: [], requiredDocuments: [],
    serviceAreaCodes: ['110105'], capacityMaximum: RACE.places, capacityAvailable: RACE.places, createdBy: coordinator.id, createdAt: now - DAY,
  };
  const cases = [];
  const referrals = [];
  const consents = [];
  for (let i = 0; i < RACE.referrals; i += 1) {
    const person = people[people.length - 1 - i];
    const at = now - 2 * HOUR + i * 1000;
    const kase = { id: uuidv7At(at - HOUR), person, householdId: person.householdId, holder: office.id, openedBy: coordinator.id, createdAt: at - HOUR,
      needs: ['TEMPORARY_EMERGENCY'], priority: 'URGENT', summary: '临时庇护', status: 'OPEN', closedAt: null, closedBy: null, outcome: null };
    const consent = { id: uuidv7At(at - 30_000), personId: person.id, recipient: ngo.id, categories: ['basic', 'contact'], validFrom: at - DAY,
      recordedBy: coordinator.id, recordedByOrganisation: office.id };
    cases.push(kase);
    consents.push(consent);
    referrals.push({
      id: uuidv7At(at), caseId: kase.id, personId: person.id, sender: office.id, sentBy: coordinator.id, receiver: ngo.id, serviceId: service.id,
      status: 'REQUESTED', needs: ['TEMPORARY_EMERGENCY'], urgency: 'URGENT', ageBand: ageBand(person.member.birthDate, now), note: null,
      sharedCategories: ['basic', 'contact'], consentIds: [consent.id], overrideReason: null, reasonCode: null, reasonText: null, outcome: null,
      outcomeNote: null, holdsPlace: false, requestedAt: at, respondedAt: null, acceptedAt: null, endedAt: null, createdAt: at,
    });
  }
  return {
    organisations: [office, ngo], users: [coordinator, staff],
    memberships: [{ id: randomUUID(), userId: coordinator.id, organisationId: office.id, role: 'COORDINATOR' }, { id: randomUUID(), userId: staff.id, organisationId: ngo.id, role: 'STAFF' }],
    services: [service], cases, referrals, consents,
    ids: { office: office.id, ngo: ngo.id, service: service.id, staffEmail: staff.email, referralIds: referrals.map((r) => r.id) },
  };
}

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const csv = (items) => items.join(',');

const ORGANISATIONS_SQL = `INSERT INTO organisations (id, kind, name, region_code, parent_id)
  SELECT id, kind, name, '110105', parent FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS t(id, kind, name, parent)`;
const USERS_SQL = `INSERT INTO users (id, email, display_name, password_hash)
  SELECT id, email, name, hash FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, email, name, hash)`;
const MEMBERSHIPS_SQL = `INSERT INTO memberships (id, user_id, organisation_id, role)
  SELECT id, u, o, role FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS t(id, u, o, role)`;
const SERVICES_SQL = `INSERT INTO services (id, organisation_id, name, description, status, categories, minimum_age, maximum_age, eligible_region_codes,
    max_income_per_person_cents, eligible_needs, required_documents, service_area_codes, capacity_available, capacity_maximum, capacity_unit,
    capacity_updated_at, created_by, created_at, updated_at)
  SELECT id, org, name, '基准测试生成的服务。', status, string_to_array(cats, ','), min_age, max_age, string_to_array(regions, ','), max_income,
         string_to_array(needs, ','), string_to_array(docs, ','), string_to_array(areas, ','), available, maximum,
         CASE WHEN maximum IS NULL THEN NULL ELSE '个名额' END, CASE WHEN maximum IS NULL THEN NULL ELSE now() END, created_by, created, created
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::bigint[], $10::text[], $11::text[],
                $12::text[], $13::int[], $14::int[], $15::uuid[], $16::timestamptz[])
      AS t(id, org, name, status, cats, min_age, max_age, regions, max_income, needs, docs, areas, available, maximum, created_by, created)`;
const CASES_SQL = `INSERT INTO cases (id, person_id, household_id, holding_organisation_id, opened_by, region_code, needs, priority, status, summary,
    outcome, closed_at, closed_by, created_at, updated_at)
  SELECT id, person, household, holder, opened_by, '110105', string_to_array(needs, ','), priority, status, summary, outcome, closed_at, closed_by, created, created
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                $11::timestamptz[], $12::uuid[], $13::timestamptz[])
      AS t(id, person, household, holder, opened_by, needs, priority, status, summary, outcome, closed_at, closed_by, created)`;
const REFERRALS_SQL = `INSERT INTO referrals (id, case_id, person_id, sender_organisation_id, sent_by, receiver_organisation_id, service_id, status, needs,
    urgency, region_code, age_band, note_for_receiver, shared_categories, consent_ids, override_reason, reason_code, reason_text, outcome, outcome_note,
    holds_place, requested_at, responded_at, accepted_at, ended_at, access_ends_at, created_at, updated_at)
  SELECT id, case_id, person, sender, sent_by, receiver, service, status, string_to_array(needs, ','), urgency, '110105', age_band, note,
         string_to_array(shared, ','), string_to_array(consents, ',')::uuid[], override, reason_code, reason_text, outcome, outcome_note, holds,
         requested, responded, accepted, ended,
         ended + make_interval(days => COALESCE((SELECT s.access_grace_days FROM referral_settings s WHERE s.organisation_id = receiver), 0)),
         created, COALESCE(ended, responded, created)
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[],
                $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::bool[],
                $21::timestamptz[], $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::timestamptz[])
      AS t(id, case_id, person, sender, sent_by, receiver, service, status, needs, urgency, age_band, note, shared, consents, override, reason_code,
           reason_text, outcome, outcome_note, holds, requested, responded, accepted, ended, created)`;
const CONSENTS_SQL = `INSERT INTO consents (id, person_id, recipient_organisation_id, categories, purpose, valid_from, given_by, evidence, recorded_by,
    recorded_by_organisation_id, created_at)
  SELECT id, person, recipient, string_to_array(cats, ','), 'REFERRAL', valid_from, 'SELF', 'bench: 转介知情同意书', recorded_by, recorded_org, valid_from
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::uuid[], $7::uuid[])
      AS t(id, person, recipient, cats, valid_from, recorded_by, recorded_org)`;

async function insertAll(client, data) {
  await insertBatches(client, data.organisations, ORGANISATIONS_SQL, [(o) => o.id, (o) => o.kind, (o) => o.name, (o) => o.parentId]);
  await insertBatches(client, data.users, USERS_SQL, [(u) => u.id, (u) => u.email, (u) => u.name, (u) => u.passwordHash]);
  await insertBatches(client, data.memberships, MEMBERSHIPS_SQL, [(m) => m.id, (m) => m.userId, (m) => m.organisationId, (m) => m.role]);
  await insertBatches(client, data.services, SERVICES_SQL, [
    (s) => s.id, (s) => s.organisationId, (s) => s.name, (s) => s.status, (s) => csv(s.categories), (s) => s.minimumAge, (s) => s.maximumAge,
    (s) => csv(s.eligibleRegionCodes), (s) => s.maxIncomePerPersonCents, (s) => csv(s.eligibleNeeds), (s) => csv(s.requiredDocuments),
    (s) => csv(s.serviceAreaCodes), (s) => s.capacityAvailable, (s) => s.capacityMaximum, (s) => s.createdBy ?? null, (s) => iso(s.createdAt),
  ]);
  await insertBatches(client, data.cases, CASES_SQL, [
    (k) => k.id, (k) => k.person.id, (k) => k.householdId, (k) => k.holder, (k) => k.openedBy, (k) => csv(k.needs), (k) => k.priority, (k) => k.status,
    (k) => k.summary, (k) => k.outcome, (k) => iso(k.closedAt), (k) => k.closedBy, (k) => iso(k.createdAt),
  ]);
  await insertBatches(client, data.consents, CONSENTS_SQL, [
    (c) => c.id, (c) => c.personId, (c) => c.recipient, (c) => csv(c.categories), (c) => iso(c.validFrom), (c) => c.recordedBy, (c) => c.recordedByOrganisation,
  ]);
  await insertBatches(client, data.referrals, REFERRALS_SQL, [
    (r) => r.id, (r) => r.caseId, (r) => r.personId, (r) => r.sender, (r) => r.sentBy, (r) => r.receiver, (r) => r.serviceId, (r) => r.status, (r) => csv(r.needs),
    (r) => r.urgency, (r) => r.ageBand, (r) => r.note, (r) => csv(r.sharedCategories), (r) => csv(r.consentIds), (r) => r.overrideReason, (r) => r.reasonCode,
    (r) => r.reasonText, (r) => r.outcome, (r) => r.outcomeNote, (r) => r.holdsPlace, (r) => iso(r.requestedAt), (r) => iso(r.respondedAt),
    (r) => iso(r.acceptedAt), (r) => iso(r.endedAt), (r) => iso(r.createdAt),
  ]);
}

/**
 * Generates and inserts the organisations, users, services, cases, referrals and consents (and the
 * race fixture) in one transaction, then `VACUUM ANALYZE`s the database. `people`: the generated people.
 */
export async function loadReferrals({ dist, databaseUrl, people, orgs, services, cases, referrals, guard, say }) {
  const { client, end } = await loaderConnection(databaseUrl, guard);
  try {
    const now = Date.now();
    const t0 = performance.now();
    const { rows: [demoUser] } = await client.query(`SELECT password_hash FROM users WHERE email = 'ngo@zhulian.demo'`);
    if (!demoUser?.password_hash) throw new Error('the demo user ngo@zhulian.demo is missing: did seed-demo run?');
    // The race takes its people from the end of the list, the rest from the other people.
    const race = raceFixture({ people, now, passwordHash: demoUser.password_hash });
    const data = generate({ dist, people: people.slice(0, people.length - RACE.referrals), orgs, services, cases, referrals, now });
    const t1 = performance.now();
    say(`data: ${data.organisations.length + race.organisations.length} organisations, ${data.services.length + 1} services, ${data.cases.length + race.cases.length} cases, ` +
      `${data.referrals.length + race.referrals.length} referrals and ${data.consents.length + race.consents.length} REFERRAL consents generated in ${((t1 - t0) / 1000).toFixed(1)} s`);
    await client.query('BEGIN');
    await insertAll(client, data);
    await insertAll(client, race);
    await client.query('COMMIT');
    const t2 = performance.now();
    await client.query('VACUUM ANALYZE');
    const t3 = performance.now();
    const { rows: [tables] } = await client.query(`SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM services)::int AS services, (SELECT count(*) FROM cases)::int AS cases,
      (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM consents)::int AS consents`);
    const { rows: states } = await client.query(`SELECT status, count(*)::int AS n FROM referrals GROUP BY status ORDER BY count(*) DESC`);
    return {
      generated: {
        organisations: data.organisations.length, services: data.services.length, cases: data.cases.length, referrals: data.referrals.length,
        consents: data.consents.length, overrides: data.referrals.filter((r) => r.overrideReason).length,
        race: { organisations: 2, services: 1, cases: race.cases.length, referrals: race.referrals.length },
      },
      tables,
      referralStates: Object.fromEntries(states.map((s) => [s.status, s.n])),
      seconds: { generate: round((t1 - t0) / 1000), insert: round((t2 - t1) / 1000), vacuumAnalyze: round((t3 - t2) / 1000) },
      matchingCaseId: data.matchingCaseId,
      race: race.ids,
      offices: OFFICES.map((o) => o.organisationId),
    };
  } finally {
    await end();
  }
}
