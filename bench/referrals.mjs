// `node bench/referrals.mjs`: the referral list under the full access rules (issue 6), beside the
// PostGraphile V5 + RLS peer and its raw floor in the same run; statements per request; the capacity race.
// Builds the API if dist/ is stale and snapshots it; prepares the peer (../shared/peers/postgraphile copied
// to PEER_DIR, npm ci, its PostgreSQL 15 cluster via db.sh, seed.js); creates a fresh database (on the
// peer's cluster with PEERS=on, so that all three run on one PostgreSQL; else embedded or DATABASE_URL),
// migrates, loads the demo, PEOPLE people, ORGS organisations, SERVICES services, CASES cases and REFERRALS
// referrals with REFERRAL consents; starts the API from the dist/ snapshot; checks the answers against
// the database; counts SQL statements per request through a counting proxy; loads with autocannon on
// loopback, RUNS times: the peers (their own servers and check.js), A the NGO user's page (full rules),
// B the same query by a user who may see everything it touches, C A's SQL statements raw through `pg`
// here, D matching for a case; then RACE_ROUNDS capacity races. Prints markdown tables and writes
// bench/results/referrals-latest.json. See bench/README.md.
// Knobs (env): PEOPLE, CASES, REFERRALS, SERVICES, ORGS, DURATION, WARMUP, CONNS, RUNS, RACE_ROUNDS,
// PEERS=on|off, PEER_DIR, SAME_CLUSTER=on|off, BUILD=auto|always|never|head, DATABASE_URL, OUT.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  ACCESS_TOKEN_TTL_SECONDS, accessToken, baseEnv, capturingManager, cpuMeter, exitGuard, freshDatabase, gitCommit, graphqlUrl, load, loopLoad, markdownTable, mb,
  numberKnob, percentiles, postJson, postmasterPid, runStamp, snapshotDist, round, runCli, sampleRss, sampleWaits, signIn, startServer, statementCounter, summarise,
} from './lib.mjs';
import { DEMO, loadPeople, makeSecrets } from './people-data.mjs';
import { loadReferrals, RACE } from './referrals-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = process.env.OUT ? resolve(process.env.OUT) : join(ROOT, 'bench', 'results', 'referrals-latest.json');
const SHARED_PEER = join(ROOT, '..', 'shared', 'peers', 'postgraphile');
const require = createRequire(import.meta.url);

const PEOPLE = numberKnob('PEOPLE', 100_000, { integer: true });
const CASES = numberKnob('CASES', 50_000, { integer: true });
const REFERRALS = numberKnob('REFERRALS', 200_000, { integer: true });
const SERVICES = numberKnob('SERVICES', 500, { integer: true });
const ORGS = numberKnob('ORGS', 200, { integer: true });
const DURATION = numberKnob('DURATION', 10);
const WARMUP = numberKnob('WARMUP', 3, { allowZero: true });
const CONNS = numberKnob('CONNS', 10, { integer: true });
const RUNS = numberKnob('RUNS', 2, { integer: true });
const RACE_ROUNDS = numberKnob('RACE_ROUNDS', 100, { integer: true, allowZero: true });
const onOff = (name, fallback) => {
  const value = (process.env[name] ?? fallback).toLowerCase();
  if (!['on', 'off'].includes(value)) throw new Error(`${name} must be on or off, not "${process.env[name]}"`);
  return value === 'on';
};
const PEERS = onOff('PEERS', 'on');
const SAME_CLUSTER = onOff('SAME_CLUSTER', 'on');
const BUILD = process.env.BUILD ?? 'auto';
if (!['auto', 'always', 'never', 'head'].includes(BUILD)) throw new Error(`BUILD must be auto, always, never or head, not "${BUILD}"`);
const PEER_DIR = process.env.PEER_DIR ?? '/tmp/peers-postgraphile';
if (WARMUP + DURATION > ACCESS_TOKEN_TTL_SECONDS - 60) {
  throw new Error(`WARMUP + DURATION must stay under ${ACCESS_TOKEN_TTL_SECONDS - 60} s: one access token serves a load`);
}
if (PEOPLE < RACE.referrals * 2) throw new Error(`PEOPLE must be at least ${RACE.referrals * 2}`);

// The page: the same fields as the peer's query, in our schema (service and organisations are names on the referral).
const PAGE_QUERY = `query Referrals($first: Int) { referrals(first: $first) { edges { node {
  id createdAt status urgency serviceName senderOrganisationName receiverOrganisationName person { fullName phone idNumber } } } } }`;
const COUNT_QUERY = 'query { referralsCount }';
const MATCH_QUERY = `query Match($caseId: ID!) { matchServices(caseId: $caseId, first: 10) {
  serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values } } }`;
const ACCEPT_MUTATION = 'mutation Accept($i: MoveReferralInput!) { moveReferral(input: $i) { id status } }';

const USERS = {
  ngo: 'ngo@zhulian.demo', // STAFF of the elderly-care NGO: the measured NGO user
  allowAll: 'jianwai@zhulian.demo', // COORDINATOR of 建外: every referral in their list is 建外's, every person too
  race: 'bench-race-staff@zhulian.bench', // STAFF of the race's NGO
};

const guard = exitGuard();
const say = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------- the peer (../shared/peers/postgraphile, copied)

