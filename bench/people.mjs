// `node bench/people.mjs`: the people registry's list under the full access rules, on 100,000 people.
// Creates a fresh database (embedded cluster, or a throw-away database on DATABASE_URL), migrates it,
// loads the demo, then PEOPLE generated people in their households (sealed and blind-indexed ID numbers,
// half held by each street office, 10 % consenting to the elderly-care NGO), starts the API from dist/
// as it is (never rebuilt here), checks the answers, and loads it with autocannon on loopback, one case
// at a time: A the caseworker's page (full rules), B a coordinator's (holder rule), C the NGO staff's
// (consent only), D an ID-number search, and E the SQL statement behind A run raw through `pg` in this
// process. Prints a markdown table and writes bench/results/people-latest.json. See bench/README.md.
// Knobs (env): PEOPLE (default 100000), DURATION (s, default 10), WARMUP (s, default 3),
// CONNS (default 10), DATABASE_URL, KEEP_DATABASE, SERVER_CPU_PROF (dir: a CPU profile per case, read with bench/cpu-profile-top.mjs).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  ACCESS_TOKEN_TTL_SECONDS, accessToken, baseEnv, exitGuard, freshDatabase, gitCommit, graphqlUrl, load, loopLoad, markdownTable, mb, numberKnob,
  postJson, round, runCli, runStamp, sampleRss, signIn, startServer, summarise,
} from './lib.mjs';
import { DEMO, loadPeople, makeSecrets } from './people-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results', 'people-latest.json');
const DIST = join(ROOT, 'dist');

const PEOPLE = numberKnob('PEOPLE', 100_000, { integer: true });
const DURATION = numberKnob('DURATION', 10);
const WARMUP = numberKnob('WARMUP', 3, { allowZero: true });
const CONNS = numberKnob('CONNS', 10, { integer: true });
if (WARMUP + DURATION > ACCESS_TOKEN_TTL_SECONDS - 60) {
  throw new Error(`WARMUP + DURATION must stay under ${ACCESS_TOKEN_TTL_SECONDS - 60} s: one access token serves a load`);
}

// The demo's organisations and users (libs/identity/src/demo, libs/registry/src/demo).
const { jianwai: JIANWAI, elderlyNgo: ELDERLY_NGO, caseworker: CASEWORKER, coordinator: COORDINATOR } = DEMO;

const PAGE_QUERY = 'query { people(first: 25) { edges { node { id fullName gender birthYear phone regionCode } } } }';
const SEARCH_QUERY = 'query($s: PeopleSearch) { people(first: 5, search: $s) { edges { node { id fullName } } } }';

const guard = exitGuard();
const say = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------- the raw baseline (E)

/**
 * The statement the API (dist/) runs for A: the columns of PERSON_STORE, peopleFrom and the caseworker's rules
 * compiled by rowFilter (libs/registry/src/people/person.store.ts, person.rules.ts), in the same
 * order: a consent in any category with Person fields (the consent rules, one test), the holder
 * (role:CASEWORKER, basic data), the holder and registrar (registered-by-me); page size + 1 rows.
 */
