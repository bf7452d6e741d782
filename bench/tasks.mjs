// `node bench/tasks.mjs`: volunteer service tasks (issue 11). The claim race — CLAIMERS signed-in volunteers
// claim ONE 3-place task at once through the API (`claimTask`), a fresh task every round, beside the same
// claims made raw through `pg` (the service's own write statements, in one transaction each) in the same
// run; the same spread over 20 tasks; claims arriving one by one at a steady rate over 20 tasks at a time
// (latency as a volunteer meets it outside a burst); and the volunteers' open-task board (`taskBoard`) over TASKS open
// tasks with autocannon, beside its SQL run raw. Every round is checked in the database (exactly 3 held,
// the rest waitlisted 1..n, contiguous) and the board's first page against the raw rows.
// Builds the API if dist/ is stale (BUILD) and runs a snapshot of it; a fresh database (embedded, or a
// throw-away one on DATABASE_URL); migrate, seed-demo, then bench/tasks-data.mjs. Prints markdown tables
// and writes bench/results/tasks-latest.json. See bench/README.md.
// Knobs (env): ROUNDS, SPREAD_ROUNDS, WARMUP_ROUNDS, CLAIMERS, TASKS, DURATION, WARMUP, CONNS, STEADY_RATE, STEADY_SECONDS, BUILD, DATABASE_URL, OUT,
// SERVER_CPU_PROF.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  ACCESS_TOKEN_TTL_SECONDS, accessToken, baseEnv, capturingManager, cpuMeter, exitGuard, freshDatabase, gitCommit, graphqlUrl, load, loopLoad, markdownTable, mb,
  numberKnob, percentiles, postJson, postmasterPid, runStamp, snapshotDist, round, runCli, sampleRss, signIn, startServer, statementCounter, summarise,
} from './lib.mjs';
import { makeSecrets } from './people-data.mjs';
import { uuidv7At } from './referrals-data.mjs';
import { BOARD_VOLUNTEER, loadTasks, VOLUNTEER_GROUP } from './tasks-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = process.env.OUT ? resolve(process.env.OUT) : join(ROOT, 'bench', 'results', 'tasks-latest.json');
const require = createRequire(import.meta.url);

const ROUNDS = numberKnob('ROUNDS', 1000, { integer: true });
const SPREAD_ROUNDS = numberKnob('SPREAD_ROUNDS', 100, { integer: true, allowZero: true });
const WARMUP_ROUNDS = numberKnob('WARMUP_ROUNDS', 3, { integer: true, allowZero: true });
const CLAIMERS = numberKnob('CLAIMERS', 200, { integer: true });
const TASKS = numberKnob('TASKS', 10_000, { integer: true });
const DURATION = numberKnob('DURATION', 10);
const WARMUP = numberKnob('WARMUP', 3, { allowZero: true });
const CONNS = numberKnob('CONNS', 10, { integer: true });
const STEADY_RATE = numberKnob('STEADY_RATE', 100);
const STEADY_SECONDS = numberKnob('STEADY_SECONDS', 30, { allowZero: true });
const BUILD = process.env.BUILD ?? 'auto';
if (!['auto', 'always', 'never', 'head'].includes(BUILD)) throw new Error(`BUILD must be auto, always, never or head, not "${BUILD}"`);
if (WARMUP + DURATION > ACCESS_TOKEN_TTL_SECONDS - 60) throw new Error(`WARMUP + DURATION must stay under ${ACCESS_TOKEN_TTL_SECONDS - 60} s: one access token serves a load`);
if (CLAIMERS < 2) throw new Error('CLAIMERS must be at least 2');

/** Places of every round's task; tasks of a spread round; one-task rounds run through the counting proxy. */
const SLOTS = 3;
const SPREAD_TASKS = 20;
const TRACED_ROUNDS = 2;
const API_POOL = 10; // the API's pool (libs/core/src/database/database-options.ts); the raw claims get the same

const TARGETS = { roundsRatio: 0.5, p99Ms: 150 };

const CLAIM_MUTATION = 'mutation Claim($i: ClaimTaskInput!) { claimTask(input: $i) { id taskId volunteerId status waitlistPosition } }';
// The web app's board (apps/web/src/pages/tasks/TaskBoardPage.tsx), first page of its default view.
const BOARD_QUERY = `query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {
  taskBoard(filter: $filter, first: $first, after: $after) {
    edges { node {
      id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit
      coverAskedOfMe claims { id status } } }
    pageInfo { hasNextPage endCursor } } }`;
const BOARD_PAGE = 20;
const BOARD_BODY = { operationName: 'TaskBoard', query: BOARD_QUERY, variables: { filter: { fitsMySkills: true, nearMe: true }, first: BOARD_PAGE } };

const guard = exitGuard();
const say = (line = '') => process.stdout.write(`${line}\n`);

function fail(message) {
  throw new Error(`check failed: ${message}`);
}

// ---------------------------------------------------------------- the board's SQL, captured from the product

/**
 * The statements TaskService.board and ClaimService.ofTasks (dist/ snapshot, every module of the app
 * loaded so that every rule is registered) send for the board's first page, captured instead of run. The
 * profile look-up the board starts with is answered from the database, so the page statement carries the
 * volunteer's real skills and areas.
 */
async function boardStatements(dist, pool, actor, filter) {
  require('reflect-metadata');
  require(join(dist, 'apps/api/src/app.module.js'));
  const { TaskService } = require(join(dist, 'libs/tasks/src/tasks/task.service.js'));
  const { ClaimService } = require(join(dist, 'libs/tasks/src/claims/claim.service.js'));
  const { DataSource } = require('typeorm');
  const driver = new DataSource({ type: 'postgres' }).driver;
  const captured = [];
  const capture = async (text, values) => {
    if (/FROM volunteer_profiles WHERE user_id = \$1/.test(text)) {
      captured.push({ text, values });
      return (await pool.query(text, values)).rows;
    }
    captured.push({ text, values });
    return [];
  };
  const db = capturingManager(driver, capture);
  await new TaskService(db, null, null, null, null, null).board(actor, { first: BOARD_PAGE, filter });
  if (captured.length !== 2) throw new Error(`the board: expected a profile and a page statement, captured ${captured.length}`);
  const [profile, page] = captured;
  captured.length = 0;
  await new ClaimService(db, null, null, null).ofTasks(actor, ['00000000-0000-7000-8000-000000000000']);
  const [claims] = captured;
  const idsParameter = claims.values.findIndex((v) => isDeepStrictEqual(v, ['00000000-0000-7000-8000-000000000000']));
  if (idsParameter < 0) throw new Error('the claims statement has no parameter with the task ids');
  return { profile, page, claims, idsParameter };
}

