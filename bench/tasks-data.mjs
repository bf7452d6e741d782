// The tasks benchmark's data (bench/tasks.mjs), on top of the demo: signed-in volunteers with verified
// profiles in the demo's volunteer group, the open tasks of the board (with places held, waitlists,
// cover requests and released places, so that they fit the board's volunteer in varying degrees), and a
// fresh task for every claim round, each in its own time window. Choices come from a seeded PRNG (ids are
// random); everything is inserted in one transaction, then `VACUUM ANALYZE`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loaderConnection, round } from './lib.mjs';
import { DEMO, insertBatches } from './people-data.mjs';
import { uuidv7At, weighted } from './referrals-data.mjs';

const require = createRequire(import.meta.url);

export const TASKS_SEED = 20_251_111;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo's volunteer group (朝阳区“邻里守望”志愿者服务队), which keeps every bench volunteer. */
export const VOLUNTEER_GROUP = '0193a000-0000-7000-8000-000000000007';

/** The skills of the demo's taxonomy (migrations/1765500000000-CreateTasks.ts). */
const SKILLS = ['COMPANIONSHIP', 'MEAL_DELIVERY', 'TUTORING', 'CARE', 'COUNSELLING', 'LEGAL_AID', 'DRIVING', 'ESCORT', 'HOUSEWORK', 'REPAIRS'];

/** The board's volunteer: three skills, two districts (朝阳 and 海淀), free on weekday evenings and weekend days. */
export const BOARD_VOLUNTEER = {
  email: 'bench-board-volunteer@zhulian.bench',
  skills: ['COMPANIONSHIP', 'ESCORT', 'MEAL_DELIVERY'],
  areas: ['110105', '110108'],
  availability: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '17:00', to: '22:00' })),
    ...[6, 7].map((day) => ({ day, from: '08:00', to: '20:00' })),
  ],
};

/**
 * Where the board's tasks are, by weight: the board volunteer serves 110105 and 110108 only. The claim
 * rounds' tasks are in 310101 (Shanghai), outside the board volunteer's areas: they never show on the
 * measured board.
 */
const BOARD_REGIONS = [['110105', 35], ['110108', 15], ['110101', 20], ['110102', 15], ['110106', 10], ['310101', 5]];
export const ROUND_REGION = '310101';

/** Who posts the tasks: demo organisations and one of their staff (libs/identity/src/demo/identity-demo.ts). */
const POSTERS = [
  { organisationId: DEMO.elderlyNgo, userId: '0193a000-0000-7000-8000-100000000004' }, // ngo@
  { organisationId: DEMO.familyNgo, userId: '0193a000-0000-7000-8000-100000000005' }, // ngo2@
  { organisationId: DEMO.charity, userId: '0193a000-0000-7000-8000-100000000006' }, // charity@
  { organisationId: DEMO.jianwai, userId: DEMO.caseworker }, // caseworker@
  { organisationId: DEMO.sanlitun, userId: DEMO.social }, // social@
];
const ROUND_POSTER = POSTERS[0];

const TITLES = {
  COMPANIONSHIP: '独居老人陪伴聊天', MEAL_DELIVERY: '社区助餐送餐', TUTORING: '小学生课业辅导', CARE: '失能老人生活照护', COUNSELLING: '情绪疏导陪谈',
  LEGAL_AID: '法律咨询答疑', DRIVING: '就医车辆接送', ESCORT: '陪同老人就医', HOUSEWORK: '居家清洁整理', REPAIRS: '家电小修小补',
};


/**
 * Every claim round's task, generated up front: each in its own one-hour window, 90 minutes apart, from
 * 70 days ahead on (after every board task), so that a volunteer holding a place in one round is free in
 * the next (the database refuses overlapping claims). `windows`: how many windows, `tasksPerWindow` of
 * them per window (20 for the spread rounds).
 */
function roundTasks({ first, windows, tasksPerWindow, slots, label, now }) {
  const base = now + 70 * DAY;
  const out = [];
  for (let w = 0; w < windows; w += 1) {
    const startsAt = base + (first + w) * 1.5 * HOUR;
    const group = [];
    for (let k = 0; k < tasksPerWindow; k += 1) {
      group.push({
        id: uuidv7At(now - HOUR + out.length), organisationId: ROUND_POSTER.organisationId, postedBy: ROUND_POSTER.userId,
        title: `${label} ${w + 1}${tasksPerWindow > 1 ? `-${k + 1}` : ''}：社区陪伴`, skills: ['COMPANIONSHIP'], regionCode: ROUND_REGION,
        startsAt, endsAt: startsAt + HOUR, slots, held: 0, waitlistSeq: 0, needsApproval: false, involvesMinor: false, homeVisit: false, createdAt: now - HOUR,
      });
    }
    out.push(group);
  }
  return out;
}