/** The peer folder copied and installed, its cluster up (stopped at the end if started here), its data seeded. */
async function preparePeer() {
  if (!existsSync(join(PEER_DIR, 'package.json'))) {
    say(`peer: copying ${relative(ROOT, SHARED_PEER)} to ${PEER_DIR}`);
    cpSync(SHARED_PEER, PEER_DIR, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', PEER_DIR]);
  }
  if (!existsSync(join(PEER_DIR, 'node_modules', 'postgraphile'))) {
    say('peer: npm ci');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' });
  }
  const sh = (command) => execFileSync('bash', ['db.sh', command], { cwd: PEER_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let running = true;
  try {
    sh('status');
  } catch {
    running = false;
  }
  if (!running) {
    say('peer: bash db.sh start (PostgreSQL 15 on 127.0.0.1:55432)');
    sh('start');
    guard.defer(async () => {
      sh('stop');
      say('peer: bash db.sh stop');
    });
  } else {
    say('peer: its PostgreSQL 15 cluster is already running (left running at the end)');
  }
  const common = await import(pathToFileURL(join(PEER_DIR, 'common.js')).href);
  const admin = new pg.Client({ connectionString: common.ADMIN_URL });
  await admin.connect();
  let seeded = false;
  try {
    const { rows: [n] } = await admin.query('SELECT (SELECT count(*) FROM app.referrals)::int AS referrals, (SELECT count(*) FROM app_private.people)::int AS people');
    seeded = n.referrals === 200_000 && n.people === 100_000;
  } catch {
    seeded = false;
  } finally {
    await admin.end();
  }
  let seedSeconds = null;
  if (!seeded) {
    say('peer: node seed.js (200 organisations, 100,000 people, 500 services, 200,000 referrals; seed 42)');
    const t0 = performance.now();
    execFileSync(process.execPath, ['seed.js'], { cwd: PEER_DIR, stdio: 'inherit' });
    seedSeconds = round((performance.now() - t0) / 1000, 1);
  } else {
    say('peer: its data is already seeded (200,000 referrals, 100,000 people; seed.js is deterministic)');
  }
  const versionOf = (name) => JSON.parse(readFileSync(join(PEER_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    common, seedSeconds, postmaster: postmasterPid(join(PEER_DIR, '.data', 'pg')),
    versions: { postgraphile: versionOf('postgraphile'), pg: versionOf('pg'), autocannonOfPeer: versionOf('autocannon') },
  };
}

const PEER_SERVERS = {
  postgraphile: { label: 'PostGraphile V5 + RLS (peer)', script: 'server-postgraphile.js', nodeArgs: ['--require', './node20-shim.cjs'] },
  raw: { label: 'raw floor: node:http + pg + RLS (peer)', script: 'server-raw.js', nodeArgs: [] },
};

// ---------------------------------------------------------------- the product's own SQL, for the raw case C

/**
 * The statements ReferralReads, ReferralLoaders and PersonService (from the dist/ snapshot, with every module
 * of the app loaded so that every rule and person attribute is registered as in the server) send for a page,
 * captured instead of run: the page (`ReferralReads.list`) and the people of its open referrals (`ReferralLoaders.peopleOf`).
 */
function productStatements(dist) {
  require('reflect-metadata');
  const { AppModule } = require(join(dist, 'apps/api/src/app.module.js'));
  const { ReferralReads } = require(join(dist, 'libs/referrals/src/referrals/referral-reads.service.js'));
  const { ReferralLoaders } = require(join(dist, 'libs/referrals/src/referrals/referral-loaders.service.js'));
  const { PersonService } = require(join(dist, 'libs/registry/src/people/person.service.js'));
  const { PersonAttributes } = require(join(dist, 'libs/registry/src/people/person-attributes.js'));
  const { ConsentGates } = require(join(dist, 'libs/registry/src/consents/valid-consent.js'));
  // The person attributes the app's modules declare (providePersonAttribute), in the order Nest makes them:
  // its modules depth first from AppModule, as its scanner inserts them.
  // The same for the consent gates (provideConsentGate: a symbol token each).
  const attributes = new PersonAttributes();
  const gates = new ConsentGates();
  const declare = (provider) => {
    if (typeof provider?.provide === 'string' && provider.provide.startsWith('PersonAttribute:')) provider.useFactory(attributes);
    if (typeof provider?.provide === 'symbol' && provider.provide.description?.startsWith('ConsentGate:')) provider.useFactory(gates);
  };
  const seen = new Set();
  const visit = (module) => {
    const type = module?.module ?? module;
    if (!type || seen.has(type)) return;
    seen.add(type);
    for (const provider of Reflect.getMetadata('providers', type) ?? []) declare(provider);
    for (const provider of module?.providers ?? []) declare(provider);
    for (const imported of [...(Reflect.getMetadata('imports', type) ?? []), ...(module?.imports ?? [])]) visit(imported);
  };
  visit(AppModule);
  const { DataSource } = require('typeorm');
  const driver = new DataSource({ type: 'postgres' }).driver;
  let captured = [];
  const db = capturingManager(driver, async (text, values) => (captured.push({ text, values }), []));
  // The people statement needs neither the ID vault nor the look-up audit (constructor: db, idNumbers, lookups, attributes, gates).
  const reads = new ReferralReads(db);
  const loaders = new ReferralLoaders(db, new PersonService(db, null, null, attributes, gates));
  const actorOf = (userId, organisationId, role) => {
    const membership = { membershipId: 'bench', organisationId, role };
    return { userId, sessionId: 'bench', memberships: [membership], acting: membership };
  };
  const capture = async (run) => {
    captured = [];
    await run();
    if (captured.length !== 1) throw new Error(`expected one statement, captured ${captured.length}`);
    return captured[0];
  };
  return {
    page: (actor, first) => capture(() => reads.list(actor, { first })),
    people: (actor, ids) => capture(() => loaders.peopleOf(actor, ids)),
    actorOf,
  };
}

/** The event feed's read of newly published events (EventFeed, on the pool): every node's, whatever the request. */
const FEED = /^\s*SELECT seq, id, kind, subject_type, subject_id, audience/;

/** The audit chainer's statements (AuditChainer.link): a transaction holding one of them is the chainer's. */
const LINKING = /^\s*(SELECT EXISTS \(SELECT 1 FROM audit_events WHERE position IS NULL|SELECT pg_advisory_xact_lock|SELECT position, hash FROM audit_events|UPDATE audit_events e SET position)/;

/**
 * A request's statements from the proxy's log, told apart from the background's: those the event relay sent (on
 * a connection that LISTENs) and the event feed's reads (counted with the relay's), those of the audit chainer's linking (a transaction with one of its statements, or
 * one of them alone), and of the rest those sent before the answer arrived (`answered`, performance.now()).
 */
function splitBackground(entries, listeners, answered) {
  const request = [];
  const linking = [];
  const relay = [];
  const open = new Map(); // connection → the statements of its transaction so far
  for (const { text, at, conn } of entries) {
    if (text === null) continue;
    if (listeners.has(conn) || FEED.test(text)) {
      relay.push(text);
      continue;
    }
    const begins = /^\s*(BEGIN|START TRANSACTION)\b/i.test(text);
    const ends = /^\s*(COMMIT|ROLLBACK)\b/i.test(text);
    if (begins) open.set(conn, []);
    const transaction = open.get(conn);
    if (transaction) transaction.push({ text, at });
    else (LINKING.test(text) ? linking : at <= answered ? request : []).push(text);
    if (ends && transaction) {
      open.delete(conn);
      if (transaction.some((s) => LINKING.test(s.text))) linking.push(...transaction.map((s) => s.text));
      else request.push(...transaction.filter((s) => s.at <= answered).map((s) => s.text));
    }
  }
  return { request, linking, relay };
}

// ---------------------------------------------------------------- checks

/** The NGO user's page as the rules say it should be, from the tables (a restatement of the rules, not the product's SQL). */
async function expectedPage(pool, organisationId, first) {
  const { rows } = await pool.query(`
    SELECT r.id, r.person_id, p.full_name, p.phone,
           (r.receiver_organisation_id = $1 AND r.accepted_at IS NOT NULL AND r.status NOT IN ('DRAFT', 'ENTERED_IN_ERROR')
             AND (r.ended_at IS NULL OR r.ended_at > now() - make_interval(days => COALESCE(st.access_grace_days, 0)))) AS open,
           ARRAY(SELECT DISTINCT x FROM (
             SELECT unnest(c.categories) AS x FROM consents c
              WHERE c.person_id = r.person_id AND c.recipient_organisation_id = $1 AND c.withdrawn_at IS NULL AND c.valid_from <= now()
                AND (c.valid_until IS NULL OR c.valid_until > now())
             UNION ALL
             SELECT unnest(o.shared_categories) FROM referrals o
              WHERE o.person_id = r.person_id AND o.receiver_organisation_id = $1 AND o.override_reason IS NOT NULL AND o.accepted_at IS NOT NULL
                AND o.status <> 'ENTERED_IN_ERROR' AND o.ended_at IS NULL) s ORDER BY x) AS categories
      FROM referrals r JOIN people p ON p.id = r.person_id LEFT JOIN referral_settings st ON st.organisation_id = r.receiver_organisation_id
     WHERE (r.receiver_organisation_id = $1 AND r.status <> 'DRAFT') OR r.sender_organisation_id = $1
     ORDER BY COALESCE(r.requested_at, r.created_at) DESC, r.id DESC LIMIT $2`, [organisationId, first]);
  const { rows: [count] } = await pool.query(`SELECT count(*)::int AS n FROM referrals r
     WHERE (r.receiver_organisation_id = $1 AND r.status <> 'DRAFT') OR r.sender_organisation_id = $1`, [organisationId]);
  return { rows, count: count.n };
}

function fail(message) {
  throw new Error(`check failed: ${message}`);
}

/** A: the NGO's page — the rows the rules allow, the person null until accepted, then exactly the consented categories. */
function checkNgoPage(answer, expected, idNumbers) {
  const edges = answer.json.data.referrals.edges;
  if (!isDeepStrictEqual(edges.map((e) => e.node.id), expected.rows.map((r) => r.id))) fail('A: the page is not the referrals the NGO sent or received (not drafts), last sent first');
  let visible = 0;
  edges.forEach(({ node }, i) => {
    const want = expected.rows[i];
    const cats = want.open ? want.categories : [];
    if (cats.length === 0) {
      if (node.person !== null) fail(`A: referral ${node.id} shows its person before it is open to the NGO (or without any consent)`);
      return;
    }
    visible += 1;
    if (node.person === null) fail(`A: referral ${node.id} is open to the NGO with consent to ${cats}, but its person is null`);
    const value = (field, category, real) => {
      const got = node.person[field];
      if (!cats.includes(category) && got !== null) fail(`A: ${field} of referral ${node.id} shown without consent to ${category}`);
      if (cats.includes(category) && real !== undefined && got !== real) fail(`A: ${field} of referral ${node.id} is ${got}, expected the consented value`);
    };
    value('fullName', 'basic', want.full_name);
    value('phone', 'contact', want.phone);
    value('idNumber', 'identity', idNumbers.get(want.person_id));
  });
  return { visible, masked: edges.length - visible };
}

/** B: every referral of the coordinator's page is theirs, every person wholly readable. */
function checkAllowAllPage(answer, expected, idNumbers) {
  const edges = answer.json.data.referrals.edges;
  if (!isDeepStrictEqual(edges.map((e) => e.node.id), expected.rows.map((r) => r.id))) fail('B: the page is not 建外’s referrals, newest first');
  if (answer.json.extensions?.access?.denied?.length) fail(`B: fields were withheld: ${JSON.stringify(answer.json.extensions.access.denied).slice(0, 300)}`);
  edges.forEach(({ node }, i) => {
    const want = expected.rows[i];
    const real = idNumbers.get(want.person_id);
    if (node.person?.fullName !== want.full_name || node.person?.phone !== want.phone || node.person?.idNumber === null || (real && node.person.idNumber !== real)) {
      fail(`B: the person of referral ${node.id} is not wholly shown: ${JSON.stringify(node.person)}`);
    }
  });
}

// ---------------------------------------------------------------- measuring

const CASE_LABELS = {
  postgraphile: 'PostGraphile V5 + RLS (peer)',
  raw: 'raw floor: node:http + pg + RLS (peer)',
  A: 'A zhulian API, NGO staff, full rules',
  B: 'B zhulian API, allow-all (建外 coordinator)',
  C: 'C raw SQL of A (pg, in the bench process)',
  D: 'D zhulian API, matchServices(caseId)',
};

/** How many audit events there are (counted, not the chain's last position: events may be linked later). */
async function auditPosition(pool) {
  const { rows: [row] } = await pool.query('SELECT count(*)::bigint AS n FROM audit_events');
  return Number(row.n);
}

/** One HTTP load (warm-up, then measured with RSS and CPU sampling) against a running server; `auditPool`: count our audit rows. */
async function measureHttp(key, server, request, postmaster, auditPool = null) {
  const common = { url: request.url, headers: request.headers(), body: JSON.stringify(request.body), connections: CONNS, expectBody: request.expectBody };
  const auditBefore = auditPool ? await auditPosition(auditPool) : null;
  let warmupRequests = 0;
  if (WARMUP > 0) {
    say(`  ${CASE_LABELS[key]}: warm-up ${WARMUP} s, ${CONNS} connections`);
    warmupRequests = (await load({ ...common, duration: WARMUP })).requests.sent;
  }
  if (guard.isStopping()) throw new Error('interrupted');
  say(`  ${CASE_LABELS[key]}: load ${DURATION} s, ${CONNS} connections`);
  const rss = sampleRss(server.pid);
  const cpu = cpuMeter({ serverPid: server.pid, postmaster });
  const linesBefore = server.linesAfterStart();
  const waits = auditPool ? sampleWaits(auditPool) : null;
  const result = await load({ ...common, headers: request.headers(), duration: DURATION });
  const cores = cpu.stop();
  const waited = waits ? await waits.stop() : null;
  const auditRows = auditPool ? (await auditPosition(auditPool)) - auditBefore : null;
  return summarise(result.latenciesMs, result.requests.average, result.requests.total, {
    maxRssBytes: rss.stop(), cpuCores: cores, auditRowsPerRequest: auditPool ? round(auditRows / (warmupRequests + result.requests.sent), 2) : null, waits: waited,
    cpuMsPerRequest: { server: round((cores.server * cores.seconds * 1000) / result.requests.total), postgres: cores.postgres === null ? null : round((cores.postgres * cores.seconds * 1000) / result.requests.total) },
    responseBytes: Buffer.byteLength(request.expectBody),
    problems: {
      errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatchedBodies: result.mismatches, serverLogLines: server.linesAfterStart() - linesBefore,
    },
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  const stamp = runStamp(startedAt);
  const { dist, build } = snapshotDist({ root: ROOT, name: 'referrals', stamp, mode: BUILD, guard, say });

  const peer = PEERS ? await preparePeer() : null;
  const onPeerCluster = PEERS && SAME_CLUSTER && !process.env.DATABASE_URL;
  const database = await freshDatabase({
    root: ROOT, dirName: `bench-referrals-${stamp}`, stamp, guard, say,
    ...(onPeerCluster ? { serverUrl: peer.common.ADMIN_URL, serverLabel: 'the peer’s PostgreSQL 15 cluster (127.0.0.1:55432)', kind: 'the peer’s PostgreSQL 15 cluster (db.sh: fsync off, synchronous_commit off, shared_buffers 256MB)' } : {}),
  });
  const ourPostmaster = onPeerCluster ? peer.postmaster : database.dataDir ? postmasterPid(database.dataDir) : null;
  const secrets = makeSecrets();

  // The demo loader refuses production: migrations and demo data run as development, with the server's secrets.
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', JOBS: 'off', ...secrets.env });
  say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv, { dist })}`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv, { dist })}`);

  say(`data: loading ${PEOPLE} people…`);
  const people = await loadPeople({
    dist, databaseUrl: database.url, idKey: secrets.idKey, indexKey: secrets.env.ID_NUMBER_INDEX_KEY, count: PEOPLE, consentEvery: 0, vacuum: false, guard, say,
  });
  const idNumbers = new Map(people.generated.map((p) => [p.id, p.member.idNumber]));
  say(`data: loading ${ORGS} organisations, ${SERVICES} services, ${CASES} cases, ${REFERRALS} referrals…`);
  const referralData = await loadReferrals({ dist, databaseUrl: database.url, people: people.generated, orgs: ORGS, services: SERVICES, cases: CASES, referrals: REFERRALS, guard, say });
  delete people.generated;
  const data = { people, ...referralData };
  say(`data: tables now ${Object.entries(data.tables).map(([k, v]) => `${v} ${k}`).join(', ')}; ` +
    `loaded in ${(people.seconds.generateAndSeal + people.seconds.insert + data.seconds.generate + data.seconds.insert + data.seconds.vacuumAnalyze).toFixed(1)} s`);
  say(`data: referral states ${Object.entries(data.referralStates).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on('error', (error) => {
    if (error.code !== '57P01') console.error(`bench: idle pool connection: ${error.message}`);
  });
  guard.defer(() => Promise.race([pool.end(), sleep(10_000)]));

  const port = await freePort();
  const apiEnv = (url) => baseEnv({ DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', JOBS: 'off', ...secrets.env });
  // SERVER_CPU_PROF=<dir>: every API server of the run writes a V8 CPU profile there when it stops (bench/cpu-profile.cjs).
  const profiling = process.env.SERVER_CPU_PROF ? ['--require', join(ROOT, 'bench', 'cpu-profile.cjs')] : [];
  const profileEnv = process.env.SERVER_CPU_PROF ? { SERVER_CPU_PROF_DIR: resolve(process.env.SERVER_CPU_PROF) } : {};
  const spec = { name: 'zhulian API', script: join(dist, 'apps/api/src/main.js'), cwd: ROOT, env: { ...apiEnv(database.url), ...profileEnv }, ready: /listening on/i, nodeArgs: profiling };
  const secret = secrets.env.JWT_SECRET;
  const url = graphqlUrl(port);
  const headersOf = (claims) => () => ({ 'content-type': 'application/json', authorization: `Bearer ${accessToken(claims, secret)}` });
  const ask = async (claims, body) => {
    const res = await postJson(url, body, headersOf(claims)());
    if (res.status !== 200 || res.json?.errors || !res.json?.data) throw new Error(`not a clean answer (HTTP ${res.status}): ${res.text.slice(0, 800)}`);
    return res;
  };

  // ------------------------------------------------------------ checks and statements, on one server behind the counting proxy
  const dbUrl = new URL(database.url);
  const proxy = await statementCounter({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) });
  guard.defer(() => proxy.close());
  const proxiedUrl = new URL(database.url);
  proxiedUrl.hostname = '127.0.0.1';
  proxiedUrl.port = String(proxy.port);
  const claims = {};
  const checks = {};
  const statements = {};
  const sql = productStatements(dist);
  const { rows: [ngoUser] } = await pool.query(`SELECT id FROM users WHERE email = $1`, [USERS.ngo]);
  const { rows: [jianwaiUser] } = await pool.query(`SELECT id FROM users WHERE email = $1`, [USERS.allowAll]);
  const ngoActor = sql.actorOf(ngoUser.id, DEMO.elderlyNgo, 'STAFF');
  const allowAllActor = sql.actorOf(jianwaiUser.id, DEMO.jianwai, 'COORDINATOR');
  const bodies = {
    A: { query: PAGE_QUERY, variables: { first: 25 } },
    B: { query: PAGE_QUERY, variables: { first: 25 } },
    D: { query: MATCH_QUERY, variables: { caseId: data.matchingCaseId } },
  };
  let raw;
  {
    say('check: signing in, asking each case once, checking against the tables; statements per request through a counting proxy');
    const server = guard.track(await startServer({ ...spec, env: { ...apiEnv(proxiedUrl.toString()), ...profileEnv } }));
    try {
      claims.A = await signIn(port, USERS.ngo);
      claims.B = await signIn(port, USERS.allowAll);
      claims.D = claims.B;
      claims.race = await signIn(port, USERS.race);

      // A: the NGO staff member's page.
      const answerA = await ask(claims.A, bodies.A);
      const expectedA = await expectedPage(pool, DEMO.elderlyNgo, 25);
      const mix = checkNgoPage(answerA, expectedA, idNumbers);
      const countA = (await ask(claims.A, { query: COUNT_QUERY })).json.data.referralsCount;
      if (countA !== expectedA.count) fail(`A: referralsCount is ${countA}, the tables say ${expectedA.count}`);
      const [firstOpen] = expectedA.rows.filter((r) => r.open && r.categories.length > 0);
      checks.A = { referralsVisible: countA, ...mix, denied: answerA.json.extensions?.access?.denied?.length ?? 0, idsMatchTables: true, categoriesOfFirstOpen: firstOpen?.categories ?? null };
      say(`check A: ${countA} referrals visible to the NGO (= the tables); page of 25: ${mix.visible} people shown (consented categories only), ${mix.masked} null; ` +
        `${checks.A.denied} fields named as withheld`);
      if (mix.visible === 0 || mix.visible === 25) say('check A: WARNING the page is not a mix of shown and withheld people (the peer’s is 5 shown, 20 masked)');

      // B: allow-all.
      const answerB = await ask(claims.B, bodies.B);
      const expectedB = await expectedPage(pool, DEMO.jianwai, 25);
      checkAllowAllPage(answerB, expectedB, idNumbers);
      const countB = (await ask(claims.B, { query: COUNT_QUERY })).json.data.referralsCount;
      if (countB !== expectedB.count) fail(`B: referralsCount is ${countB}, the tables say ${expectedB.count}`);
      checks.B = { referralsVisible: countB, idsMatchTables: true, everyPersonWhole: true, denied: 0 };
      say(`check B: ${countB} referrals visible to 建外’s coordinator (= the tables); page of 25: every person whole (name, phone, ID number), nothing withheld`);

      // D: matching.
      const answerD = await ask(claims.D, bodies.D);
      const matches = answerD.json.data.matchServices;
      if (matches.length === 0) fail('D: no service matched the case');
      if (matches.some((m) => m.organisationId === DEMO.jianwai)) fail('D: a service of the case’s own organisation was suggested');
      checks.D = { matches: matches.length, best: { service: matches[0].serviceName, score: matches[0].score } };
      say(`check D: ${matches.length} services suggested for the case, best ${matches[0].serviceName} (${matches[0].score})`);

      // C: the statements ReferralReads and ReferralLoaders send for A, captured from the product's code, must be the very ones the API sent.
      proxy.reset();
      await ask(claims.A, bodies.A);
      const sentForA = proxy.statements();
      const pageStatement = await sql.page(ngoActor, 25);
      const { rows: pageRows } = await pool.query(pageStatement.text, pageStatement.values);
      const page = pageRows.slice(0, 25);
      if (!isDeepStrictEqual(page.map((r) => r.id), expectedA.rows.map((r) => r.id))) fail('C: the captured page statement does not give A’s page');
      const openIds = [...new Set(page.filter((r) => r.openToReceiver && r.receiverOrganisationId === DEMO.elderlyNgo && r.status !== 'DRAFT').map((r) => r.personId))];
      const peopleStatement = await sql.people(ngoActor, openIds);
      const idsParameter = peopleStatement.values.findIndex((v) => isDeepStrictEqual(v, openIds));
      if (idsParameter < 0) fail('C: the people statement has no parameter with the page’s person ids');
      const { rows: personRows } = await pool.query(peopleStatement.text, peopleStatement.values);
      const shown = new Set(answerA.json.data.referrals.edges.filter((e) => e.node.person !== null).map((e) => page.find((r) => r.id === e.node.id).personId));
      if (!isDeepStrictEqual(new Set(personRows.map((p) => p.id)), shown)) fail('C: the people statement does not give the people A shows');
      const sameText = { page: sentForA.includes(pageStatement.text), people: openIds.length === 0 || sentForA.includes(peopleStatement.text) };
      if (!sameText.page || !sameText.people) fail(`C: the captured statements are not the ones the API sent (page ${sameText.page}, people ${sameText.people})`);
      raw = { pageStatement, peopleStatement, idsParameter, expectFirstId: page[0].id, expectPeople: personRows.length };
      checks.C = { sameIdsAsA: true, samePeopleAsA: true, statementTextsAsSentByTheApi: true, statements: 1 + (openIds.length > 0 ? 1 : 0) };
      say(`check C: the page and people statements captured from ReferralReads and ReferralLoaders are byte-identical to what the API sent; same 25 ids, same ${personRows.length} people`);

      // The answers every load must repeat.
      for (const key of ['A', 'B', 'D']) {
        const res = await ask(claims[key], bodies[key]);
        checks[key].expectBody = res.text;
      }
      if (checks.A.expectBody !== answerA.text) fail('A: two identical requests gave different bodies');

      // Statements per request: what the API itself sends to PostgreSQL, counted on the wire — those sent before the
      // answer arrived, less the background's (counted apart): the audit chainer's linking transactions and the event
      // relay's (on its own listening connection).
      const count = async (label, claimsOf, body) => {
        await ask(claimsOf, body); // connections open, statements prepared
        await sleep(400); // the chainer done with what came before
        const before = await auditPosition(pool);
        proxy.reset();
        await ask(claimsOf, body);
        const answered = performance.now();
        await sleep(400);
        const { request, linking, relay } = splitBackground(proxy.entries(), proxy.listeners(), answered);
        statements[label] = { count: request.length, linking: linking.length, relay: relay.length, auditRows: (await auditPosition(pool)) - before,
          statements: request.map((s) => s.replace(/\s+/g, ' ').slice(0, 120)), full: request };
        return request.length;
      };
      proxy.reset();
      await sleep(1500);
      statements.idle = { count: proxy.statements().length, statements: proxy.statements() };
      for (const first of [10, 25, 100]) {
        await count(`A first:${first}`, claims.A, { query: PAGE_QUERY, variables: { first } });
        await count(`B first:${first}`, claims.B, { query: PAGE_QUERY, variables: { first } });
      }
      await count('D matchServices', claims.D, bodies.D);
      // One accept, then the race's fixture is put back.
      const auditBeforeAccept = await auditPosition(pool);
      proxy.reset();
      const accepted = await postJson(url, { query: ACCEPT_MUTATION, variables: { i: { referralId: data.race.referralIds[0], status: 'ACCEPTED' } } }, headersOf(claims.race)());
      await sleep(200);
      if (accepted.json?.data?.moveReferral?.status !== 'ACCEPTED') fail(`race: an accept failed: ${accepted.text.slice(0, 500)}`);
      statements['moveReferral ACCEPTED'] = { count: proxy.statements().length, auditRows: (await auditPosition(pool)) - auditBeforeAccept, statements: proxy.statements().map((s) => s.replace(/\s+/g, ' ').slice(0, 120)) };
      await resetRace(pool, data.race);
      checks.auditLockUnderLoad = await auditLockUnderLoad(proxy, { url, headers: headersOf(claims.A), body: bodies.A, expectBody: checks.A.expectBody });
      // Plans of the statements behind A, B and D.
      const explain = async (statement) => (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)).rows.map((r) => r['QUERY PLAN']);
      const pageB = await sql.page(allowAllActor, 25);
      const matchText = sentForMatch(statements);
      checks.plans = {
        'A page': await explain(pageStatement),
        'A people': openIds.length > 0 ? await explain(peopleStatement) : null,
        'B page': await explain(pageB),
        'D candidates': matchText ? await explain({ text: matchText, values: [DEMO.jianwai, ['ELDERLY_CARE', 'MEDICAL', 'BASIC_LIVING']] }) : null,
      };
      checks.statementTexts = { 'A page': pageStatement.text, 'A people': peopleStatement.text, 'B page': pageB.text, 'D candidates': matchText };
    } finally {
      await server.stop();
    }
  }
  await proxy.close();

  // ------------------------------------------------------------ loads
  const peerRequest = peer ? await (async () => {
    const admin = new pg.Client({ connectionString: peer.common.ADMIN_URL });
    await admin.connect();
    try {
      const org = await peer.common.ngoOrg(admin);
      const { rows: [n] } = await admin.query('SELECT count(*)::int AS n FROM app.referrals WHERE to_org_id = $1 OR from_org_id = $1', [org.id]);
      const token = peer.common.tokenFor(org.id);
      return { org, visible: n.n, headers: () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` }), body: { query: peer.common.QUERY } };
    } finally {
      await admin.end();
    }
  })() : null;

  const runs = [];
  for (let run = 1; run <= RUNS; run += 1) {
    say(`load: run ${run} of ${RUNS}, one case at a time`);
    const measured = {};
    if (peer) {
      for (const [key, server] of Object.entries(PEER_SERVERS)) {
        if (guard.isStopping()) throw new Error('interrupted');
        const running = guard.track(await startServer({ name: server.label, script: server.script, nodeArgs: server.nodeArgs, cwd: PEER_DIR, env: baseEnv({}), ready: /listening/ }));
        try {
          // The peer's own check (its 25 ids against a superuser's ground truth, masks, refusal without a token).
          const checked = execFileSync(process.execPath, ['check.js', key], { cwd: PEER_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
          if (run === 1) for (const line of checked.trim().split('\n')) say(`  peer check.js: ${line}`);
          const peerUrl = `http://127.0.0.1:${peer.common.PORTS[key]}/graphql`;
          const first = await postJson(peerUrl, peerRequest.body, peerRequest.headers());
          if (first.status !== 200 || first.json?.errors) throw new Error(`${server.label}: not a clean answer: ${first.text.slice(0, 500)}`);
          const nodes = first.json.data.allReferrals.nodes;
          peerRequest.page = { rows: nodes.length, shown: nodes.filter((n) => n.person?.idNumber !== null).length, masked: nodes.filter((n) => n.person?.idNumber === null).length };
          measured[key] = await measureHttp(key, running, { url: peerUrl, headers: peerRequest.headers, body: peerRequest.body, expectBody: first.text }, peer.postmaster);
        } finally {
          await running.stop();
        }
      }
    }
    for (const key of ['A', 'B']) {
      if (guard.isStopping()) throw new Error('interrupted');
      const server = guard.track(await startServer(spec));
      try {
        await sleep(1000);
        measured[key] = await measureHttp(key, server, { url, headers: headersOf(claims[key]), body: bodies[key], expectBody: checks[key].expectBody }, ourPostmaster, pool);
      } finally {
        await server.stop();
      }
    }
    measured.C = await measureRaw(pool, raw, ourPostmaster);
    {
      const server = guard.track(await startServer(spec));
      try {
        await sleep(1000);
        measured.D = await measureHttp('D', server, { url, headers: headersOf(claims.D), body: bodies.D, expectBody: checks.D.expectBody }, ourPostmaster, pool);
      } finally {
        await server.stop();
      }
    }
    runs.push(measured);
  }

  // ------------------------------------------------------------ the capacity race
  let race = null;
  if (RACE_ROUNDS > 0) {
    const server = guard.track(await startServer(spec));
    try {
      race = await runRace(url, headersOf(claims.race), pool, data.race);
    } finally {
      await server.stop();
    }
  }

  report({ startedAt, build, database, data, peer, peerRequest, checks, statements, runs, race });
}

/**
 * A under load (CONNS connections, 2 s warm-up then 5 s) through the counting proxy: per connection, how
 * long each request waited for the audit chain's lock (lock statement sent → next statement sent, i.e. the
 * lock granted) and held it (chain head read sent → COMMIT sent: a lower bound, the commit itself
 * comes on top). With the lock held for h ms by every request, no more than 1000/h requests a second pass.
 */
async function auditLockUnderLoad(proxy, request) {
  const common = { url: request.url, headers: request.headers(), body: JSON.stringify(request.body), connections: CONNS, expectBody: request.expectBody };
  await load({ ...common, duration: 2 });
  proxy.reset();
  const result = await load({ ...common, duration: 5 });
  const waited = [];
  const held = [];
  const open = new Map();
  for (const { text, at, conn } of proxy.entries()) {
    if (text.startsWith('SELECT pg_advisory_xact_lock')) open.set(conn, { lock: at });
    else if (text.startsWith('SELECT position, hash FROM audit_events') && open.has(conn)) open.get(conn).head = at;
    else if (text === 'COMMIT' && open.get(conn)?.head !== undefined) {
      const { lock, head } = open.get(conn);
      waited.push(head - lock);
      held.push(at - head);
      open.delete(conn);
    }
  }
  const [waitP50, waitP99] = percentiles(waited, [50, 99]);
  const [heldP50, heldP99] = percentiles(held, [50, 99]);
  const heldMean = held.reduce((a, b) => a + b, 0) / Math.max(1, held.length);
  return {
    connections: CONNS, seconds: 5, requestsPerSecond: round(result.requests.average, 1), appends: held.length,
    waitMs: { p50: round(waitP50), p99: round(waitP99) }, heldMs: { p50: round(heldP50), p99: round(heldP99), mean: round(heldMean) },
    ceilingRequestsPerSecond: round(1000 / heldMean, 1), problems: { errors: result.errors, non2xx: result.non2xx, mismatchedBodies: result.mismatches },
  };
}

/** The matching candidates' statement as the API sent it (from the proxy's log), for its plan. */
function sentForMatch(statements) {
  return statements['D matchServices']?.full.find((s) => /FROM services s JOIN organisations o/.test(s)) ?? null;
}

// ---------------------------------------------------------------- C: raw SQL

/** CONNS loops, each running A's two statements (the page, then its open referrals' people) back to back through pg.Pool(10). */
async function measureRaw(pool, raw, postmaster) {
  const once = async () => {
    const { rows } = await pool.query(raw.pageStatement.text, raw.pageStatement.values);
    const page = rows.slice(0, 25);
    const ids = [...new Set(page.filter((r) => r.openToReceiver && r.receiverOrganisationId === DEMO.elderlyNgo && r.status !== 'DRAFT').map((r) => r.personId))];
    let people = 0;
    if (ids.length > 0) {
      const values = [...raw.peopleStatement.values];
      values[raw.idsParameter] = ids;
      people = (await pool.query(raw.peopleStatement.text, values)).rows.length;
    }
    return rows.length === 26 && page[0].id === raw.expectFirstId && people === raw.expectPeople;
  };
  if (WARMUP > 0) {
    say(`  ${CASE_LABELS.C}: warm-up ${WARMUP} s, ${CONNS} concurrent loops`);
    await loopLoad({ loops: CONNS, seconds: WARMUP, once, isStopping: guard.isStopping });
  }
  if (guard.isStopping()) throw new Error('interrupted');
  say(`  ${CASE_LABELS.C}: load ${DURATION} s, ${CONNS} concurrent loops`);
  const rss = sampleRss(process.pid);
  const cpu = cpuMeter({ postmaster });
  const run = await loopLoad({ loops: CONNS, seconds: DURATION, once, isStopping: guard.isStopping });
  const cores = cpu.stop();
  return summarise(run.latenciesMs, run.latenciesMs.length / run.seconds, run.latenciesMs.length, {
    maxRssBytes: rss.stop(), cpuCores: { ...cores, server: cores.loadgen },
    cpuMsPerRequest: { server: round((cores.loadgen * cores.seconds * 1000) / run.latenciesMs.length), postgres: cores.postgres === null ? null : round((cores.postgres * cores.seconds * 1000) / run.latenciesMs.length) },
    responseBytes: null, problems: { errors: run.errors, mismatchedRows: run.mismatches },
  });
}

// ---------------------------------------------------------------- the capacity race

async function resetRace(pool, race) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE referrals SET status = 'REQUESTED', holds_place = false, responded_at = NULL, accepted_at = NULL, ended_at = NULL,
      version = version + 1, updated_at = now() WHERE service_id = $1`, [race.service]);
    await client.query(`UPDATE services SET capacity_available = $2, capacity_updated_at = now() WHERE id = $1`, [race.service, RACE.places]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * RACE_ROUNDS rounds: reset (100 referrals REQUESTED, 10 places), then the receiver's staff member sends
 * all 100 `moveReferral(status: ACCEPTED)` at once (100 HTTP connections); a round passes when exactly 10
 * are accepted, the 90 others are CONFLICT / NO_PLACES_LEFT, nothing else, and the tables agree: 0 places
 * left, 10 referrals ACCEPTED holding a place, 90 still REQUESTED.
 */
async function runRace(url, headers, pool, race) {
  say(`race: ${RACE_ROUNDS} rounds of ${race.referralIds.length} concurrent accepts on a service with ${RACE.places} places`);
  const rounds = [];
  const latencies = [];
  const failures = [];
  for (let round_ = 1; round_ <= RACE_ROUNDS && !guard.isStopping(); round_ += 1) {
    await resetRace(pool, race);
    const h = headers();
    const t0 = performance.now();
    const answers = await Promise.all(race.referralIds.map(async (referralId) => {
      const s = performance.now();
      const res = await postJson(url, { query: ACCEPT_MUTATION, variables: { i: { referralId, status: 'ACCEPTED' } } }, h).catch((error) => ({ status: 0, text: String(error), json: null }));
      latencies.push(performance.now() - s);
      return res;
    }));
    const ms = performance.now() - t0;
    const outcome = { accepted: 0, noPlacesLeft: 0, other: 0 };
    const others = [];
    for (const res of answers) {
      const error = res.json?.errors?.[0];
      if (res.status === 200 && !res.json?.errors && res.json?.data?.moveReferral?.status === 'ACCEPTED') outcome.accepted += 1;
      else if (error?.extensions?.code === 'CONFLICT' && error?.extensions?.reason === 'NO_PLACES_LEFT') outcome.noPlacesLeft += 1;
      else {
        outcome.other += 1;
        others.push(res.text.slice(0, 300));
      }
    }
    const { rows: [tables] } = await pool.query(`SELECT (SELECT capacity_available FROM services WHERE id = $1) AS places,
      (SELECT count(*)::int FROM referrals WHERE service_id = $1 AND status = 'ACCEPTED' AND holds_place) AS holding,
      (SELECT count(*)::int FROM referrals WHERE service_id = $1 AND status = 'REQUESTED') AS waiting`, [race.service]);
    const pass = outcome.accepted === RACE.places && outcome.noPlacesLeft === race.referralIds.length - RACE.places && outcome.other === 0
      && tables.places === 0 && tables.holding === RACE.places && tables.waiting === race.referralIds.length - RACE.places;
    rounds.push({ round: round_, ms: round(ms), ...outcome, ...tables, pass });
    if (!pass) failures.push({ round: round_, ...outcome, ...tables, others: others.slice(0, 3) });
  }
  await resetRace(pool, race);
  const ms = rounds.map((r) => r.ms);
  const [roundP50, roundP99] = percentiles(ms, [50, 99]);
  const [reqP50, reqP99] = percentiles(latencies, [50, 99]);
  return {
    rounds: rounds.length, passed: rounds.filter((r) => r.pass).length, concurrentAccepts: race.referralIds.length, places: RACE.places,
    roundMs: { p50: round(roundP50), p99: round(roundP99), max: round(Math.max(...ms)) }, acceptMs: { p50: round(reqP50), p99: round(reqP99) },
    totals: { accepted: rounds.reduce((a, r) => a + r.accepted, 0), noPlacesLeft: rounds.reduce((a, r) => a + r.noPlacesLeft, 0), other: rounds.reduce((a, r) => a + r.other, 0) },
    failures: failures.slice(0, 10),
  };
}

// ---------------------------------------------------------------- report

function report({ startedAt, build, database, data, peer, peerRequest, checks, statements, runs, race }) {
  const row = (run, key, m) => [String(run), CASE_LABELS[key], m.requestsPerSecond.toFixed(0), m.latencyMs.p50.toFixed(2), m.latencyMs.p99.toFixed(2),
    mb(m.maxRssBytes).toFixed(1), `${m.cpuCores.server ?? '–'} / ${m.cpuCores.postgres ?? '–'} / ${m.cpuCores.loadgen}`,
    `${m.cpuMsPerRequest.server} / ${m.cpuMsPerRequest.postgres ?? '–'}`, m.responseBytes === null ? '–' : String(m.responseBytes)];
  const header = ['run', 'case', 'req/s', 'p50 ms', 'p99 ms', 'max RSS MB', 'CPU cores server / postgres / bench', 'CPU ms/req server / postgres', 'body B'];
  const ratios = runs.map((m) => ({
    aOverPostgraphile: m.postgraphile ? { requestsPerSecond: round(m.A.requestsPerSecond / m.postgraphile.requestsPerSecond, 3), p99: round(m.A.latencyMs.p99 / m.postgraphile.latencyMs.p99, 3) } : null,
    aOverPeerRawFloor: m.raw ? { requestsPerSecond: round(m.A.requestsPerSecond / m.raw.requestsPerSecond, 3), p99: round(m.A.latencyMs.p99 / m.raw.latencyMs.p99, 3) } : null,
    aOverC: { requestsPerSecond: round(m.A.requestsPerSecond / m.C.requestsPerSecond, 3), p99: round(m.A.latencyMs.p99 / m.C.latencyMs.p99, 3) },
    rulesCost: round(1 - m.A.requestsPerSecond / m.B.requestsPerSecond, 3),
  }));

  say();
  say(`referrals list, ${data.tables.people} people, ${data.tables.cases} cases, ${data.tables.referrals} referrals, ${data.tables.services} services, ` +
    `${data.tables.organisations} organisations; ${CONNS} connections, ${DURATION} s each after ${WARMUP} s warm-up, ${RUNS} run(s), ${cpus().length} cores`);
  say(`database: ${database.kind}; the API ${build.source === 'HEAD' ? `built from the last commit alone (${build.commit.slice(0, 12)})` : `from dist/ ${build.built ? '(built for this run)' : '(as it was)'} of the working tree (${build.commit})`}; ` +
    'JOBS=off, LOG_LEVEL=warn, NODE_ENV=production, pool 10');
  say(`NGO user: ngo@zhulian.demo (STAFF, 朝阳区夕阳红养老服务中心) sees ${checks.A.referralsVisible} referrals; page of 25: ${checks.A.visible} people shown, ${checks.A.masked} null` +
    (peer ? `; the peer's user (${peerRequest.org.name}) sees ${peerRequest.visible}` : ''));
  say();
  say(markdownTable(header, runs.flatMap((m, i) => Object.entries(m).map(([key, v]) => row(i + 1, key, v)))));
  say();
  ratios.forEach((r, i) => say(`run ${i + 1}: ` + [
    r.aOverPostgraphile && `A/PostGraphile req/s ${r.aOverPostgraphile.requestsPerSecond.toFixed(2)}, p99 ${r.aOverPostgraphile.p99.toFixed(2)}`,
    r.aOverPeerRawFloor && `A/peer raw floor req/s ${r.aOverPeerRawFloor.requestsPerSecond.toFixed(2)}`,
    `A/C req/s ${r.aOverC.requestsPerSecond.toFixed(2)}, p99 ${r.aOverC.p99.toFixed(2)}`,
    `rules cost (1 − A/B req/s) ${(r.rulesCost * 100).toFixed(1)} % (B shows more personal data than A, so writes more audit rows: see below)`,
  ].filter(Boolean).join('; ')));
  runs.forEach((m, i) => say(`run ${i + 1}: audit rows written per request: ${['A', 'B', 'D'].map((k) => `${k} ${m[k].auditRowsPerRequest}`).join(', ')}; ` +
    `sessions waiting for the audit chain's advisory lock (sampled every 100 ms): ${['A', 'B', 'D'].map((k) => `${k} mean ${m[k].waits.advisoryLockWaitersMean} ` +
      `(${(m[k].waits.shareWithAdvisoryWaiters * 100).toFixed(0)} % of samples), active ${m[k].waits.activeMean}`).join('; ')}`));
  if (peer) {
    say();
    say('The two data sets are equivalent, not identical:');
    say();
    say(markdownTable(['', 'PostGraphile peer (its seed.js, seed 42)', 'zhulian (this run)'], [
      ['organisations', '200 (ngo ×2, municipality, health, shelter, school: 1/6 each)', `${data.tables.organisations} (demo 7, ${data.generated.organisations} generated: ~75 % NGOs, 13 % charities, 12 % street offices; 2 for the race)`],
      ['people', '100,000, each held by a random organisation', `${data.tables.people} (demo ${data.tables.people - data.people.people}, ${data.people.people} generated in households, held by the two street offices)`],
      ['services', '500 of random organisations', `${data.tables.services} (demo ${data.tables.services - data.generated.services - 1}, ${data.generated.services} of NGOs and charities, 1 for the race)`],
      ['referrals', '200,000: random person, to a service’s organisation, from the person’s holder or a random one; 6 states uniform',
        `${data.tables.referrals}: from ${data.tables.cases} cases, to a service offering one of the case’s needs; 10 FHIR states by age (fresh ones open, old ones ended)`],
      ['consents', '–', `${data.tables.consents} (REFERRAL consents per person and receiver; ${data.generated.overrides} referrals sent on a coordinator’s override instead)`],
      ['the user', `${peerRequest.org.name}: referrals to or from it`, 'ngo@zhulian.demo, STAFF of 夕阳红养老服务中心: referrals it received (not drafts) or sent'],
      ['referrals the user sees', String(peerRequest.visible), String(checks.A.referralsVisible)],
      ['page of 25', `${peerRequest.page?.shown} people shown (held by its org), ${peerRequest.page?.masked} with phone and ID number masked (null)`,
        `${checks.A.visible} people shown (accepted and open, consented categories only), ${checks.A.masked} person null (not accepted, or not open)`],
      ['order', 'created_at DESC, id DESC', 'COALESCE(requested_at, created_at) DESC, id DESC (the list’s default: last sent first)'],
      ['rules', 'RLS policies on referrals and people; a masking view', 'CASL rules compiled into the WHERE clause; every field checked; reads audited'],
      ['PostgreSQL', 'the peer’s 15 cluster (db.sh)', database.kind],
    ]));
  }
  say();
  say('SQL statements the API sent per request (counted on the wire by a proxy; JOBS=off; idle: ' +
    `${statements.idle.count} statements in 1.5 s):`);
  if (statements.idle.count > 0) {
    say(`the API's background when idle: ${[...new Set(statements.idle.statements.map((t) => t.replace(/\s+/g, ' ').slice(0, 60)))].join(' | ')}; ` +
      'below, the audit chainer\'s linking and the event relay\'s statements during a request are counted apart');
  }
  say();
  say(markdownTable(['request', 'statements on the request path', 'audit linking (after)', 'event relay', 'audit rows'],
    Object.entries(statements).filter(([k]) => k !== 'idle').map(([k, v]) => [k, String(v.count), String(v.linking ?? '–'), String(v.relay ?? '–'), String(v.auditRows)])));
  say();
  for (const who of ['A', 'B']) {
    const [ten, hundred] = [statements[`${who} first:10`].count, statements[`${who} first:100`].count];
    say(`${who}: first:10 ${ten}, first:100 ${hundred} statements — ${ten === hundred ? 'equal' : 'NOT equal'}; ${hundred <= 5 ? 'at most 5' : `more than 5 (issue 6 asks for at most 5)`}`);
    if (ten !== hundred) {
      for (const first of [10, 100]) say(`  ${who} first:${first}: ${statements[`${who} first:${first}`].statements.map((t) => t.slice(0, 40)).join(' | ')}`);
    }
  }
  say(`A first:10, in order: ${statements['A first:10'].statements.map((s) => s.slice(0, 48)).join(' | ')}`);
  const lock = checks.auditLockUnderLoad;
  say();
  say(`audit chain lock under load (A through the proxy, ${lock.connections} connections, ${lock.seconds} s, ${lock.requestsPerSecond} req/s, ${lock.appends} appends): ` +
    `waited p50 ${lock.waitMs.p50} ms, p99 ${lock.waitMs.p99} ms; held (chain head read → COMMIT sent) p50 ${lock.heldMs.p50} ms, p99 ${lock.heldMs.p99} ms, ` +
    `mean ${lock.heldMs.mean} ms → at most ${lock.ceilingRequestsPerSecond} appends/s`);
  if (race) {
    say();
    say(`capacity race: ${race.passed}/${race.rounds} rounds passed (${race.concurrentAccepts} concurrent accepts, ${race.places} places: exactly ${race.places} ACCEPTED, ` +
      `${race.concurrentAccepts - race.places} CONFLICT NO_PLACES_LEFT, 0 places left); round p50 ${race.roundMs.p50.toFixed(0)} ms, p99 ${race.roundMs.p99.toFixed(0)} ms, ` +
      `max ${race.roundMs.max.toFixed(0)} ms; one accept p50 ${race.acceptMs.p50.toFixed(0)} ms, p99 ${race.acceptMs.p99.toFixed(0)} ms; ` +
      `totals ${race.totals.accepted} accepted, ${race.totals.noPlacesLeft} no places left, ${race.totals.other} other`);
    for (const f of race.failures) say(`race: round ${f.round} FAILED: ${JSON.stringify(f).slice(0, 600)}`);
  }
  say();
  say('plans (EXPLAIN ANALYZE, last lines):');
  for (const [name, plan] of Object.entries(checks.plans)) {
    if (plan) say(`  ${name}: ${plan.filter((l) => /Execution Time|Planning Time/.test(l)).map((l) => l.trim()).join(', ')}`);
  }

  let failed = false;
  runs.forEach((m, i) => {
    for (const [key, v] of Object.entries(m)) {
      const problems = Object.entries(v.problems).filter(([what, n]) => n > 0 && !(what === 'serverLogLines' && (key === 'postgraphile' || key === 'raw'))).map(([what, n]) => `${n} ${what}`);
      if (problems.length > 0) {
        failed = true;
        say(`WARNING run ${i + 1} ${CASE_LABELS[key]}: ${problems.join(', ')} — these numbers are not to be trusted`);
      }
    }
  });
  if (race && race.passed !== race.rounds) failed = true;

  const results = {
    benchmark: 'referrals list under the access rules, beside PostGraphile V5 + RLS and the raw floor; statements per request; the capacity race',
    queries: { page: PAGE_QUERY, count: COUNT_QUERY, match: MATCH_QUERY, accept: ACCEPT_MUTATION, peer: peer?.common.QUERY ?? null },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: {
      people: PEOPLE, cases: CASES, referrals: REFERRALS, services: SERVICES, organisations: ORGS, durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNS,
      runs: RUNS, raceRounds: RACE_ROUNDS, peers: PEERS, sameCluster: SAME_CLUSTER, build: BUILD, apiPoolSize: 10, rawPoolSize: 10, apiLogLevel: 'warn', apiNodeEnv: 'production', jobs: 'off',
    },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: process.platform },
    database: database.kind,
    commit: build.commit,
    checkout: gitCommit(ROOT),
    build: { source: build.source, builtForThisRun: build.built, distWasStale: build.staleBefore },
    peer: peer ? { dir: PEER_DIR, versions: peer.versions, seedSeconds: peer.seedSeconds, user: peerRequest.org, visibleReferrals: peerRequest.visible } : null,
    data,
    checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v && typeof v === 'object' && 'expectBody' in v ? { ...v, expectBody: undefined, responseBytes: Buffer.byteLength(v.expectBody) } : v])),
    statements: Object.fromEntries(Object.entries(statements).map(([k, v]) => [k, { ...v, full: undefined }])),
    runs: runs.map((m, i) => ({ run: i + 1, cases: Object.fromEntries(Object.entries(m).map(([key, v]) => [key, { label: CASE_LABELS[key], ...v }])), ratios: ratios[i] })),
    race,
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