/** The board's three statements back to back, as the service runs them for one request. */
async function rawBoard(pool, sql) {
  await pool.query(sql.profile.text, sql.profile.values);
  const { rows } = await pool.query(sql.page.text, sql.page.values);
  const page = rows.slice(0, BOARD_PAGE);
  const values = [...sql.claims.values];
  values[sql.idsParameter] = page.map((r) => r.id);
  const claims = page.length > 0 ? (await pool.query(sql.claims.text, values)).rows : [];
  return { rows, page, claims };
}

/** The board as the rules say it should be (a restatement, not the product's SQL): open, ahead, a fitting skill (or none), in an area. */
async function expectedBoard(pool, volunteerId) {
  const where = `FROM tasks t, volunteer_profiles v WHERE v.user_id = $1 AND t.status = 'OPEN' AND t.starts_at > now()
      AND (t.skills = '{}' OR t.skills && v.skills)
      AND EXISTS (SELECT 1 FROM unnest(v.area_codes) a WHERE t.region_code LIKE regexp_replace(a, '(00)+$', '') || '%')`;
  const { rows } = await pool.query(`SELECT t.id ${where} ORDER BY t.starts_at, t.id LIMIT ${BOARD_PAGE}`, [volunteerId]);
  const { rows: [n] } = await pool.query(`SELECT count(*)::int AS fit, (SELECT count(*)::int FROM tasks WHERE status = 'OPEN' AND starts_at > now() AND title NOT LIKE '基准%') AS open_tasks ${where}`, [volunteerId]);
  return { ids: rows.map((r) => r.id), fit: n.fit, open: n.open_tasks };
}

// ---------------------------------------------------------------- claim rounds

/** One claim through the API: the answer's status and place, or what went wrong. */
async function apiClaim(url, token, taskId, key) {
  const t0 = performance.now();
  const res = await postJson(url, { query: CLAIM_MUTATION, variables: { i: { taskId, idempotencyKey: key } } }, { authorization: `Bearer ${token}` })
    .catch((error) => ({ status: 0, text: String(error), json: null }));
  const ms = performance.now() - t0;
  const claim = res.json?.data?.claimTask;
  if (res.status !== 200 || res.json?.errors || !claim) return { ms, error: res.text.slice(0, 300) };
  return { ms, status: claim.status, position: claim.waitlistPosition, taskId: claim.taskId, volunteerId: claim.volunteerId };
}

// The raw floor: ClaimService's claim statement without the product's parts (TAKE_PLACE_OR_QUEUE in
// libs/tasks/src/claims/claim.service.ts, read from the dist snapshot in main) — lock the task's row, take a place
// or the next waitlist number, write the claim and its timeline event — committed on its own, as the API's is:
// none of the product's checks before it, nor the audit and outbox events the API's statement adds to the same
// CTEs. The traced rounds check that the API sends these very CTEs.
let RAW_CLAIM = null;
let CLAIM_CTES = null;
let CLAIMS_CTES = null;

/** One claim raw: the claim statement (the claim and its timeline event) on the pool, committed on its own; its place is the waitlist number (no one leaves during a round). */
async function rawClaim(pool, taskId, volunteerId, key) {
  const t0 = performance.now();
  try {
    const { rows: [claim] } = await pool.query(RAW_CLAIM, [taskId, uuidv7At(Date.now()), volunteerId, key, uuidv7At(Date.now()), VOLUNTEER_GROUP]);
    if (!claim) throw new Error('task closed');
    return { ms: performance.now() - t0, status: claim.status, position: claim.waitlist_position, taskId, volunteerId };
  } catch (error) {
    return { ms: performance.now() - t0, error: String(error?.message ?? error).slice(0, 300) };
  }
}

const CHECK_SQL = `
  SELECT t.id, t.held, t.waitlist_seq, count(c.id)::int AS claims, count(DISTINCT c.volunteer_id)::int AS volunteers,
         count(c.id) FILTER (WHERE c.status = 'HELD')::int AS held_claims,
         count(c.id) FILTER (WHERE c.status = 'WAITLISTED')::int AS waitlisted,
         count(c.id) FILTER (WHERE c.status NOT IN ('HELD', 'WAITLISTED'))::int AS other,
         count(c.id) FILTER (WHERE c.status = 'HELD' AND c.waitlist_position IS NOT NULL)::int AS held_with_position,
         COALESCE(array_agg(c.waitlist_position ORDER BY c.waitlist_position) FILTER (WHERE c.status = 'WAITLISTED'), '{}') AS positions,
         COALESCE(array_agg(c.volunteer_id::text ORDER BY c.volunteer_id) FILTER (WHERE c.status = 'HELD'), '{}') AS holders
    FROM tasks t LEFT JOIN task_claims c ON c.task_id = t.id WHERE t.id = ANY($1) GROUP BY t.id`;

const range = (n) => Array.from({ length: n }, (_, i) => i + 1);
/** The largest value (no spread: a phase has 200,000 latencies, more than a call's arguments may be). */
const maxOf = (values) => values.reduce((a, b) => (b > a ? b : a), -Infinity);

/**
 * Checks a round: per task, from the database, exactly min(slots, claimants) claims HELD, the others
 * WAITLISTED at positions 1..n (contiguous, distinct), nothing else, the task's counters agreeing; and the
 * answers the same (who holds, and each waitlisted answer's place). Returns the problems found.
 */
async function checkRound(checker, assignment, answers) {
  const problems = [];
  const byTask = new Map();
  assignment.forEach((taskId, i) => {
    const entry = byTask.get(taskId) ?? { claimants: 0, held: [], positions: [] };
    entry.claimants += 1;
    const answer = answers[i];
    if (answer.error) problems.push(`error: ${answer.error}`);
    else if (answer.taskId !== taskId) problems.push(`answer for another task: ${answer.taskId}`);
    else if (answer.status === 'HELD') entry.held.push(answer.volunteerId);
    else if (answer.status === 'WAITLISTED') entry.positions.push(answer.position);
    else problems.push(`status ${answer.status}`);
    byTask.set(taskId, entry);
  });
  const { rows } = await checker.query(CHECK_SQL, [[...byTask.keys()]]);
  for (const row of rows) {
    const { claimants, held, positions } = byTask.get(row.id);
    const places = Math.min(SLOTS, claimants);
    const waiting = claimants - places;
    const db = [];
    if (row.claims !== claimants || row.volunteers !== claimants) db.push(`${row.claims} claims by ${row.volunteers} volunteers (${claimants} claimed)`);
    if (row.held_claims !== places || row.held !== places) db.push(`${row.held_claims} HELD, task.held ${row.held} (expected ${places})`);
    if (row.waitlisted !== waiting || row.waitlist_seq !== waiting) db.push(`${row.waitlisted} WAITLISTED, waitlist_seq ${row.waitlist_seq} (expected ${waiting})`);
    if (row.other > 0 || row.held_with_position > 0) db.push(`${row.other} in another state, ${row.held_with_position} HELD with a waitlist position`);
    if (!isDeepStrictEqual(row.positions, range(waiting))) db.push(`waitlist positions not 1..${waiting}: ${JSON.stringify(row.positions).slice(0, 120)}`);
    if (!isDeepStrictEqual([...held].sort(), row.holders)) db.push(`the answers name other holders than the tables (${held.length} HELD answers)`);
    if (!isDeepStrictEqual([...positions].sort((a, b) => a - b), range(waiting))) db.push(`answered waitlist places not 1..${waiting}: ${JSON.stringify([...positions].sort((a, b) => a - b)).slice(0, 120)}`);
    if (db.length > 0) problems.push(`task ${row.id}: ${db.join('; ')}`);
  }
  if (rows.length !== byTask.size) problems.push(`${byTask.size - rows.length} tasks missing`);
  return problems;
}

