// `node bench/insights.mjs`: the assistance brain (issue 13) on PEOPLE generated people (default 100,000).
// Creates a fresh database (embedded cluster, or a throw-away database on DATABASE_URL), migrates it, loads
// the demo and the generated people (bench/people-data.mjs), then measures:
//   1. a full evaluation of every early-warning rule, as the nightly job runs it (`cli.js insights:evaluate`,
//      a process of its own): seconds and peak RSS, the first run (raising) and a second (refreshing);
//   2. incremental evaluation after one change: CHANGES changes (default 200) of six kinds made one after another to one
//      generated household (its income down and up, its one adult's hospital case opened, worked on and closed, a
//      signal about the adult), each committed and then caught up (InsightEvaluation.catchUp, the product's code from
//      the dist snapshot, in this process): p50/p99 from the commit to the alert raised or cleared, beside the full
//      evaluation; then E2E_CHANGES of them through the running API, whose catch-up job looks every 2 s, from the
//      commit until the alert shows in the table;
//   3. a signal file of SIGNAL_ROWS rows (half the ID numbers of generated people, half of no one, a few bad)
//      imported through the API as the web app sends it (batches of 2,000, one after the other): rows/s,
//      batch p50/p99, the server's peak RSS — beside the same matching and storing done raw through `pg` in
//      this process (blind index, look-up, insert), in the same run;
//   4. the evaluation that the import's end sets off on the server, timed until its alerts are there;
//   5. the district office's region dashboard under load (req/s, p50/p99), beside the statements behind it run raw.
// Prints markdown tables and writes bench/results/insights-latest.json. Servers on 127.0.0.1 only; it stops by itself.
// Knobs (env): PEOPLE (default 100000), SIGNAL_ROWS (default 100000), CHANGES (200), E2E_CHANGES (20), DASHBOARD_SECONDS (10), CONNS (10),
// DATABASE_URL, BUILD (as referrals.mjs).
import { createHash, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  accessToken, baseEnv, exitGuard, loopLoad, freshDatabase, gitCommit, graphqlUrl, markdownTable, mb, numberKnob, percentiles, postJson, round, runCli, runStamp,
  sampleRss, signIn, snapshotDist, startServer,
} from './lib.mjs';
import { loadPeople, makeSecrets } from './people-data.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results', 'insights-latest.json');

const PEOPLE = numberKnob('PEOPLE', 100_000, { integer: true });
const SIGNAL_ROWS = numberKnob('SIGNAL_ROWS', 100_000, { integer: true });
const CHANGES = numberKnob('CHANGES', 200, { integer: true });
const E2E_CHANGES = numberKnob('E2E_CHANGES', 20, { integer: true, allowZero: true });
const DASHBOARD_SECONDS = numberKnob('DASHBOARD_SECONDS', 10);
const CONNS = numberKnob('CONNS', 10, { integer: true });
const BATCH = 2000;
const DISTRICT = '0193a000-0000-7000-8000-000000000001';

const guard = exitGuard();
const say = (line = '') => process.stdout.write(`${line}\n`);

/** A resident ID number with its check character. */
function withCheck(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/** `cli.js insights:evaluate` in a process of its own: its JSON, its wall time and its peak RSS. */
async function evaluateOnce(dist, env) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(dist, 'apps/api/src/cli.js'), 'insights:evaluate'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  guard.defer(() => child.exitCode === null && child.kill('SIGKILL'));
  const rss = sampleRss(child.pid, 100);
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const maxRss = rss.stop();
  if (code !== 0) throw new Error(`insights:evaluate failed (${code}): ${err.slice(0, 2000)}`);
  // Its JSON line; anything else it printed (a log line while it closed, say) is shown, not parsed.
  const lines = out.trim().split('\n');
  const json = lines.findLast((line) => line.startsWith('{'));
  if (!json) throw new Error(`insights:evaluate printed no result: ${out.slice(0, 2000)}`);
  for (const line of lines.filter((l) => l !== json)) say(`insights:evaluate said: ${line.slice(0, 500)}`);
  const result = JSON.parse(json);
  return { ...result, processSeconds: round((performance.now() - started) / 1000), maxRssBytes: maxRss };
}