/**
 * Generates everything but the demo. `volunteers` claim in the rounds (all with COMPANIONSHIP, which every
 * round's task asks for, identity and background checked); the board volunteer sees `boardTasks` open
 * tasks; `rounds` maps each phase to its windows: `{ count, perWindow, slots }`.
 */
function generate({ dist, volunteers: volunteerCount, boardTasks, rounds, now, passwordHash }) {
  // The demo generator's PRNG (libs/registry's people-generator, from the dist snapshot): the same choices on every run.
  const { seededRandom } = require(join(dist, 'libs/registry/src/demo/people-generator.js'));
  const random = seededRandom(TASKS_SEED);
  const int = (n) => Math.floor(random() * n);
  const pick = (items) => items[int(items.length)];
  const out = { users: [], memberships: [], profiles: [], sessions: [], tasks: [], claims: [], events: [], coverRequests: [] };

  const addVolunteer = (email, name, profile, hash = null) => {
    const user = { id: randomUUID(), email, name, phone: `139${String(10_000_000 + out.users.length).slice(-8)}`, passwordHash: hash };
    out.users.push(user);
    out.memberships.push({ id: randomUUID(), userId: user.id, organisationId: VOLUNTEER_GROUP, role: 'VOLUNTEER' });
    out.profiles.push({ userId: user.id, ...profile });
    return user;
  };
  const volunteers = [];
  for (let i = 1; i <= volunteerCount; i += 1) {
    const others = SKILLS.filter((s) => s !== 'COMPANIONSHIP');
    const skills = ['COMPANIONSHIP', ...new Set(Array.from({ length: 1 + int(3) }, () => pick(others)))];
    const areas = [...new Set(['110105', pick(['110101', '110102', '110106', '110108', '310101'])])];
    const availability = Array.from({ length: 1 + int(4) }, () => ({ day: 1 + int(7), from: `${String(8 + int(6)).padStart(2, '0')}:00`, to: `${String(15 + int(7)).padStart(2, '0')}:00` }));
    const user = addVolunteer(`bench-volunteer-${String(i).padStart(3, '0')}@zhulian.bench`, `志愿者${String(i).padStart(3, '0')}`,
      { skills, areas, availability, verified: true });
    out.sessions.push({ id: randomUUID(), userId: user.id });
    volunteers.push({ ...user, maxEnd: 0 });
  }
  const board = addVolunteer(BOARD_VOLUNTEER.email, '看板志愿者',
    { skills: BOARD_VOLUNTEER.skills, areas: BOARD_VOLUNTEER.areas, availability: BOARD_VOLUNTEER.availability, verified: true }, passwordHash);

  // The board's open tasks, starting from 2 hours to 60 days ahead, posted over the last 30 days.
  const tasks = [];
  for (let i = 0; i < boardTasks; i += 1) {
    const poster = pick(POSTERS);
    const skills = random() < 0.25 ? [] : [...new Set(Array.from({ length: 1 + int(2) }, () => pick(SKILLS)))];
    const startsAt = now + 2 * HOUR + Math.floor(random() * 58 * DAY / (30 * 60_000)) * 30 * 60_000;
    const createdAt = now - Math.floor(random() * 30 * DAY);
    const slots = 1 + int(6);
    tasks.push({
      id: uuidv7At(createdAt), organisationId: poster.organisationId, postedBy: poster.userId, title: `${TITLES[skills[0] ?? 'COMPANIONSHIP']} ${String(i + 1).padStart(5, '0')}`,
      skills, regionCode: weighted(BOARD_REGIONS, random()), startsAt, endsAt: startsAt + (1 + int(4)) * HOUR, slots, held: 0, waitlistSeq: 0,
      needsApproval: random() < 0.15, involvesMinor: random() < 0.05, homeVisit: random() < 0.1, createdAt, wantHeld: random() < 0.45 ? 1 + int(slots) : 0,
    });
  }
  // Places held: by volunteers free at that time (a volunteer's held claims never overlap), in start order.
  let cursor = 0;
  for (const task of [...tasks].sort((a, b) => a.startsAt - b.startsAt)) {
    const holders = [];
    for (let tries = 0; tries < volunteers.length && holders.length < task.wantHeld; tries += 1) {
      const v = volunteers[(cursor += 1) % volunteers.length];
      if (v.maxEnd <= task.startsAt) holders.push(v);
    }
    for (const v of holders) {
      v.maxEnd = task.endsAt;
      out.claims.push({ id: uuidv7At(task.createdAt + HOUR), taskId: task.id, volunteerId: v.id, status: 'HELD', startsAt: task.startsAt, endsAt: task.endsAt, position: null });
    }
    task.held = holders.length;
    const taken = new Set(holders.map((v) => v.id));
    // A full task has a waitlist now and then (waitlisted claims may overlap: they hold nothing yet).
    if (task.held === task.slots && random() < 0.3) {
      const waiting = 1 + int(5);
      for (let p = 1; p <= waiting; p += 1) {
        let v = pick(volunteers);
        while (taken.has(v.id)) v = pick(volunteers);
        taken.add(v.id);
        out.claims.push({ id: uuidv7At(task.createdAt + 2 * HOUR + p), taskId: task.id, volunteerId: v.id, status: 'WAITLISTED', startsAt: task.startsAt, endsAt: task.endsAt, position: p });
      }
      task.waitlistSeq = waiting;
      // The board volunteer waits in line for some of them (claimedByMe).
      if (random() < 0.2) {
        task.waitlistSeq += 1;
        out.claims.push({ id: uuidv7At(task.createdAt + 3 * HOUR), taskId: task.id, volunteerId: board.id, status: 'WAITLISTED', startsAt: task.startsAt, endsAt: task.endsAt, position: task.waitlistSeq });
      }
    }
    out.events.push({ id: uuidv7At(task.createdAt), taskId: task.id, actor: task.postedBy, organisationId: task.organisationId, kind: 'POSTED', at: task.createdAt });
    // A place given up with nobody waiting (needsCover), and now and then the board volunteer asked to cover it (coverAskedOfMe).
    if (task.held < task.slots && task.waitlistSeq === 0 && random() < 0.05) {
      out.events.push({ id: uuidv7At(task.createdAt + 4 * HOUR), taskId: task.id, actor: null, organisationId: null, kind: 'RELEASED', at: task.createdAt + 4 * HOUR });
      if (random() < 0.3) out.coverRequests.push({ taskId: task.id, volunteerId: board.id, askedBy: task.postedBy });
    }
  }
  out.tasks.push(...tasks);

  // The claim rounds' tasks, one window each (spread rounds: 20 tasks in one window), phase after phase.
  const windows = {};
  let first = 0;
  for (const [phase, { count, perWindow, slots }] of Object.entries(rounds)) {
    const groups = roundTasks({ first, windows: count, tasksPerWindow: perWindow, slots, label: `基准${phase}`, now });
    windows[phase] = groups.map((group) => group.map((t) => t.id));
    for (const group of groups) out.tasks.push(...group);
    first += count;
  }
  return { out, windows, volunteers: volunteers.map(({ id, email }, i) => ({ id, email, sessionId: out.sessions[i].id })), board: { id: board.id, email: board.email } };
}