/**
 * Runs one round: every volunteer claims its task at once (`assignment[i]`: volunteer i's task), through
 * the API (one HTTP request each, fresh tokens) or raw; returns the round's time, each claim's latency and
 * the check's problems. `meter`: CPU seconds of the server and of this process are added to it.
 */
async function runRound({ path, volunteers, assignment, label, url, secret, pool, checker, serverPid, postmaster = null, meter }) {
  const tokens = path === 'api' ? volunteers.map((v) => accessToken({ sub: v.id, sid: v.sessionId }, secret)) : null;
  const cpu = cpuMeter({ serverPid: path === 'api' ? serverPid : null, postmaster: meter ? postmaster : null });
  const t0 = performance.now();
  const answers = await Promise.all(volunteers.map((v, i) => {
    const key = `bench-${label}-${i}`;
    return path === 'api' ? apiClaim(url, tokens[i], assignment[i], key) : rawClaim(pool, assignment[i], v.id, key);
  }));
  const ms = performance.now() - t0;
  const used = cpu.stop();
  if (meter) {
    meter.server += (used.server ?? 0) * used.seconds;
    meter.bench += used.loadgen * used.seconds;
    meter.postgres += (used.postgres ?? 0) * used.seconds;
  }
  const problems = await checkRound(checker, assignment, answers);
  return { ms, latencies: answers.map((a) => a.ms), problems };
}

/**
 * Claims arriving one by one at STEADY_RATE a second (an open loop: each is sent when due, whatever the
 * others are doing), window after window: in each, every volunteer claims one of its 20 tasks, in a
 * shuffled order. A claim's latency counts from when it was due, so a backlog is not hidden. Every window
 * is checked like a round.
 */