/** The signal file's rows: every other row a generated person's ID number, the rest numbers of no one; every 1,000th a mistyped one. */
function signalRows(people, count) {
  const today = new Date();
  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const date = new Date(today.getTime() - (1 + (i % 300)) * 86_400_000).toISOString().slice(0, 10);
    let idNumber;
    if (i % 1000 === 999) idNumber = '110105190001019999';
    else if (i % 2 === 0) idNumber = people[(i / 2) % people.length].member.idNumber;
    else idNumber = withCheck(`11010519${String(30 + (i % 60)).padStart(2, '0')}0101${String(i % 1000).padStart(3, '0')}`.slice(0, 17));
    rows.push({ line: i + 2, idNumber, date, amountYuan: `${1000 + (i % 50_000)}.${String(i % 100).padStart(2, '0')}` });
  }
  return rows;
}

/** The same rows matched and stored as the API does it, raw: blind index here, one look-up and one insert per batch, on `pg`. */
async function rawImport(pool, vault, rows, organisationId, userId) {
  const importId = randomUUID();
  await pool.query(
    `INSERT INTO signal_imports (id, organisation_id, imported_by, kind, file_name, file_sha256, region_code, rows_expected)
     VALUES ($1, $2, $3, 'UTILITY_ARREARS', 'raw.csv', $4, '110105', $5)`, [importId, organisationId, userId, createHash('sha256').update(importId).digest(), rows.length]);
  const latencies = [];
  let matched = 0;
  const started = performance.now();
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const t0 = performance.now();
    const batch = rows.slice(offset, offset + BATCH).filter((r) => !r.idNumber.endsWith('9999'));
    const index = new Map(batch.map((r) => [vault.blindIndex(r.idNumber).toString('hex'), r]));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: found } = await client.query(
        `SELECT id, id_blind_index FROM people WHERE id_blind_index = ANY($1::bytea[]) AND merged_into IS NULL AND region_code LIKE '110105%'`,
        [[...index.keys()].map((hex) => Buffer.from(hex, 'hex'))]);
      const signals = found.map((p) => {
        const row = index.get(p.id_blind_index.toString('hex'));
        return { id: randomUUID(), person: p.id, date: row.date, amount: Math.round(Number(row.amountYuan) * 100),
          key: createHash('sha256').update(p.id_blind_index).update(`|UTILITY_ARREARS|${row.date}|${row.amountYuan}`).digest() };
      });
      await client.query(
        `INSERT INTO person_signals (id, import_id, person_id, kind, occurred_on, amount_cents, row_key)
         SELECT v.id, $1, v.person_id, 'UTILITY_ARREARS', v.occurred_on, v.amount_cents, v.row_key
           FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::bigint[], $6::bytea[]) AS v(id, person_id, occurred_on, amount_cents, row_key)
         ON CONFLICT (row_key) DO NOTHING`,
        [importId, signals.map((s) => s.id), signals.map((s) => s.person), signals.map((s) => s.date), signals.map((s) => s.amount), signals.map((s) => s.key)]);
      await client.query(`INSERT INTO signal_import_batches (import_id, first_line, rows, matched, repeated, unmatched, invalid) VALUES ($1, $2, $3, $4, 0, $5, $6)`,
        [importId, offset + 2, Math.min(BATCH, rows.length - offset), signals.length, batch.length - signals.length, Math.min(BATCH, rows.length - offset) - batch.length]);
      await client.query('COMMIT');
      matched += signals.length;
    } finally {
      client.release();
    }
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rowsPerSecond: round(rows.length / seconds, 0), seconds: round(seconds), matched, batchMs: batchFigures(latencies) };
}