const USERS_SQL = `INSERT INTO users (id, email, display_name, phone, password_hash)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`;
const MEMBERSHIPS_SQL = `INSERT INTO memberships (id, user_id, organisation_id, role)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`;
const PROFILES_SQL = `INSERT INTO volunteer_profiles (user_id, organisation_id, skills, area_codes, availability, languages, identity_checked_at,
    background_checked_at, background_check_expires_on)
  SELECT u, '${VOLUNTEER_GROUP}', string_to_array(skills, ','), string_to_array(areas, ','), availability::jsonb, '{zh}',
         CASE WHEN verified THEN now() - interval '30 days' END, CASE WHEN verified THEN now() - interval '30 days' END,
         CASE WHEN verified THEN (now() + interval '1 year')::date END
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[]) AS t(u, skills, areas, availability, verified)`;
const SESSIONS_SQL = `INSERT INTO sessions (id, user_id, expires_at) SELECT id, u, now() + interval '7 days' FROM unnest($1::uuid[], $2::uuid[]) AS t(id, u)`;
const TASKS_SQL = `INSERT INTO tasks (id, organisation_id, posted_by, title, skills, region_code, starts_at, ends_at, slots, held, waitlist_seq,
    needs_approval, involves_minor, home_visit, created_at, updated_at)
  SELECT id, org, posted_by, title, string_to_array(skills, ','), region, starts, ends, slots, held, seq, approval, minor, home, created, created
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::int[], $10::int[],
                $11::int[], $12::bool[], $13::bool[], $14::bool[], $15::timestamptz[])
      AS t(id, org, posted_by, title, skills, region, starts, ends, slots, held, seq, approval, minor, home, created)`;