async function runSteady({ path, windows, ctx }) {
  const { volunteers, url, secret, pool, checker, serverPid, postmaster } = ctx;
  const tokens = path === 'api' ? volunteers.map((v) => accessToken({ sub: v.id, sid: v.sessionId }, secret)) : null;
  const random = seededShuffle(path === 'api' ? 11 : 12);
  const schedule = windows.flatMap((tasks, w) => random(volunteers.map((_, i) => i)).map((v, k) => ({ w, v, taskId: tasks[k % tasks.length] })));
  const answers = new Array(schedule.length);
  const cpu = cpuMeter({ serverPid: path === 'api' ? serverPid : null, postmaster });
  const t0 = performance.now();
  const inFlight = [];
  for (let i = 0; i < schedule.length && !guard.isStopping(); i += 1) {
    const due = t0 + (i * 1000) / STEADY_RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { v, taskId } = schedule[i];
    const key = `bench-steady-${path}-${i}`;
    const claim = path === 'api' ? apiClaim(url, tokens[v], taskId, key) : rawClaim(pool, taskId, volunteers[v].id, key);
    inFlight.push(claim.then((answer) => {
      answers[i] = { ...answer, ms: performance.now() - due };
    }));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  const used = cpu.stop();
  const problems = [];
  for (let w = 0; w < windows.length; w += 1) {
    const mine = schedule.map((s, i) => ({ ...s, i })).filter((s) => s.w === w);
    problems.push(...(await checkRound(checker, mine.map((s) => s.taskId), mine.map((s) => answers[s.i]))).map((p) => `window ${w + 1}: ${p}`));
  }
  const latencies = answers.map((a) => a.ms);
  const [p50, p90, p99] = percentiles(latencies, [50, 90, 99]);
  return {
    claims: answers.length, windows: windows.length, consistentWindows: windows.length - new Set(problems.map((p) => p.split(':')[0])).size, problems: problems.slice(0, 10),
    offeredPerSecond: STEADY_RATE, claimsPerSecond: round(answers.length / seconds, 1), claimMs: { p50: round(p50), p90: round(p90), p99: round(p99), max: round(maxOf(latencies)) },
    cpuMsPerClaim: { server: path === 'api' ? round((used.server * used.seconds * 1000) / answers.length, 3) : null,
      postgres: used.postgres === null || used.postgres === undefined ? null : round((used.postgres * used.seconds * 1000) / answers.length, 3), bench: round((used.loadgen * used.seconds * 1000) / answers.length, 3) },
  };
}

/** A seeded Fisher–Yates shuffle (the same order every run). */
function seededShuffle(seed) {
  let x = seed;
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  return (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/** Summary of a phase's measured rounds. */
function roundStats(rounds, meter) {
  const ms = rounds.map((r) => r.ms);
  const latencies = rounds.flatMap((r) => r.latencies);
  const [roundP50, roundP99] = percentiles(ms, [50, 99]);
  const [p50, p90, p99] = percentiles(latencies, [50, 90, 99]);
  const seconds = ms.reduce((a, b) => a + b, 0) / 1000;
  const claims = latencies.length;
  // Mean round time per tenth of the phase: the tables grow as it runs (every round adds its claims, events and audit rows).
  const tenths = Array.from({ length: Math.min(10, ms.length) }, (_, k) => {
    const part = ms.slice(Math.floor((k * ms.length) / Math.min(10, ms.length)), Math.floor(((k + 1) * ms.length) / Math.min(10, ms.length)));
    return round(part.reduce((a, b) => a + b, 0) / part.length, 1);
  });
  return {
    rounds: rounds.length, consistentRounds: rounds.filter((r) => r.problems.length === 0).length, roundsPerSecond: round(rounds.length / seconds, 2),
    claimsPerSecond: round(claims / seconds, 1), claims, roundMs: { p50: round(roundP50), p99: round(roundP99), max: round(maxOf(ms)) },
    claimMs: { p50: round(p50), p90: round(p90), p99: round(p99), max: round(maxOf(latencies)) }, roundMsByTenth: tenths,
    cpuMsPerClaim: meter ? { server: round((meter.server * 1000) / claims, 3), postgres: meter.measuredPostgres ? round((meter.postgres * 1000) / claims, 3) : null, bench: round((meter.bench * 1000) / claims, 3) } : null,
  };
}

/**
 * `rounds` rounds (after `warmup` unmeasured ones) of the API and the raw path, interleaved (API first in
 * even rounds, raw first in odd ones), each on its own tasks. `assign(windowTasks)` gives each volunteer's task.
 */
async function runPhase({ name, rounds, warmup, apiWindows, rawWindows, assign, ctx }) {
  const out = { api: [], raw: [] };
  const meters = { api: { server: 0, bench: 0, postgres: 0, measuredPostgres: ctx.postmaster !== null }, raw: { server: 0, bench: 0, postgres: 0, measuredPostgres: ctx.postmaster !== null } };
  const failures = [];
  const total = warmup + rounds;
  const started = performance.now();
  let lastReport = started;
  for (let r = 0; r < total && !guard.isStopping(); r += 1) {
    const measured = r >= warmup;
    const order = r % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
    for (const path of order) {
      const windowTasks = (path === 'api' ? apiWindows : rawWindows)[r];
      const result = await runRound({ ...ctx, path, assignment: assign(windowTasks, r), label: `${name}-${path}-${r}`, meter: measured ? meters[path] : null });
      if (result.problems.length > 0) failures.push({ phase: name, path, round: r + 1, warmup: !measured, problems: result.problems.slice(0, 5) });
      if (measured) out[path].push(result);
    }
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      say(`  ${name}: ${r + 1}/${total} rounds, ${((lastReport - started) / 1000).toFixed(0)} s, ${failures.length} inconsistent`);
    }
  }
  const api = roundStats(out.api, meters.api);
  const raw = roundStats(out.raw, meters.raw);
  return {
    api, raw, warmupRounds: warmup, failures: failures.slice(0, 20), inconsistentRounds: failures.length,
    ratios: { roundsPerSecond: round(api.roundsPerSecond / raw.roundsPerSecond, 3), claimP50: round(api.claimMs.p50 / raw.claimMs.p50, 2), claimP99: round(api.claimMs.p99 / raw.claimMs.p99, 2) },
    wallSeconds: round((performance.now() - started) / 1000, 1),
  };
}

// ---------------------------------------------------------------- what the traced rounds show: a task's row lock

/**
 * From the counting proxy's log of one-task rounds: per claim statement (the API's, committed on its own; one
 * statement writes the claims that came while the previous one held the task's row, `ClaimWriter`), how many
 * claims it wrote (its CommandComplete tag, "SELECT n"), how long it took from being sent to its CommandComplete
 * (which PostgreSQL sends once the statement has run; the commit follows at once, before its ReadyForQuery), most
 * of it waiting for the task's row; and its turn on the row: from the later of its sending and the previous
 * statement's completion on the same task to its own completion — the time the row was its own, commit and wire
 * included. Statements on one task take the row in turn, so claims ÷ the turns' sum is a ceiling on claims a
 * second on one task. Also how many statements took the audit chain's lock (a claim's audit event is staged in
 * its statement and linked after: none should).
 */
function lockProfile(entries) {
  const sent = new Map();
  const statements = [];
  let chainLocks = 0;
  for (const { text, complete, at, conn } of entries) {
    const s = text?.trimStart();
    if (s?.startsWith('WITH task AS') || s?.startsWith('WITH input AS')) sent.set(conn, at);
    else if (s?.startsWith('SELECT pg_advisory_xact_lock') && sent.has(conn)) chainLocks += 1;
    else if (complete !== undefined && sent.has(conn)) {
      statements.push({ sent: sent.get(conn), done: at, claims: Number(/^SELECT (\d+)$/.exec(complete)?.[1] ?? 0) });
      sent.delete(conn);
    }
  }
  statements.sort((x, y) => x.done - y.done);
  const claims = statements.reduce((sum, x) => sum + x.claims, 0);
  const took = statements.map((c) => c.done - c.sent);
  // A round's statements complete one after another; a round's first has no predecessor on its task (rounds are apart by more than a second).
  const turns = [];
  let turnClaims = 0;
  statements.forEach((c, i) => {
    if (i === 0 || c.sent - statements[i - 1].done > 1000) return;
    turns.push(c.done - Math.max(c.sent, statements[i - 1].done));
    turnClaims += c.claims;
  });
  const stats = (xs) => {
    const [p50, p99] = percentiles(xs, [50, 99]);
    return { p50: round(p50), p99: round(p99), mean: round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) };
  };
  const turnStats = stats(turns);
  // The row's time per claim: the turns over the claims their statements wrote.
  const perClaimMs = turns.reduce((a, b) => a + b, 0) / Math.max(1, turnClaims);
  return {
    claims, statements: statements.length, claimsPerStatement: round(claims / Math.max(1, statements.length), 1), claimStatementMs: stats(took), rowTurnMs: turnStats,
    auditChainLocks: chainLocks, ceilingClaimsPerSecondOnOneTask: round(1000 / perClaimMs, 1), ceilingRoundsPerSecond: round(1000 / (perClaimMs * CLAIMERS), 2),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  const stamp = runStamp(startedAt);
  const { dist, build } = snapshotDist({ root: ROOT, name: 'tasks', stamp, mode: BUILD, guard, say });

  const database = await freshDatabase({ root: ROOT, dirName: `bench-tasks-${stamp}`, stamp, guard, say });
  let postmaster = database.dataDir ? postmasterPid(database.dataDir) : null;
  const secrets = makeSecrets();
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', JOBS: 'off', ...secrets.env });
  say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv, { dist })}`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv, { dist })}`);

  const steadyWindows = Math.ceil((STEADY_RATE * STEADY_SECONDS) / CLAIMERS);
  const phases = {
    probe: { count: 1, perWindow: 1, slots: 1 },
    traced: { count: TRACED_ROUNDS, perWindow: 1, slots: SLOTS },
    race: { count: WARMUP_ROUNDS + ROUNDS, perWindow: 1, slots: SLOTS },
    raceRaw: { count: WARMUP_ROUNDS + ROUNDS, perWindow: 1, slots: SLOTS },
    spread: { count: SPREAD_ROUNDS > 0 ? WARMUP_ROUNDS + SPREAD_ROUNDS : 0, perWindow: SPREAD_TASKS, slots: SLOTS },
    spreadRaw: { count: SPREAD_ROUNDS > 0 ? WARMUP_ROUNDS + SPREAD_ROUNDS : 0, perWindow: SPREAD_TASKS, slots: SLOTS },
    steady: { count: steadyWindows, perWindow: SPREAD_TASKS, slots: SLOTS },
    steadyRaw: { count: steadyWindows, perWindow: SPREAD_TASKS, slots: SLOTS },
  };
  say(`data: loading ${CLAIMERS} volunteers, ${TASKS} board tasks and the rounds' tasks…`);
  const data = await loadTasks({ dist, databaseUrl: database.url, volunteers: CLAIMERS, boardTasks: TASKS, rounds: phases, guard, say });
  say(`data: tables now ${Object.entries(data.tables).map(([k, v]) => `${v} ${k}`).join(', ')}; inserted in ${data.seconds.insert} s, VACUUM ANALYZE ${data.seconds.vacuumAnalyze} s`);

  require('reflect-metadata'); // the product's modules carry decorators
  ({ TAKE_PLACE_OR_QUEUE: RAW_CLAIM, TAKE_PLACE_OR_QUEUE_CTES: CLAIM_CTES, TAKE_PLACES_OR_QUEUE_CTES: CLAIMS_CTES } = require(join(dist, 'libs/tasks/src/claims/claim-writer.js')));
  if (typeof RAW_CLAIM !== 'string' || !RAW_CLAIM.startsWith('WITH task AS') || typeof CLAIM_CTES !== 'string' || typeof CLAIMS_CTES !== 'string') {
    throw new Error('bench: the claim statements (TAKE_PLACE_OR_QUEUE, TAKE_PLACE_OR_QUEUE_CTES, TAKE_PLACES_OR_QUEUE_CTES) are not in the dist snapshot');
  }
  const pool = new pg.Pool({ connectionString: database.url, max: API_POOL });
  pool.on('error', (error) => {
    if (error.code !== '57P01') console.error(`bench: idle pool connection: ${error.message}`);
  });
  guard.defer(() => Promise.race([pool.end(), sleep(10_000)]));
  const checker = new pg.Client({ connectionString: database.url });
  await checker.connect();
  guard.defer(() => Promise.race([checker.end(), sleep(5_000)]));
  if (postmaster === null && ['127.0.0.1', 'localhost'].includes(new URL(database.url).hostname)) {
    // A local DATABASE_URL server: its postmaster, when this process may read its data directory (its CPU is the whole cluster's, others' work included).
    const { rows: [dir] } = await checker.query('SHOW data_directory').catch(() => ({ rows: [] }));
    postmaster = dir ? postmasterPid(dir.data_directory) : null;
  }
  const postgresCpu = postmaster === null ? 'not measured' : database.dataDir ? 'the embedded cluster' : 'the whole DATABASE_URL cluster (other databases on it included)';

  const port = await freePort();
  const apiEnv = (url) => baseEnv({ DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', JOBS: 'off', ...secrets.env });
  // SERVER_CPU_PROF=dir: each server writes a V8 CPU profile there when it stops (bench/cpu-profile.cjs), to find where its time goes.
  const profiling = [...(process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...(process.env.SERVER_CPU_PROF ? ['--require', join(ROOT, 'bench', 'cpu-profile.cjs')] : [])];
  const profileEnv = process.env.SERVER_CPU_PROF ? { SERVER_CPU_PROF_DIR: resolve(process.env.SERVER_CPU_PROF) } : {};
  const spec = { name: 'zhulian API', script: join(dist, 'apps/api/src/main.js'), cwd: ROOT, env: { ...apiEnv(database.url), ...profileEnv }, ready: /listening on/i, nodeArgs: profiling };
  const secret = secrets.env.JWT_SECRET;
  const url = graphqlUrl(port);
  const volunteers = data.volunteers;
  const headersOf = (claims) => () => ({ 'content-type': 'application/json', authorization: `Bearer ${accessToken(claims, secret)}` });

  // ------------------------------------------------------------ checks, statements per request and the traced rounds, behind the counting proxy
  const dbUrl = new URL(database.url);
  const proxy = await statementCounter({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432), completions: true });
  guard.defer(() => proxy.close());
  const proxiedUrl = new URL(database.url);
  proxiedUrl.hostname = '127.0.0.1';
  proxiedUrl.port = String(proxy.port);
  const checks = {};
  const statements = {};
  let boardClaims;
  let boardSql;
  let traced;
  {
    say('check: signing in, the board against the tables and its SQL, statements per request, traced rounds (through a counting proxy)');
    const server = guard.track(await startServer({ ...spec, env: { ...apiEnv(proxiedUrl.toString()), ...profileEnv } }));
    try {
      // The board's volunteer signs in through `login`; the claimers' sessions were made in the database (see README: the sign-in limit).
      boardClaims = await signIn(port, BOARD_VOLUNTEER.email);
      const me = await postJson(url, { query: 'query { me { id } }' }, headersOf({ sub: volunteers[0].id, sid: volunteers[0].sessionId })());
      if (me.json?.data?.me?.id !== volunteers[0].id) fail(`a token minted for a volunteer's session is refused: ${me.text.slice(0, 300)}`);

      // The board: the API's first page, the product's statements run raw, and the rules restated.
      const answer = await postJson(url, BOARD_BODY, headersOf(boardClaims)());
      if (answer.status !== 200 || answer.json?.errors || !answer.json?.data) fail(`the board: not a clean answer (HTTP ${answer.status}): ${answer.text.slice(0, 500)}`);
      const edges = answer.json.data.taskBoard.edges.map((e) => e.node);
      const membership = { membershipId: 'bench', organisationId: VOLUNTEER_GROUP, role: 'VOLUNTEER' };
      boardSql = await boardStatements(dist, pool, { userId: boardClaims.sub, sessionId: boardClaims.sid, memberships: [membership], acting: membership },
        BOARD_BODY.variables.filter);
      const raw = await rawBoard(pool, boardSql);
      const expected = await expectedBoard(pool, boardClaims.sub);
      const apiIds = edges.map((t) => t.id);
      if (!isDeepStrictEqual(apiIds, raw.page.map((r) => r.id))) fail('the board: the API’s first page is not the raw statement’s rows (ids, order)');
      if (!isDeepStrictEqual(apiIds, expected.ids)) fail('the board: the first page is not the open tasks ahead that fit the volunteer, soonest first');
      edges.forEach((t, i) => {
        const row = raw.page[i];
        const mine = raw.claims.filter((c) => c.taskId === t.id).map((c) => c.id);
        if (t.placesTaken !== row.placesTaken || t.waitlistLength !== row.waitlistLength || t.coverAskedOfMe !== row.coverAskedOfMe || !isDeepStrictEqual(t.claims.map((c) => c.id), mine)) {
          fail(`the board: task ${t.id} differs from its raw row (places, waitlist, cover asked, claims)`);
        }
      });
      proxy.reset();
      await postJson(url, BOARD_BODY, headersOf(boardClaims)());
      await sleep(200);
      const sent = proxy.statements();
      const sameText = { profile: sent.includes(boardSql.profile.text), page: sent.includes(boardSql.page.text), claims: sent.includes(boardSql.claims.text) };
      if (!sameText.profile || !sameText.page || !sameText.claims) fail(`the board: the captured statements are not the ones the API sent (${JSON.stringify(sameText)})`);
      statements.taskBoard = { count: sent.length, statements: sent.map((s) => s.replace(/\s+/g, ' ').slice(0, 120)) };
      checks.board = {
        openTasks: expected.open, fitTheVolunteer: expected.fit, firstPage: apiIds.length, idsEqualRaw: true, idsEqualRules: true, fieldsEqualRaw: true,
        statementsAsSentByTheApi: true, withClaims: edges.filter((t) => t.claims.length > 0).length, coverAsked: edges.filter((t) => t.coverAskedOfMe).length,
        full: edges.filter((t) => t.placesTaken === t.slots).length, expectBody: answer.text,
      };
      say(`check board: ${expected.fit} of ${expected.open} open tasks fit the volunteer; the first ${apiIds.length} equal the raw statement’s rows and the rules restated ` +
        `(ids, order, places, waitlists, claims); the three statements are byte-identical to what the API sent`);

      // Statements per claim, on the probe task (1 place): a claim that takes it, one that joins the waitlist, a retry of that one.
      const [probe] = data.windows.probe[0];
      // Statements sent before the answer arrived are the request's; those after it, the audit chainer linking its event, and
      // those of the event relay (on its listening connection, whenever they run) are counted apart.
      const count = async (label, volunteer, key) => {
        await sleep(600); // the chainer and the relay done with what came before
        proxy.reset();
        const got = await apiClaim(url, accessToken({ sub: volunteer.id, sid: volunteer.sessionId }, secret), probe, key);
        const answered = performance.now();
        await sleep(600);
        if (got.error) fail(`${label}: ${got.error}`);
        const relay = proxy.listeners();
        const sent = proxy.entries().filter((e) => e.text !== null);
        const request = sent.filter((e) => e.at <= answered && !relay.has(e.conn)).map((e) => e.text);
        const relayed = sent.filter((e) => relay.has(e.conn)).length;
        statements[label] = { count: request.length, background: sent.length - request.length - relayed, relay: relayed, answer: got.status,
          statements: request.map((s) => s.replace(/\s+/g, ' ').slice(0, 120)) };
        return got;
      };
      const first = await count('claimTask → HELD', volunteers[0], 'bench-probe-0');
      const second = await count('claimTask → WAITLISTED', volunteers[1], 'bench-probe-1');
      const retried = await count('claimTask retried (same key)', volunteers[1], 'bench-probe-1');
      if (first.status !== 'HELD' || second.status !== 'WAITLISTED' || retried.status !== 'WAITLISTED' || retried.position !== 1) fail('the probe claims did not answer HELD, WAITLISTED and the same again');

      // Traced one-task rounds: the task's row lock and the audit chain's lock, per claim, from the proxy's log.
      proxy.reset();
      const tracedRounds = [];
      for (let r = 0; r < TRACED_ROUNDS; r += 1) {
        const [taskId] = data.windows.traced[r];
        const result = await runRound({ path: 'api', volunteers, assignment: volunteers.map(() => taskId), label: `traced-${r}`, url, secret, checker, serverPid: server.pid });
        if (result.problems.length > 0) fail(`traced round ${r + 1}: ${result.problems.slice(0, 3).join(' | ')}`);
        tracedRounds.push(round(result.ms));
      }
      traced = { roundsMs: tracedRounds, ...lockProfile(proxy.entries()) };
      const claimStatements = proxy.statements().filter((text) => /^\s*WITH (task|input) AS/.test(text));
      if (!claimStatements.every((text) => text.startsWith(`WITH ${CLAIM_CTES},`) || text.startsWith(`WITH ${CLAIMS_CTES},`))) {
        fail('the API sent a claim statement that is neither the raw one\'s CTEs nor their form for several claims');
      }
      if (traced.claims !== TRACED_ROUNDS * CLAIMERS) fail(`traced rounds: ${traced.claims} claims written by the claim statements seen, not ${TRACED_ROUNDS * CLAIMERS}`);
      say(`check traced rounds (through the proxy): ${tracedRounds.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; ${traced.statements} claim statements, ` +
        `${traced.claimsPerStatement} claims each; a statement's turn on the task row is ${traced.rowTurnMs.p50} ms (p50, mean ${traced.rowTurnMs.mean}) ` +
        `→ at most ${traced.ceilingClaimsPerSecondOnOneTask} claims/s on one task`);
      const explain = async (statement) => (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)).rows.map((r) => r['QUERY PLAN']);
      checks.plans = { 'board page': await explain(boardSql.page) };
      checks.statementTexts = { 'board profile': boardSql.profile.text, 'board page': boardSql.page.text, 'board claims': boardSql.claims.text };
    } finally {
      await server.stop();
    }
  }
  await proxy.close();

  // ------------------------------------------------------------ the board under load, API then raw
  say(`board: autocannon ${CONNS} connections, ${DURATION} s after ${WARMUP} s warm-up; then the raw statements with ${CONNS} loops`);
  const board = {};
  {
    const server = guard.track(await startServer(spec));
    try {
      await sleep(1000);
      const common = { url, body: JSON.stringify(BOARD_BODY), connections: CONNS, expectBody: checks.board.expectBody };
      if (WARMUP > 0) await load({ ...common, headers: headersOf(boardClaims)(), duration: WARMUP });
      const rss = sampleRss(server.pid);
      const cpu = cpuMeter({ serverPid: server.pid, postmaster });
      const linesBefore = server.linesAfterStart();
      const result = await load({ ...common, headers: headersOf(boardClaims)(), duration: DURATION });
      const cores = cpu.stop();
      board.api = summarise(result.latenciesMs, result.requests.average, result.requests.total, {
        maxRssBytes: rss.stop(), cpuCores: cores, responseBytes: Buffer.byteLength(checks.board.expectBody),
        problems: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatchedBodies: result.mismatches, serverLogLines: server.linesAfterStart() - linesBefore },
      });
    } finally {
      await server.stop();
    }
  }
  {
    const firstId = checks.board.expectBody && JSON.parse(checks.board.expectBody).data.taskBoard.edges[0]?.node.id;
    const once = async () => {
      const { rows, page } = await rawBoard(pool, boardSql);
      return rows.length === BOARD_PAGE + 1 && page[0]?.id === firstId;
    };
    if (WARMUP > 0) await loopLoad({ loops: CONNS, seconds: WARMUP, once, isStopping: guard.isStopping });
    const rss = sampleRss(process.pid);
    const cpu = cpuMeter({ postmaster });
    const run = await loopLoad({ loops: CONNS, seconds: DURATION, once, isStopping: guard.isStopping });
    const cores = cpu.stop();
    board.raw = summarise(run.latenciesMs, run.latenciesMs.length / run.seconds, run.latenciesMs.length, {
      maxRssBytes: rss.stop(), cpuCores: { ...cores, server: cores.loadgen }, responseBytes: null, problems: { errors: run.errors, mismatchedRows: run.mismatches },
    });
  }
  board.ratios = { requestsPerSecond: round(board.api.requestsPerSecond / board.raw.requestsPerSecond, 3), p99: round(board.api.latencyMs.p99 / board.raw.latencyMs.p99, 2) };

  // ------------------------------------------------------------ the claim races
  let race;
  let spread = null;
  let steady = null;
  {
    const server = guard.track(await startServer(spec));
    try {
      await sleep(1000);
      const ctx = { volunteers, url, secret, pool, checker, serverPid: server.pid, postmaster };
      say(`race: ${WARMUP_ROUNDS} + ${ROUNDS} rounds of ${CLAIMERS} concurrent claims of one ${SLOTS}-place task, API and raw interleaved`);
      race = await runPhase({ name: 'race', rounds: ROUNDS, warmup: WARMUP_ROUNDS, apiWindows: data.windows.race.map(([t]) => t), rawWindows: data.windows.raceRaw.map(([t]) => t),
        assign: (taskId) => volunteers.map(() => taskId), ctx });
      if (SPREAD_ROUNDS > 0 && !guard.isStopping()) {
        say(`spread: ${WARMUP_ROUNDS} + ${SPREAD_ROUNDS} rounds of ${CLAIMERS} concurrent claims over ${SPREAD_TASKS} tasks × ${SLOTS} places, API and raw interleaved`);
        spread = await runPhase({ name: 'spread', rounds: SPREAD_ROUNDS, warmup: WARMUP_ROUNDS, apiWindows: data.windows.spread, rawWindows: data.windows.spreadRaw,
          assign: (tasks, r) => volunteers.map((_, i) => tasks[(i + r) % tasks.length]), ctx });
      }
      if (steadyWindows > 0 && !guard.isStopping()) {
        say(`steady: ${STEADY_RATE} claims/s for ${STEADY_SECONDS} s over ${SPREAD_TASKS} tasks × ${SLOTS} places at a time, API then raw`);
        steady = {};
        for (const path of ['api', 'raw']) steady[path] = await runSteady({ path, windows: data.windows[path === 'api' ? 'steady' : 'steadyRaw'], ctx });
        steady.ratios = { claimP50: round(steady.api.claimMs.p50 / steady.raw.claimMs.p50, 2), claimP99: round(steady.api.claimMs.p99 / steady.raw.claimMs.p99, 2) };
      }
      race.serverLogLines = server.linesAfterStart();
    } finally {
      await server.stop();
    }
  }
  if (guard.isStopping()) throw new Error('interrupted');
  report({ startedAt, build, database, data, checks, statements, traced, board, race, spread, steady, postgresCpu });
}