/**
 * The household the changes are made to: generated, with one adult and a child, nobody receiving 低保 or 特困 — so
 * that its income decides the low-income rule and the adult's hospital case the child-without-carer rule.
 */
async function changeSubject(pool) {
  const { rows: [subject] } = await pool.query(
    `WITH m AS (SELECT household_id,
                       count(*) FILTER (WHERE birth_date <= current_date - interval '18 years') AS adults,
                       (array_agg(id) FILTER (WHERE birth_date <= current_date - interval '18 years'))[1] AS adult,
                       (array_agg(id ORDER BY birth_date DESC) FILTER (WHERE birth_date > current_date - interval '17 years'))[1] AS child,
                       bool_or(assistance && ARRAY['DIBAO', 'TEKUN']) AS receives
                  FROM people WHERE merged_into IS NULL AND household_id IS NOT NULL GROUP BY household_id)
     SELECT h.id AS household, h.holding_organisation_id AS holder, h.region_code AS region, m.adult, m.child
       FROM m JOIN households h ON h.id = m.household_id
      WHERE m.adults = 1 AND m.child IS NOT NULL AND NOT m.receives ORDER BY h.id LIMIT 1`);
  if (!subject) throw new Error('no generated household of one adult and a child: raise PEOPLE');
  return subject;
}

/**
 * The kinds of change, each as the owning lib writes it (in a transaction, its timestamps stamped), and what the
 * alerts say once it is evaluated: that rule's live alert about that subject, or none. Made in this order they
 * raise and clear in turn; `flips` are the four that change what a coordinator sees.
 */
function changeKinds(pool, subject, { userId, importId }) {
  let caseId = null;
  const inTransaction = async (statements) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const [text, values] of statements()) await client.query(text, values);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  const income = (cents) => () => inTransaction(() => [[`UPDATE households SET monthly_income_cents = $2, updated_at = now() WHERE id = $1`, [subject.household, cents]]]);
  const event = (kind) => [`INSERT INTO case_events (id, case_id, actor_user_id, actor_organisation_id, kind) VALUES ($1, $2, $3, $4, $5)`,
    [randomUUID(), caseId, userId, subject.holder, kind]];
  const lowIncome = (live) => ({ rule: 'LOW_INCOME_NO_DIBAO', subjectType: 'Household', subjectId: subject.household, live });
  const carerAway = (live) => ({ rule: 'CHILD_CARER_AWAY', subjectType: 'Person', subjectId: subject.child, live });
  const kinds = {
    incomeDown: { name: 'household income down to 0', make: income(0), expect: lowIncome(true) },
    caseOpened: {
      name: "the adult's case opened (in hospital)", expect: carerAway(true),
      make: () => inTransaction(() => {
        caseId = randomUUID();
        return [[`INSERT INTO cases (id, person_id, household_id, holding_organisation_id, opened_by, region_code, needs, priority)
                  VALUES ($1, $2, $3, $4, $5, $6, ARRAY['HOSPITALISED'], 'NORMAL')`, [caseId, subject.adult, subject.household, subject.holder, userId, subject.region]],
          event('OPENED')];
      }),
    },
    caseWorked: {
      name: 'something recorded on the case', expect: carerAway(true),
      make: () => inTransaction(() => [[`UPDATE cases SET updated_at = now(), version = version + 1 WHERE id = $1`, [caseId]], event('UPDATED')]),
    },
    signal: {
      name: 'utility arrears of the adult (a signal)', expect: { rule: 'UTILITY_ARREARS_RECENT', subjectType: 'Person', subjectId: subject.adult, live: true },
      make: () => inTransaction(() => [[`INSERT INTO person_signals (id, import_id, person_id, kind, occurred_on, amount_cents, row_key)
                                         VALUES ($1, $2, $3, 'UTILITY_ARREARS', current_date - 10, 12000, $4)`,
        [randomUUID(), importId, subject.adult, createHash('sha256').update(randomUUID()).digest()]]]),
    },
    incomeUp: { name: 'household income up to 100,000 yuan', make: income(10_000_000), expect: lowIncome(false) },
    caseClosed: {
      name: 'the case closed', expect: carerAway(false),
      make: () => inTransaction(() => [[`UPDATE cases SET status = 'CLOSED', outcome = 'NEEDS_MET', closed_at = now(), closed_by = $2, updated_at = now(),
                                                version = version + 1 WHERE id = $1`, [caseId, userId]], event('STATUS_CHANGED')]),
    },
  };
  return {
    all: [kinds.incomeDown, kinds.caseOpened, kinds.caseWorked, kinds.signal, kinds.incomeUp, kinds.caseClosed],
    flips: [kinds.incomeDown, kinds.caseOpened, kinds.incomeUp, kinds.caseClosed],
  };
}