function caseworkerPageStatement({ breakGlass }) {
  const categories = ['case_notes', 'health', 'financial', 'identity', 'contact', 'basic']; // `location` has no Person field
  const params = { actingOrganisation: JIANWAI, actingUser: CASEWORKER, categories };
  Object.assign(params, { holder: JIANWAI, holder2: JIANWAI, me: CASEWORKER });
  const sql = `SELECT p.id, p.holding_organisation_id, p.registered_by, p.full_name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
  p.id_document_type, p.id_key_id, p.id_sealed, p.phone, p.address, p.region_code, p.disability, p.chronic_illness,
  p.monthly_income_cents, p.assistance, p.notes, p.created_at,
  COALESCE(g.categories, '{}') AS consented_categories, COALESCE(g.ids, '{}') AS consent_ids${breakGlass ? `,
  EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = p.id AND b.user_id = :actingUser
                  AND b.organisation_id = :actingOrganisation AND b.expires_at > now()) AS break_glass` : ''}
  FROM people p
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE c.person_id = p.id AND c.recipient_organisation_id = :actingOrganisation
       AND c.withdrawn_at IS NULL AND c.valid_from <= now() AND (c.valid_until IS NULL OR c.valid_until > now())
  ) g ON TRUE WHERE p.merged_into IS NULL AND ((g.categories && :categories)
    OR (p.holding_organisation_id = :holder) OR ((p.holding_organisation_id = :holder2) AND (p.registered_by = :me)))  ORDER BY p.id LIMIT 26`;
  // Named parameters to $n as TypeORM does (a name used twice is one parameter).
  const names = [];
  const text = sql.replace(/(?<!:):([A-Za-z_]\w*)/g, (_, name) => {
    if (!(name in params)) throw new Error(`no value for :${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return { text, values: names.map((name) => params[name]) };
}

/** CONNS loops of one statement each, back to back, for `seconds`; every answer checked. */
function rawLoad(pool, statement, seconds, expectFirstId) {
  return loopLoad({
    loops: CONNS, seconds, isStopping: guard.isStopping,
    once: async () => {
      const { rows } = await pool.query(statement.text, statement.values);
      return rows.length === 26 && rows[0].id === expectFirstId;
    },
  });
}

// ---------------------------------------------------------------- the API

const urlOf = graphqlUrl;

function headersFor(kase, secret) {
  return { 'content-type': 'application/json', authorization: `Bearer ${accessToken(kase.claims, secret)}`, ...kase.headers };
}

/** Asks once; throws unless it is a clean answer with `edges` edges. */
async function ask(port, kase, secret, edges) {
  const res = await postJson(urlOf(port), kase.body, headersFor(kase, secret));
  const got = res.json?.data?.people?.edges;
  if (res.status !== 200 || res.json?.errors || !Array.isArray(got) || (edges !== undefined && got.length !== edges)) {
    throw new Error(`case ${kase.key} (${kase.label}): not a clean answer with ${edges} people (HTTP ${res.status}): ${res.text.slice(0, 800)}`);
  }
  return { text: res.text, ids: got.map((e) => e.node.id), json: res.json };
}

async function auditPosition(pool) {
  const { rows: [row] } = await pool.query('SELECT COALESCE(max(position), 0)::bigint AS n FROM audit_events');
  return Number(row.n);
}

async function measureApi(kase, spec, secret, pool) {
  // SERVER_CPU_PROF=dir: the case's server writes a V8 CPU profile to dir/<case>/ when it stops (bench/cpu-profile.cjs).
  const profiling = process.env.SERVER_CPU_PROF
    ? { nodeArgs: ['--require', join(ROOT, 'bench', 'cpu-profile.cjs')], env: { ...spec.env, SERVER_CPU_PROF_DIR: join(resolve(process.env.SERVER_CPU_PROF), kase.key) } }
    : {};
  const server = guard.track(await startServer({ ...spec, ...profiling, ready: /listening on/i }));
  try {
    await sleep(1000);
    const common = { url: urlOf(spec.port), headers: headersFor(kase, secret), body: JSON.stringify(kase.body), connections: CONNS, expectBody: kase.expectBody };
    const auditBefore = await auditPosition(pool);
    let warmupRequests = 0;
    if (WARMUP > 0) {
      say(`  ${kase.key} ${kase.label}: warm-up ${WARMUP} s, ${CONNS} connections`);
      warmupRequests = (await load({ ...common, duration: WARMUP })).requests.sent;
    }
    if (guard.isStopping()) throw new Error('interrupted');
    say(`  ${kase.key} ${kase.label}: load ${DURATION} s, ${CONNS} connections`);
    const sampler = sampleRss(server.pid);
    const linesBefore = server.linesAfterStart();
    const result = await load({ ...common, duration: DURATION });
    const maxRss = sampler.stop();
    const auditRows = (await auditPosition(pool)) - auditBefore;
    return summarise(result.latenciesMs, result.requests.average, result.requests.total, {
      maxRssBytes: maxRss,
      auditRowsPerRequest: round(auditRows / (warmupRequests + result.requests.sent), 2),
      problems: {
        errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatchedBodies: result.mismatches,
        serverLogLines: server.linesAfterStart() - linesBefore,
      },
    });
  } finally {
    await server.stop();
  }
}

async function measureRaw(pool, statement, expectFirstId) {
  if (WARMUP > 0) {
    say(`  E raw SQL: warm-up ${WARMUP} s, ${CONNS} concurrent loops`);
    await rawLoad(pool, statement, WARMUP, expectFirstId);
  }
  if (guard.isStopping()) throw new Error('interrupted');
  say(`  E raw SQL: load ${DURATION} s, ${CONNS} concurrent loops`);
  const sampler = sampleRss(process.pid);
  const run = await rawLoad(pool, statement, DURATION, expectFirstId);
  const maxRss = sampler.stop();
  return summarise(run.latenciesMs, run.latenciesMs.length / run.seconds, run.latenciesMs.length, {
    maxRssBytes: maxRss, problems: { errors: run.errors, mismatchedRows: run.mismatches },
  });
}

/**
 * Waits until the API's catch-up of the early-warning rules (libs/insights, InsightJobs) has evaluated the people
 * just loaded: 100,000 people changed at once is a backlog a real node works through once, after an import, and a
 * load measured during it would measure the backlog. Gives the seconds waited and the run's own time.
 */
async function caughtUp(pool) {
  const started = Date.now();
  const { rows: [loaded] } = await pool.query(`SELECT max(updated_at) AS at FROM people`);
  for (;;) {
    const { rows: [feed] } = await pool.query(`SELECT seen_until, last_run_ms FROM insight_change_feed WHERE name = 'evaluation'`);
    if (feed && feed.seen_until > loaded.at) return { seconds: round((Date.now() - started) / 1000, 1), runMs: feed.last_run_ms };
    if (Date.now() - started > 600_000) throw new Error('the early-warning catch-up did not reach the loaded people within 10 minutes');
    if (guard.isStopping()) throw new Error('interrupted');
    await sleep(500);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  const stamp = runStamp(startedAt);
  const database = await freshDatabase({ root: ROOT, dirName: `bench-people-${stamp}`, stamp, guard, say });
  const secrets = makeSecrets();

  // The demo loader refuses production: migrations and demo data run as development, with the server's secrets.
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...secrets.env });
  say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv)}`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv)}`);

  say(`data: loading ${PEOPLE} people…`);
  const data = await loadPeople({ dist: DIST, databaseUrl: database.url, idKey: secrets.idKey, indexKey: secrets.env.ID_NUMBER_INDEX_KEY, count: PEOPLE, guard, say });
  delete data.generated; // the people themselves stay out of the results
  say(`data: loaded ${data.people} people, ${data.households} households, ${data.consents} consents in ${data.seconds.total.toFixed(1)} s ` +
    `(generate+seal ${data.seconds.generateAndSeal.toFixed(1)} s, insert ${data.seconds.insert.toFixed(1)} s, VACUUM ANALYZE ${data.seconds.vacuumAnalyze.toFixed(1)} s); ` +
    `tables now: ${data.tables.people} people, ${data.tables.households} households, ${data.tables.consents} consents`);

  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  // An idle connection that the server drops (e.g. the cluster stopping on Ctrl-C) must not crash the run.
  // pool.end() resolves before the connections are closed, so "admin shutdown" (57P01) is expected at the end.
  pool.on('error', (error) => {
    if (error.code !== '57P01') console.error(`bench: idle pool connection: ${error.message}`);
  });
  guard.defer(() => Promise.race([pool.end(), sleep(10_000)]));
  // A coordinator of 建外: the demo's district coordinator gets a second membership (before the server starts).
  await pool.query(`INSERT INTO memberships (id, user_id, organisation_id, role) VALUES ($1, $2, $3, 'COORDINATOR')`, [randomUUID(), COORDINATOR, JIANWAI]);

  const port = await freePort();
  const spec = {
    name: 'zhulian API',
    script: join(DIST, 'apps/api/src/main.js'),
    cwd: ROOT,
    port,
    env: baseEnv({ DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...secrets.env }),
  };
  const secret = secrets.env.JWT_SECRET;
  const page = { query: PAGE_QUERY };
  const cases = [
    { key: 'A', label: 'caseworker, full rules', email: 'caseworker@zhulian.demo', headers: {}, body: page },
    { key: 'B', label: 'coordinator of 建外, holder rule', email: 'coordinator@zhulian.demo', headers: { 'x-organisation-id': JIANWAI }, body: page },
    { key: 'C', label: 'NGO staff, consent only', email: 'ngo@zhulian.demo', headers: {}, body: page },
    { key: 'D', label: 'caseworker, ID-number search', email: 'caseworker@zhulian.demo', headers: {}, body: { query: SEARCH_QUERY, variables: { s: { idNumber: data.searchTarget.idNumber } } } },
  ];

  // Correctness first, on a server that is then thrown away (the sign-ins' argon2 work stays out of the RSS).
  const breakGlass = readFileSync(join(DIST, 'libs/registry/src/people/person.service.js'), 'utf8').includes('break_glass');
  const statement = caseworkerPageStatement({ breakGlass });
  const correctness = {};
  {
    say('check: signing in and asking each case once');
    const server = guard.track(await startServer({ ...spec, ready: /listening on/i }));
    try {
      for (const kase of cases) kase.claims = await signIn(port, kase.email);
      const answers = {};
      for (const kase of cases) answers[kase.key] = await ask(port, kase, secret, kase.key === 'D' ? 1 : 25);
      const { rows } = await pool.query(statement.text, statement.values);
      const rawIds = rows.slice(0, 25).map((r) => r.id);
      if (JSON.stringify(rawIds) !== JSON.stringify(answers.A.ids)) {
        throw new Error(`A and E differ: the raw SQL is not the API's statement\n  A: ${answers.A.ids.join(' ')}\n  E: ${rawIds.join(' ')}`);
      }
      const { rows: [b] } = await pool.query('SELECT count(*)::int AS n FROM people WHERE id = ANY($1) AND holding_organisation_id = $2', [answers.B.ids, JIANWAI]);
      if (b.n !== 25) throw new Error(`B: only ${b.n} of the coordinator's 25 people are held by 建外`);
      const { rows: [c] } = await pool.query(
        `SELECT count(DISTINCT person_id)::int AS n FROM consents WHERE person_id = ANY($1) AND recipient_organisation_id = $2
            AND withdrawn_at IS NULL AND valid_from <= now() AND (valid_until IS NULL OR valid_until > now())`, [answers.C.ids, ELDERLY_NGO]);
      if (c.n !== 25) throw new Error(`C: only ${c.n} of the NGO's 25 people have a live consent to it`);
      if (answers.D.ids[0] !== data.searchTarget.id) throw new Error(`D: the search found ${answers.D.ids[0]}, not ${data.searchTarget.id}`);
      for (const kase of cases) {
        kase.expectBody = answers[kase.key].text;
        correctness[kase.key] = { ids: answers[kase.key].ids, denied: answers[kase.key].json.extensions?.access?.denied?.length ?? 0 };
      }
      const { rows: plan } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
      correctness.E = { ids: rawIds, sameIdsAsA: true, statement: statement.text, breakGlassColumn: breakGlass, plan: plan.map((r) => r['QUERY PLAN']) };
      say(`check: A's 25 ids equal E's, in order; B's are all 建外's, C's all consented to the NGO; D finds its one person`);
      correctness.catchUp = await caughtUp(pool);
      say(`check: the early-warning rules' catch-up over the loaded people was done ${correctness.catchUp.seconds} s after the checks ` +
        `(run ${correctness.catchUp.runMs} ms); the loads measure a server with nothing left to catch up`);
    } finally {
      await server.stop();
    }
  }

  // Then each case alone on a freshly started server, sharing the machine's cores with the load.
  say('load: one case at a time');
  const measured = {};
  for (const kase of cases) {
    if (guard.isStopping()) throw new Error('interrupted');
    measured[kase.key] = await measureApi(kase, spec, secret, pool);
  }
  measured.E = await measureRaw(pool, statement, correctness.E.ids[0]);

  // ------------------------------------------------------------ report
  const labels = {
    A: 'A caseworker, full rules (API)',
    B: 'B coordinator 建外, holder rule (API)',
    C: 'C NGO staff, consent only (API)',
    D: 'D caseworker, ID-number search (API)',
    E: 'E raw SQL of A (pg, in the bench process)',
  };
  const ratios = {
    aOverE: { requestsPerSecond: round(measured.A.requestsPerSecond / measured.E.requestsPerSecond, 3), p99: round(measured.A.latencyMs.p99 / measured.E.latencyMs.p99, 3) },
    rulesCost: round(1 - measured.A.requestsPerSecond / measured.B.requestsPerSecond, 3),
  };
  say();
  say(`people registry list, ${data.people} people generated (+ demo), ${CONNS} connections, ${DURATION} s each (after ${WARMUP} s warm-up), ${cpus().length} cores`);
  say(`data load: ${data.seconds.total.toFixed(1)} s (generate+seal ${data.seconds.generateAndSeal.toFixed(1)} s, insert ${data.seconds.insert.toFixed(1)} s, VACUUM ANALYZE ${data.seconds.vacuumAnalyze.toFixed(1)} s)`);
  say();
  say(markdownTable(['case', 'req/s', 'p50 ms', 'p99 ms', 'max RSS MB'], Object.entries(measured).map(([key, m]) => [
    labels[key], m.requestsPerSecond.toFixed(0), m.latencyMs.p50.toFixed(2), m.latencyMs.p99.toFixed(2), mb(m.maxRssBytes).toFixed(1),
  ])));
  say();
  say(`A/E: req/s ${ratios.aOverE.requestsPerSecond.toFixed(2)}, p99 ${ratios.aOverE.p99.toFixed(2)}`);
  say(`rules cost (1 − A/B req/s): ${(ratios.rulesCost * 100).toFixed(1)} %`);
  say(`audit rows written per request: ${['A', 'B', 'C', 'D'].map((k) => `${k} ${measured[k].auditRowsPerRequest}`).join(', ')}`);
  let failed = false;
  for (const [key, m] of Object.entries(measured)) {
    const problems = Object.entries(m.problems).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
    if (problems.length > 0) {
      failed = true;
      say(`WARNING ${labels[key]}: ${problems.join(', ')} — these numbers are not to be trusted`);
    }
  }

  const results = {
    benchmark: 'people registry list under the access rules',
    queries: { page: PAGE_QUERY, search: SEARCH_QUERY },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: { people: PEOPLE, durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNS, apiPoolSize: 10, rawPoolSize: 10, apiLogLevel: 'warn', apiNodeEnv: 'production' },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: process.platform },
    database: database.kind,
    commit: gitCommit(ROOT),
    data: { ...data, searchTarget: { id: data.searchTarget.id } },
    correctness,
    cases: Object.fromEntries(Object.entries(measured).map(([key, m]) => [key, { label: labels[key], ...m }])),
    ratios,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say();
  say(`results: ${relative(ROOT, RESULTS)}`);
  if (failed) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await guard.run();
}