// ---------------------------------------------------------------- report

function report({ startedAt, build, database, data, checks, statements, traced, board, race, spread, steady, postgresCpu }) {
  const targets = {
    apiRoundsAtLeastHalfOfRaw: { target: `API rounds/s ≥ ${TARGETS.roundsRatio} × raw rounds/s`, value: race.ratios.roundsPerSecond, met: race.ratios.roundsPerSecond >= TARGETS.roundsRatio },
    apiClaimP99: { target: `API p99 claim ≤ ${TARGETS.p99Ms} ms (in the one-task burst)`, value: race.api.claimMs.p99, met: race.api.claimMs.p99 <= TARGETS.p99Ms },
    ...(steady ? { apiClaimP99Steady: { target: `API p99 claim ≤ ${TARGETS.p99Ms} ms at ${STEADY_RATE} claims/s`, value: steady.api.claimMs.p99, met: steady.api.claimMs.p99 <= TARGETS.p99Ms } } : {}),
  };
  const phaseRows = (label, phase) => ['api', 'raw'].map((path) => {
    const s = phase[path];
    return [`${label}: ${path === 'api' ? 'API `claimTask` (HTTP)' : 'raw `pg` statement'}`, String(s.rounds), `${s.consistentRounds}/${s.rounds}`, s.roundsPerSecond.toFixed(2),
      s.claimsPerSecond.toFixed(0), s.roundMs.p50.toFixed(1), s.roundMs.p99.toFixed(1), s.claimMs.p50.toFixed(2), s.claimMs.p99.toFixed(2),
      `${path === 'api' ? s.cpuMsPerClaim.server : '–'} / ${s.cpuMsPerClaim.postgres ?? '–'} / ${s.cpuMsPerClaim.bench}`];
  });
  say();
  say(`volunteer tasks: ${CLAIMERS} volunteers, ${data.tables.board_tasks} open board tasks, ${SLOTS} places a task; ${cpus().length} cores; database: ${database.kind}`);
  say(`the API ${build.source === 'HEAD' ? `built from the last commit alone (${build.commit.slice(0, 12)})` : `from dist/ ${build.built ? '(built for this run)' : '(as it was)'} of the working tree (${build.commit})`}; ` +
    `JOBS=off, LOG_LEVEL=warn, NODE_ENV=production, pool ${API_POOL}; raw claims: pg.Pool(${API_POOL}) in the bench process; postgres CPU: ${postgresCpu}`);
  say();
  say(markdownTable(['claims', 'rounds', 'consistent', 'rounds/s', 'claims/s', 'round p50 ms', 'round p99 ms', 'claim p50 ms', 'claim p99 ms', 'CPU ms/claim server / postgres / bench'],
    [...phaseRows(`one task × ${CLAIMERS}`, race), ...(spread ? phaseRows(`${SPREAD_TASKS} tasks × ${CLAIMERS / SPREAD_TASKS}`, spread) : [])]));
  say();
  say(`one task: API/raw rounds/s ${race.ratios.roundsPerSecond.toFixed(3)}, claim p50 ×${race.ratios.claimP50}, p99 ×${race.ratios.claimP99}` +
    (spread ? `; spread: API/raw rounds/s ${spread.ratios.roundsPerSecond.toFixed(3)}, claim p50 ×${spread.ratios.claimP50}, p99 ×${spread.ratios.claimP99}` : ''));
  say(`target: ${targets.apiRoundsAtLeastHalfOfRaw.target}: API ${race.api.roundsPerSecond} vs raw ${race.raw.roundsPerSecond} rounds/s, ratio ${race.ratios.roundsPerSecond} → ` +
    `${targets.apiRoundsAtLeastHalfOfRaw.met ? 'MET' : 'NOT MET'}`);
  say(`target: ${targets.apiClaimP99.target}: API p99 ${race.api.claimMs.p99} ms (raw p99 ${race.raw.claimMs.p99} ms) → ${targets.apiClaimP99.met ? 'MET' : 'NOT MET'}`);
  if (steady) {
    say();
    say(markdownTable(['steady claims', 'offered/s', 'done/s', 'claims', 'consistent windows', 'claim p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'CPU ms/claim server / postgres / bench'],
      ['api', 'raw'].map((path) => {
        const x = steady[path];
        return [path === 'api' ? 'API `claimTask` (HTTP)' : 'raw `pg` statement', String(x.offeredPerSecond), x.claimsPerSecond.toFixed(1), String(x.claims), `${x.consistentWindows}/${x.windows}`,
          x.claimMs.p50.toFixed(2), x.claimMs.p90.toFixed(2), x.claimMs.p99.toFixed(2), x.claimMs.max.toFixed(2), `${x.cpuMsPerClaim.server ?? '–'} / ${x.cpuMsPerClaim.postgres ?? '–'} / ${x.cpuMsPerClaim.bench}`];
      })));
    say(`target: ${targets.apiClaimP99Steady.target}: API p99 ${steady.api.claimMs.p99} ms (raw p99 ${steady.raw.claimMs.p99} ms) → ${targets.apiClaimP99Steady.met ? 'MET' : 'NOT MET'}`);
    for (const p of [...steady.api.problems, ...steady.raw.problems].slice(0, 10)) say(`  INCONSISTENT steady: ${p.slice(0, 400)}`);
  }
  say(`round time by tenth of the run (ms, API / raw): ${race.api.roundMsByTenth.map((a, i) => `${a.toFixed(0)}/${race.raw.roundMsByTenth[i]?.toFixed(0)}`).join(' ')}`);
  say(`consistency: ${race.inconsistentRounds + (spread?.inconsistentRounds ?? 0)} inconsistent rounds (warm-up rounds included: ${WARMUP_ROUNDS} per path and phase)`);
  for (const f of [...race.failures, ...(spread?.failures ?? [])].slice(0, 10)) say(`  INCONSISTENT ${f.phase} ${f.path} round ${f.round}: ${f.problems.join(' | ').slice(0, 400)}`);
  say();
  say(markdownTable(['board', 'req/s', 'p50 ms', 'p99 ms', 'max RSS MB', 'CPU cores server / postgres / bench'], [
    ['API `taskBoard(first: 20)` + claims', board.api.requestsPerSecond.toFixed(0), board.api.latencyMs.p50.toFixed(2), board.api.latencyMs.p99.toFixed(2), mb(board.api.maxRssBytes).toFixed(1),
      `${board.api.cpuCores.server} / ${board.api.cpuCores.postgres ?? '–'} / ${board.api.cpuCores.loadgen}`],
    ['raw: its 3 statements through `pg`', board.raw.requestsPerSecond.toFixed(0), board.raw.latencyMs.p50.toFixed(2), board.raw.latencyMs.p99.toFixed(2), mb(board.raw.maxRssBytes).toFixed(1),
      `– / ${board.raw.cpuCores.postgres ?? '–'} / ${board.raw.cpuCores.loadgen}`],
  ]));
  say();
  say(`board: ${checks.board.fitTheVolunteer} of ${checks.board.openTasks} open tasks fit the volunteer; API/raw req/s ${board.ratios.requestsPerSecond.toFixed(3)}, p99 ×${board.ratios.p99}; ` +
    `first page equals the raw rows: ${checks.board.idsEqualRaw ? 'yes' : 'NO'}`);
  say();
  say(markdownTable(['request', 'SQL statements on the request path', 'afterwards: audit linking', 'the event relay (its own connection)'],
    Object.entries(statements).map(([k, v]) => [k, String(v.count), String(v.background ?? 0), String(v.relay ?? 0)])));
  say();
  say(`traced one-task rounds (${traced.claims} claims through the proxy, rounds ${traced.roundsMs.join(', ')} ms): ${traced.statements} claim statements, ${traced.claimsPerStatement} claims each; ` +
    `a statement's turn on the task row p50 ${traced.rowTurnMs.p50} ms / mean ${traced.rowTurnMs.mean} ms (its run and commit, wire included) → at most ${traced.ceilingClaimsPerSecondOnOneTask} claims/s, ` +
    `${traced.ceilingRoundsPerSecond} rounds/s on one task; a claim statement took p50 ${traced.claimStatementMs.p50} ms (waiting for the row); ` +
    `${traced.auditChainLocks} statements took the audit chain's lock; the API's claim statements are the raw one's CTEs, or their form for several claims, with the audit and outbox events`);
  const plan = checks.plans['board page'];
  say(`board page plan: ${plan.filter((l) => /Execution Time|Planning Time/.test(l)).map((l) => l.trim()).join(', ')}`);

  const problems = Object.entries(board.api.problems).filter(([, n]) => n > 0).map(([k, n]) => `API ${n} ${k}`)
    .concat(Object.entries(board.raw.problems).filter(([, n]) => n > 0).map(([k, n]) => `raw ${n} ${k}`));
  if (problems.length > 0) say(`WARNING board load: ${problems.join(', ')} — these numbers are not to be trusted`);
  const inconsistent = race.inconsistentRounds + (spread?.inconsistentRounds ?? 0) + (steady ? steady.api.windows - steady.api.consistentWindows + steady.raw.windows - steady.raw.consistentWindows : 0);

  const results = {
    benchmark: 'volunteer tasks (issue 11): concurrent claims through the API beside raw pg, one task and spread; claims at a steady rate; the open-task board beside its raw SQL',
    queries: { claim: CLAIM_MUTATION, board: BOARD_BODY, rawClaim: RAW_CLAIM },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: {
      rounds: ROUNDS, spreadRounds: SPREAD_ROUNDS, warmupRounds: WARMUP_ROUNDS, claimers: CLAIMERS, slots: SLOTS, spreadTasks: SPREAD_TASKS, boardTasks: TASKS,
      durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNS, steadyRate: STEADY_RATE, steadySeconds: STEADY_SECONDS, build: BUILD, apiPoolSize: API_POOL, rawPoolSize: API_POOL, apiLogLevel: 'warn', apiNodeEnv: 'production', jobs: 'off',
    },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: process.platform },
    database: database.kind,
    postgresCpu,
    commit: build.commit,
    checkout: gitCommit(ROOT),
    build: { source: build.source, builtForThisRun: build.built, distWasStale: build.staleBefore },
    data: { generated: data.generated, tables: data.tables, seconds: data.seconds },
    targets,
    race,
    spread,
    steady,
    board,
    checks: { ...checks, board: { ...checks.board, expectBody: undefined, responseBytes: Buffer.byteLength(checks.board.expectBody) } },
    statements,
    traced,
    inconsistentRounds: inconsistent,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say();
  say(`results: ${relative(ROOT, RESULTS)}`);
  if (inconsistent > 0 || problems.length > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await guard.run();
}