/** Whether the alerts say what a change should have made them say. */
async function alertsSay(pool, { rule, subjectType, subjectId, live }) {
  const { rows } = await pool.query(
    `SELECT 1 FROM insight_alerts WHERE rule_code = $1 AND subject_type = $2 AND subject_id = $3 AND cleared_at IS NULL`, [rule, subjectType, subjectId]);
  return (rows.length > 0) === live;
}

/**
 * CHANGES changes in turn, each caught up at once by the product's InsightEvaluation (from the dist snapshot, on a
 * TypeORM data source of its own, in this process — the API is not running): from the commit to catchUp's return,
 * the alert raised or cleared (checked after each). Leaves the household as it found it (income up, no case open).
 */
async function incrementalInProcess({ dist, databaseUrl, pool, kinds }) {
  const { DataSource } = require('typeorm');
  const { databaseOptions } = require(join(dist, 'libs/core/src/database/database-options.js'));
  const { InsightEvaluation } = require(join(dist, 'libs/insights/src/evaluation/insight-evaluation.js'));
  const { RuleBook } = require(join(dist, 'libs/insights/src/rules/rule-book.js'));
  const { PersonFacts } = require(join(dist, 'libs/registry/src/people/person-facts.js'));
  const { HouseholdFacts } = require(join(dist, 'libs/registry/src/households/household-facts.js'));
  const { CaseFacts } = require(join(dist, 'libs/cases/src/cases/case-facts.js'));
  const { ReferralFacts } = require(join(dist, 'libs/referrals/src/referrals/referral-facts.js'));
  const db = new DataSource(databaseOptions(databaseUrl, { poolSize: 4 }));
  await db.initialize();
  try {
    const evaluation = new InsightEvaluation(db, new RuleBook(db), new PersonFacts(db), new CaseFacts(db), new HouseholdFacts(db), new ReferralFacts(db));
    const catchUp = async () => {
      const result = await evaluation.catchUp(new Date());
      if (!result || result.failed > 0) throw new Error(`a catch-up failed: ${JSON.stringify(result)}`);
      return result;
    };
    await catchUp(); // whatever was pending before the first change
    const samples = [];
    for (let i = 0; i < CHANGES; i += 1) {
      if (guard.isStopping()) throw new Error('interrupted');
      const kind = kinds.all[i % kinds.all.length];
      await kind.make();
      const t0 = performance.now();
      const result = await catchUp();
      const ms = performance.now() - t0;
      if (!(await alertsSay(pool, kind.expect))) throw new Error(`after "${kind.name}" the alerts do not say ${JSON.stringify(kind.expect)}`);
      samples.push({ kind: kind.name, ms, people: result.people });
    }
    // Back to where the next part starts from: income up, no case open (the cycle's last two, as far as not done).
    const next = CHANGES % kinds.all.length;
    const rest = next === 0 ? [] : next === 1 ? [kinds.all[4]] : kinds.all.slice(Math.max(next, 4));
    for (const kind of rest) await kind.make();
    await catchUp();
    return samples;
  } finally {
    await db.destroy();
  }
}