const CLAIMS_SQL = `INSERT INTO task_claims (id, task_id, volunteer_id, status, during, waitlist_position)
  SELECT id, task, volunteer, status, tstzrange(starts, ends), position
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[]) AS t(id, task, volunteer, status, starts, ends, position)`;
const EVENTS_SQL = `INSERT INTO task_events (id, task_id, actor_user_id, actor_organisation_id, kind, occurred_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[])`;
const COVER_SQL = `INSERT INTO task_cover_requests (task_id, volunteer_id, asked_by) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])`;

const iso = (ms) => new Date(ms).toISOString();

/**
 * Generates and inserts the volunteers (with a live session each, for tokens minted like the API's), the
 * board's tasks and the rounds' tasks in one transaction, then `VACUUM ANALYZE`s. `rounds`: per phase,
 * `{ count, perWindow, slots }`. Returns the ids the benchmark needs and the table counts.
 */
export async function loadTasks({ dist, databaseUrl, volunteers, boardTasks, rounds, guard, say }) {
  const { client, end } = await loaderConnection(databaseUrl, guard);
  try {
    const now = Date.now();
    const t0 = performance.now();
    const { rows: [demoUser] } = await client.query(`SELECT password_hash FROM users WHERE email = 'volunteer@zhulian.demo'`);
    if (!demoUser?.password_hash) throw new Error('the demo user volunteer@zhulian.demo is missing: did seed-demo run?');
    const { out, windows, volunteers: people, board } = generate({ dist, volunteers, boardTasks, rounds, now, passwordHash: demoUser.password_hash });
    const t1 = performance.now();
    say(`data: ${out.users.length} volunteers, ${out.tasks.length} tasks (${boardTasks} on the board), ${out.claims.length} claims generated in ${((t1 - t0) / 1000).toFixed(1)} s`);
    await client.query('BEGIN');
    await insertBatches(client, out.users, USERS_SQL, [(u) => u.id, (u) => u.email, (u) => u.name, (u) => u.phone, (u) => u.passwordHash]);
    await insertBatches(client, out.memberships, MEMBERSHIPS_SQL, [(m) => m.id, (m) => m.userId, (m) => m.organisationId, (m) => m.role]);
    await insertBatches(client, out.profiles, PROFILES_SQL, [(p) => p.userId, (p) => p.skills.join(','), (p) => p.areas.join(','), (p) => JSON.stringify(p.availability), (p) => p.verified]);
    await insertBatches(client, out.sessions, SESSIONS_SQL, [(s) => s.id, (s) => s.userId]);
    await insertBatches(client, out.tasks, TASKS_SQL, [
      (t) => t.id, (t) => t.organisationId, (t) => t.postedBy, (t) => t.title, (t) => t.skills.join(','), (t) => t.regionCode, (t) => iso(t.startsAt), (t) => iso(t.endsAt),
      (t) => t.slots, (t) => t.held, (t) => t.waitlistSeq, (t) => t.needsApproval, (t) => t.involvesMinor, (t) => t.homeVisit, (t) => iso(t.createdAt),
    ]);
    await insertBatches(client, out.claims, CLAIMS_SQL, [(c) => c.id, (c) => c.taskId, (c) => c.volunteerId, (c) => c.status, (c) => iso(c.startsAt), (c) => iso(c.endsAt), (c) => c.position]);
    await insertBatches(client, out.events, EVENTS_SQL, [(e) => e.id, (e) => e.taskId, (e) => e.actor, (e) => e.organisationId, (e) => e.kind, (e) => iso(e.at)]);
    await insertBatches(client, out.coverRequests, COVER_SQL, [(r) => r.taskId, (r) => r.volunteerId, (r) => r.askedBy]);
    await client.query('COMMIT');
    const t2 = performance.now();
    await client.query('VACUUM ANALYZE');
    const t3 = performance.now();
    const { rows: [tables] } = await client.query(`SELECT (SELECT count(*) FROM volunteer_profiles)::int AS volunteer_profiles,
      (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM tasks WHERE title NOT LIKE '基准%')::int AS board_tasks,
      (SELECT count(*) FROM task_claims)::int AS task_claims, (SELECT count(*) FROM task_events)::int AS task_events,
      (SELECT count(*) FROM task_cover_requests)::int AS task_cover_requests`);
    return {
      volunteers: people, board, windows,
      generated: { users: out.users.length, tasks: out.tasks.length, claims: out.claims.length, events: out.events.length, coverRequests: out.coverRequests.length },
      tables,
      seconds: { generate: round((t1 - t0) / 1000), insert: round((t2 - t1) / 1000), vacuumAnalyze: round((t3 - t2) / 1000) },
    };
  } finally {
    await end();
  }
}