/**
 * E2E_CHANGES changes through the running API's own catch-up job (every 2 s): each made at a point spread over the
 * job's interval, then the table watched every 20 ms until the alert is raised or cleared.
 */
async function incrementalThroughServer(pool, kinds) {
  const latencies = [];
  for (let i = 0; i < E2E_CHANGES; i += 1) {
    if (guard.isStopping()) throw new Error('interrupted');
    const kind = kinds.flips[i % kinds.flips.length];
    await sleep((i * 739) % 2000);
    await kind.make();
    const t0 = performance.now();
    while (!(await alertsSay(pool, kind.expect))) {
      if (performance.now() - t0 > 30_000) throw new Error(`after "${kind.name}" the API's catch-up did not show within 30 s`);
      await sleep(20);
    }
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

function batchFigures(latencies) {
  const [p50, p99] = percentiles(latencies, [50, 99]);
  return { p50: round(p50), p99: round(p99), max: round(Math.max(...latencies)) };
}

async function main() {
  const startedAt = new Date();
  const stamp = runStamp(startedAt);
  const { dist } = snapshotDist({ root: ROOT, name: 'insights', stamp, mode: process.env.BUILD ?? 'auto', guard, say });
  const database = await freshDatabase({ root: ROOT, dirName: `bench-insights-${stamp}`, stamp, guard, say });
  const secrets = makeSecrets();
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...secrets.env });
  say(`cli migrate: ${(await runCli(ROOT, 'migrate', cliEnv, { dist })).slice(0, 120)}…`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv, { dist })}`);
  say(`data: loading ${PEOPLE} people…`);
  const data = await loadPeople({ dist, databaseUrl: database.url, idKey: secrets.idKey, indexKey: secrets.env.ID_NUMBER_INDEX_KEY, count: PEOPLE, guard, say });
  const people = data.generated;
  delete data.generated;
  say(`data: ${data.tables.people} people, ${data.tables.households} households`);

  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on('error', (error) => {
    if (error.code !== '57P01') console.error(`bench: idle pool connection: ${error.message}`);
  });
  guard.defer(() => Promise.race([pool.end(), sleep(10_000)]));

  // 1. Full evaluation, twice.
  say('evaluation: every rule over everything (cli insights:evaluate), twice');
  const first = await evaluateOnce(dist, cliEnv);
  const second = await evaluateOnce(dist, cliEnv);
  const { rows: [alerts] } = await pool.query(`SELECT count(*)::int AS live FROM insight_alerts WHERE cleared_at IS NULL`);
  if (second.raised !== 0) throw new Error(`a second evaluation raised ${second.raised} alerts: re-evaluation must only refresh`);

  // 2. Incremental evaluation after one change: in this process, then through the API's catch-up job (below, once it runs).
  const subject = await changeSubject(pool);
  const { rows: [coordinator] } = await pool.query(`SELECT id FROM users WHERE email = 'coordinator@zhulian.demo'`);
  const changesImport = randomUUID();
  await pool.query(
    `INSERT INTO signal_imports (id, organisation_id, imported_by, kind, file_name, file_sha256, region_code, rows_expected, status, finished_at)
     VALUES ($1, $2, $3, 'UTILITY_ARREARS', 'changes.csv', $4, '110105', 1, 'DONE', now())`,
    [changesImport, DISTRICT, coordinator.id, createHash('sha256').update(changesImport).digest()]);
  const kinds = changeKinds(pool, subject, { userId: coordinator.id, importId: changesImport });
  say(`incremental: ${CHANGES} changes to one household (${kinds.all.map((k) => k.name).join(', ')}), each caught up at once`);
  const samples = await incrementalInProcess({ dist, databaseUrl: database.url, pool, kinds });
  const scoped = (list) => {
    const [p50, p99] = percentiles(list.map((x) => x.ms), [50, 99]);
    return { changes: list.length, p50: round(p50), p99: round(p99), max: round(Math.max(...list.map((x) => x.ms))) };
  };
  const incremental = {
    all: scoped(samples),
    byKind: Object.fromEntries(kinds.all.map((k) => [k.name, scoped(samples.filter((x) => x.kind === k.name))])),
    people: [...new Set(samples.map((x) => x.people))],
  };

  // 3. A signal file through the API, beside the same raw.
  const rows = signalRows(people, SIGNAL_ROWS);
  const port = await freePort();
  const server = guard.track(await startServer({
    name: 'zhulian API', script: join(dist, 'apps/api/src/main.js'), cwd: ROOT, ready: /listening on/i,
    env: baseEnv({ DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...secrets.env }),
  }));
  if (E2E_CHANGES > 0) say(`incremental: ${E2E_CHANGES} changes through the API's catch-up job (every 2 s)`);
  const e2eLatencies = await incrementalThroughServer(pool, kinds);
  if (e2eLatencies.length > 0) {
    const [p50, p99] = percentiles(e2eLatencies, [50, 99]);
    incremental.api = { changes: e2eLatencies.length, p50: round(p50), p99: round(p99), max: round(Math.max(...e2eLatencies)) };
  }
  const claims = await signIn(port, 'coordinator@zhulian.demo');
  const headers = () => ({ authorization: `Bearer ${accessToken(claims, secrets.env.JWT_SECRET)}` });
  const call = async (query, variables) => {
    const res = await postJson(graphqlUrl(port), { query, variables }, headers());
    if (res.status !== 200 || res.json?.errors) throw new Error(`API: ${res.text.slice(0, 800)}`);
    return res.json.data;
  };
  say(`signals: ${rows.length} rows through the API in batches of ${BATCH}`);
  const rss = sampleRss(server.pid, 200);
  const apiStarted = performance.now();
  const { startSignalImport } = await call(
    `mutation($input: StartSignalImportInput!) { startSignalImport(input: $input) { import { id } } }`,
    { input: { kind: 'MEDICAL_BILL', fileName: 'bench.csv', sha256: createHash('sha256').update(stamp).digest('hex'), rows: rows.length } });
  const importId = startSignalImport.import.id;
  const latencies = [];
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    if (guard.isStopping()) throw new Error('interrupted');
    const t0 = performance.now();
    await call(`mutation($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rowsDone } }`, { input: { importId, rows: rows.slice(offset, offset + BATCH) } });
    latencies.push(performance.now() - t0);
  }
  // Every batch is in: a catch-up that begins from here on sees the whole file.
  const { rows: [{ at: lastBatchIn }] } = await pool.query(`SELECT clock_timestamp() AS at`);
  const { finishSignalImport: summary } = await call(`mutation($id: ID!) { finishSignalImport(id: $id) { rowsDone invalid matched unmatched repeated } }`, { id: importId });
  const apiSeconds = (performance.now() - apiStarted) / 1000;
  // 4. The evaluation the import's end set off: until a catch-up that began after the last batch has ended (the catch-up job
  // may have evaluated some of the file while it arrived; this one has seen all of it).
  const evalStarted = performance.now();
  let afterImport = null;
  for (let i = 0; i < 3000 && !afterImport; i += 1) {
    const { rows: [row] } = await pool.query(
      `SELECT last_scope_people AS people, (SELECT count(*)::int FROM insight_alerts WHERE rule_code = 'MEDICAL_BURDEN' AND cleared_at IS NULL) AS n
         FROM insight_change_feed WHERE name = 'evaluation' AND last_run_at - make_interval(secs => last_run_ms / 1000.0) > $1`, [lastBatchIn]);
    if (row) afterImport = { seconds: round((performance.now() - evalStarted) / 1000), medicalBurdenAlerts: row.n, people: row.people };
    else await sleep(100);
  }
  const serverRss = rss.stop();

  // 5. The district office's dashboard under load, beside the statements behind it run raw.
  say(`dashboard: regionDashboard by ${CONNS} loops for ${DASHBOARD_SECONDS} s, then its statements raw`);
  const DASHBOARD_QUERY = `{ regionDashboard { people households openCases openCasesByAge { key count } needs { key count }
    referralsByReceiver { organisationName received accepted acceptanceRate medianResponseHours } alertsByRule { ruleCode raised } } }`;
  const dashboardOnce = await call(DASHBOARD_QUERY);
  const apiDashboard = await loopLoad({
    loops: CONNS, seconds: DASHBOARD_SECONDS, isStopping: guard.isStopping,
    once: async () => {
      const res = await postJson(graphqlUrl(port), { query: DASHBOARD_QUERY }, headers());
      return res.status === 200 && !res.json?.errors && res.json?.data?.regionDashboard?.people === dashboardOnce.regionDashboard.people;
    },
  });
  await server.stop();
  const captured = [];
  const capturing = { query: async (text, values) => (captured.push({ text, values }), (await pool.query(text, values)).rows) };
  const { PersonFacts } = require(join(dist, 'libs/registry/src/people/person-facts.js'));
  const { CaseFacts } = require(join(dist, 'libs/cases/src/cases/case-facts.js'));
  const { ReferralStats } = require(join(dist, 'libs/referrals/src/referrals/referral-stats.js'));
  const { RegionDashboardService } = require(join(dist, 'libs/insights/src/oversight/region-dashboard.service.js'));
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  await new PersonFacts(capturing).regionCounts('110105');
  await new CaseFacts(capturing).openCaseStats('110105', new Date());
  await new ReferralStats(capturing).byReceiver('110105', yearAgo);
  await new ReferralStats(capturing).medianResponseHours('110105', yearAgo);
  await new RegionDashboardService(capturing).alertCounts('110105');
  const rawDashboard = await loopLoad({
    loops: CONNS, seconds: DASHBOARD_SECONDS, isStopping: guard.isStopping,
    once: async () => {
      await Promise.all(captured.map(({ text, values }) => pool.query(text, values)));
      return true;
    },
  });
  const dashboardFigures = (run) => {
    const [p50, p99] = percentiles(run.latenciesMs, [50, 99]);
    return { requestsPerSecond: round(run.latenciesMs.length / run.seconds, 1), p50: round(p50), p99: round(p99), errors: run.errors, mismatches: run.mismatches };
  };
  const dashboard = { api: dashboardFigures(apiDashboard), raw: { ...dashboardFigures(rawDashboard), statements: captured.length } };
  if (dashboard.api.errors + dashboard.api.mismatches > 0) throw new Error(`dashboard load: ${dashboard.api.errors} errors, ${dashboard.api.mismatches} different answers`);
  const api = { rowsPerSecond: round(rows.length / apiSeconds, 0), seconds: round(apiSeconds), batchMs: batchFigures(latencies), maxRssBytes: serverRss, summary };

  const { IdNumberVault } = require(join(dist, 'libs/registry/src/crypto/id-number-vault.js'));
  const vault = new IdNumberVault({ idNumberKeys: [{ id: 'k1', key: secrets.idKey }], idNumberIndexKey: secrets.env.ID_NUMBER_INDEX_KEY });
  say('signals: the same rows raw through pg');
  const { rows: [user] } = await pool.query(`SELECT id FROM users WHERE email = 'coordinator@zhulian.demo'`);
  const raw = await rawImport(pool, vault, rows, DISTRICT, user.id);
  if (summary.matched !== raw.matched) throw new Error(`the API matched ${summary.matched} rows, the raw path ${raw.matched}: they must agree`);

  say();
  say(`assistance brain: ${data.tables.people} people (${PEOPLE} generated + the demo's), ${cpus().length} cores, ${database.kind}`);
  say();
  say(markdownTable(['full evaluation (every rule)', 'seconds (evaluate)', 'seconds (process)', 'peak RSS MB', 'raised', 'refreshed', 'cleared'], [
    ['first run', first.seconds.toFixed(2), first.processSeconds.toFixed(2), mb(first.maxRssBytes).toFixed(0), String(first.raised), String(first.refreshed), String(first.cleared)],
    ['second run (nothing new)', second.seconds.toFixed(2), second.processSeconds.toFixed(2), mb(second.maxRssBytes).toFixed(0), String(second.raised), String(second.refreshed), String(second.cleared)],
  ]));
  say(`per rule (first run): ${Object.entries(first.byRule).map(([code, r]) => `${code} ${r.found ?? r.error}`).join(', ')}; live alerts: ${alerts.live}`);
  say();
  const full = second.seconds * 1000;
  say(markdownTable(['incremental evaluation after one change', 'changes', 'p50 ms', 'p99 ms', 'max ms', 'full run (second) ÷ p99'], [
    ['catch-up at once (in process), commit → alert raised/cleared', String(incremental.all.changes), incremental.all.p50.toFixed(1), incremental.all.p99.toFixed(1),
      incremental.all.max.toFixed(1), `${round(full / incremental.all.p99, 0)} ×`],
    ...Object.entries(incremental.byKind).map(([name, k]) => [`  ${name}`, String(k.changes), k.p50.toFixed(1), k.p99.toFixed(1), k.max.toFixed(1), '']),
    ...(incremental.api ? [['through the API (catch-up job every 2 s), commit → alert in the table', String(incremental.api.changes), incremental.api.p50.toFixed(0),
      incremental.api.p99.toFixed(0), incremental.api.max.toFixed(0), '']] : []),
  ]));
  say(`people evaluated per catch-up: ${incremental.people.join(', ')} (the household, and whatever else changed in the second the watermark keeps behind the clock)`);
  say();
  say(markdownTable(['signal file', 'rows', 'rows/s', 'seconds', 'batch p50 ms', 'batch p99 ms', 'peak RSS MB', 'matched'], [
    ['API (GraphQL, batches of 2,000)', String(rows.length), String(api.rowsPerSecond), api.seconds.toFixed(1), api.batchMs.p50.toFixed(1), api.batchMs.p99.toFixed(1), mb(serverRss).toFixed(0), String(summary.matched)],
    ['raw pg (same matching and insert)', String(rows.length), String(raw.rowsPerSecond), raw.seconds.toFixed(1), raw.batchMs.p50.toFixed(1), raw.batchMs.p99.toFixed(1), '–', String(raw.matched)],
  ]));
  say(`API/raw rows/s: ${round(api.rowsPerSecond / raw.rowsPerSecond, 3)}; summary: ${JSON.stringify(summary)}`);
  say(afterImport ? `evaluation set off by the import's end (${afterImport.people === null ? 'everything' : `${afterImport.people} people`}): done ${afterImport.seconds} s after the import returned (${afterImport.medicalBurdenAlerts} medical-burden alerts)` : 'evaluation after the import: not seen within 5 minutes');
  say();
  say(markdownTable(['region dashboard (district office)', 'req/s', 'p50 ms', 'p99 ms'], [
    [`API regionDashboard (${CONNS} loops)`, String(dashboard.api.requestsPerSecond), dashboard.api.p50.toFixed(2), dashboard.api.p99.toFixed(2)],
    [`raw: its ${dashboard.raw.statements} statements through pg, at once`, String(dashboard.raw.requestsPerSecond), dashboard.raw.p50.toFixed(2), dashboard.raw.p99.toFixed(2)],
  ]));

  const results = {
    benchmark: 'assistance brain: evaluation and signal import', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
    settings: { people: PEOPLE, signalRows: SIGNAL_ROWS, batch: BATCH, changes: CHANGES, e2eChanges: E2E_CHANGES }, machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null },
    database: database.kind, commit: gitCommit(ROOT), data, evaluation: { first, second, liveAlerts: alerts.live }, incremental, signals: { api, raw, afterImport }, dashboard,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say(`results: ${relative(ROOT, RESULTS)}`);
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await guard.run();
}
