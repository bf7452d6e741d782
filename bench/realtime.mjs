// `node bench/realtime.mjs`: live events through the product, beside plain socket.io, in one run.
//
// Two API nodes (the built API, a snapshot of dist/; joined through Redis when one answers on 127.0.0.1:6379)
// on a fresh database with the demo alliance; SOCKETS authenticated sockets on loopback, half on each node,
// as staff of the elderly-care NGO. For DURATION seconds, RATE events a second are committed to the outbox
// as a change would (one INSERT and its NOTIFY), each concerning AUDIENCE of those staff; every recipient's
// payload is the referral read as that recipient through the API. Measured: delivery latency from commit to
// client (p50/p99), events lost (expected deliveries not received), the nodes' memory per socket. Beside it,
// in the same run: a plain socket.io server in this process emitting the same payloads to the same audiences.
//
// Knobs (env): SOCKETS (1000), RATE (50), DURATION (60), WARMUP (10 s at RATE before the measured run, figures printed apart), AUDIENCE (10), BUILD (auto|always|never|head), DATABASE_URL, OUT, SERVER_CPU_PROF.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  accessToken, baseEnv, exitGuard, freshDatabase, gitCommit, markdownTable, mb, numberKnob, percentiles, round, rssOf, runCli, runStamp, snapshotDist, startServer,
} from './lib.mjs';
import { makeSecrets } from './people-data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOCKETS = numberKnob('SOCKETS', 1000, { integer: true });
const RATE = numberKnob('RATE', 50);
const DURATION = numberKnob('DURATION', 60);
const AUDIENCE = numberKnob('AUDIENCE', 10, { integer: true });
const WARMUP = numberKnob('WARMUP', 10, { allowZero: true });
/** Warm-up events are numbered apart from the measured ones. */
const WARMUP_FIRST = 10_000_000;
const BUILD = process.env.BUILD ?? 'auto';
const NGO = '0193a000-0000-7000-8000-000000000004';
const say = (line) => process.stdout.write(`${line}\n`);
const guard = exitGuard();

function redisAnswers() {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 });
    socket.setTimeout(500, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => { done(data.toString().startsWith('+PONG')); socket.destroy(); });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/** Connects `count` clients; `open(i)` makes client i; resolves when each has said it is ready. */
async function connectAll(count, open, readyEvent) {
  const clients = [];
  for (let i = 0; i < count; i += 1) {
    const client = open(i);
    clients.push(new Promise((done, fail) => {
      client.once(readyEvent, () => done(client));
      client.once('connect_error', (error) => fail(new Error(`client ${i}: ${error.message} ${JSON.stringify(error.data ?? {})}`)));
    }));
    if (i % 50 === 49) await Promise.all(clients.slice(-50));
  }
  return Promise.all(clients);
}

/**
 * Runs RATE events a second for `seconds`, numbered from `from`; `send(n, audience)` commits or emits event n
 * and resolves at that moment.
 */
async function drive(send, seconds = DURATION, from = 0) {
  const total = Math.round(RATE * seconds);
  const sentAt = new Map();
  const audiences = new Map();
  const started = performance.now();
  const pending = [];
  for (let n = from; n < from + total; n += 1) {
    const due = started + ((n - from) * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const audience = new Set();
    while (audience.size < AUDIENCE) audience.add(Math.floor(Math.random() * SOCKETS));
    audiences.set(n, [...audience]);
    pending.push(send(n, [...audience]).then((at) => sentAt.set(n, at)));
  }
  await Promise.all(pending);
  return { from, total, sentAt, audiences, seconds: (performance.now() - started) / 1000 };
}

function measure({ from, total, sentAt, audiences }, received) {
  const latencies = [];
  const windows = new Map();
  let lost = 0;
  let duplicates = 0;
  for (let n = from; n < from + total; n += 1) {
    for (const i of audiences.get(n)) {
      const times = received[i].get(n);
      if (!times) lost += 1;
      else {
        latencies.push(times[0] - sentAt.get(n));
        const window = Math.floor((n - from) / (RATE * 10));
        if (!windows.has(window)) windows.set(window, []);
        windows.get(window).push(times[0] - sentAt.get(n));
        duplicates += times.length - 1;
      }
    }
  }
  const [p50, p99, max] = percentiles(latencies, [50, 99, 100]);
  // p99 per 10 s of the run: a backlog that builds and drains shows where it happened.
  const p99By10s = [...windows.keys()].sort((a, b) => a - b).map((w) => round(percentiles(windows.get(w), [99])[0]));
  return { deliveries: latencies.length, expected: total * AUDIENCE, lost, duplicates, p50: round(p50), p99: round(p99), max: round(max), p99By10s };
}

async function main() {
  const stamp = runStamp(new Date());
  const { dist, build } = snapshotDist({ root: ROOT, name: 'realtime', stamp, mode: BUILD, guard, say });
  const database = await freshDatabase({ root: ROOT, dirName: `bench-realtime-${stamp}`, stamp, guard, say });
  const secrets = makeSecrets();
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn', JOBS: 'off', ...secrets.env });
  say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv, { dist })}`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv, { dist })}`);

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  guard.defer(() => db.end());
  // The staff whose sockets listen: users of the NGO with sessions (no password round: the sessions are real rows, the tokens signed with the API's key).
  const staff = [];
  for (let i = 0; i < SOCKETS; i += 1) staff.push({ id: randomUUID(), session: randomUUID() });
  await db.query(`INSERT INTO users (id, email, display_name, password_hash)
    SELECT u, 'bench-' || u || '@example.org', '基准职员', 'not-a-hash' FROM unnest($1::uuid[]) AS u`, [staff.map((s) => s.id)]);
  await db.query(`INSERT INTO memberships (id, user_id, organisation_id, role) SELECT gen_random_uuid(), u, $2, 'STAFF' FROM unnest($1::uuid[]) AS u`, [staff.map((s) => s.id), NGO]);
  await db.query(`INSERT INTO sessions (id, user_id, expires_at) SELECT s, u, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS x(s, u)`,
    [staff.map((s) => s.session), staff.map((s) => s.id)]);
  const { rows: [referral] } = await db.query(`SELECT id FROM referrals WHERE receiver_organisation_id = $1 AND status = 'REQUESTED' ORDER BY id LIMIT 1`, [NGO]);
  if (!referral) throw new Error('bench: the demo alliance has no referral waiting at the NGO');

  const redis = await redisAnswers();
  const nodes = [];
  for (const name of ['node A', 'node B']) {
    const port = await freePort();
    const env = baseEnv({ DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', JOBS: 'off',
      REDIS_URL: redis ? 'redis://127.0.0.1:6379' : '', ...secrets.env });
    // SERVER_CPU_PROF=dir: each node writes a V8 CPU profile there when it stops (bench/cpu-profile.cjs; read it with bench/cpu-profile-top.mjs).
    const profiling = process.env.SERVER_CPU_PROF ? { nodeArgs: ['--require', join(ROOT, 'bench', 'cpu-profile.cjs')], env: { ...env, SERVER_CPU_PROF_DIR: resolve(process.env.SERVER_CPU_PROF) } } : { env };
    const server = guard.track(await startServer({ name, script: join(dist, 'apps/api/src/main.js'), cwd: ROOT, ready: /listening on/i, ...profiling }));
    nodes.push({ name, port, server, rssBefore: rssOf(server.pid) });
  }
  say(`nodes: 2 API processes${redis ? ', joined through Redis (127.0.0.1:6379)' : ' on PostgreSQL alone (no Redis answered)'}`);

  // ---------------------------------------------------------------- the product
  const received = staff.map(() => new Map());
  const token = (s) => accessToken({ sub: s.id, sid: s.session }, secrets.env.JWT_SECRET);
  const connectStarted = performance.now();
  const sockets = await connectAll(SOCKETS, (i) => {
    const socket = io(`http://127.0.0.1:${nodes[i % 2].port}`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true,
      auth: { token: token(staff[i]), organisationId: NGO } });
    socket.on('event', (event) => {
      const at = performance.now();
      const n = event.params?.n;
      if (typeof n !== 'number') return;
      if (!event.data || event.data.id !== referral.id) throw new Error(`bench: event ${n} reached client ${i} without the referral read for it`);
      const times = received[i].get(n) ?? [];
      times.push(at);
      received[i].set(n, times);
    });
    return socket;
  }, 'ready');
  guard.defer(() => sockets.forEach((s) => s.close()));
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await sleep(1000);
  for (const node of nodes) node.rssConnected = rssOf(node.server.pid);
  say(`product: ${SOCKETS} sockets connected and admitted in ${round(connectSeconds, 1)} s; ${RATE} events/s for ${DURATION} s, ${AUDIENCE} recipients each…`);
  const publisher = new pg.Client({ connectionString: database.url });
  await publisher.connect();
  guard.defer(() => publisher.end());
  // What Outbox.publish sends (libs/realtime/src/outbox/outbox.ts), autocommitted: the change's own statements are not what is measured.
  const publish = async (n, audience) => {
    const ids = audience.map((i) => staff[i].id);
    await publisher.query(
      `WITH added AS (INSERT INTO outbox_events (id, kind, subject_type, subject_id, audience, user_ids, organisation_ids, params)
         VALUES ($1, 'REFERRAL_RECEIVED', 'Referral', $2, $3::jsonb, $4::uuid[], '{}', $5::jsonb) RETURNING 1)
       SELECT pg_notify('zhulian_outbox', '') FROM (SELECT count(*) FROM added) AS x`,
      [randomUUID(), referral.id, JSON.stringify(ids.map((userId) => ({ userId }))), ids, JSON.stringify({ n })]);
    return performance.now();
  };
  // A warm-up at the same rate first (the processes' code compiled, statements prepared, caches filled), measured
  // apart and printed: the minute measured is the nodes' steady state.
  const productWarmupRun = WARMUP > 0 ? await drive(publish, WARMUP, WARMUP_FIRST) : null;
  await sleep(2000);
  const product = await drive(publish);
  await sleep(5000);
  const productFigures = measure(product, received);
  const productWarmup = productWarmupRun ? measure(productWarmupRun, received) : null;
  // The relay's share of the latency: from the event's INSERT to its numbering, in the database's own clock.
  const { rows: [relay] } = await db.query(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
      FROM (SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox_events WHERE params ? 'n') AS x`);
  productFigures.relayP50 = round(relay.p50);
  productFigures.relayP99 = round(relay.p99);
  for (const node of nodes) node.rssAfter = rssOf(node.server.pid);

  // ---------------------------------------------------------------- plain socket.io, same payloads, same audiences
  const plainPort = await freePort();
  const http = createServer();
  const plain = new Server(http, { transports: ['websocket'], serveClient: false });
  plain.on('connection', (socket) => {
    socket.join(`user:${socket.handshake.auth.i}`);
    socket.emit('ready');
  });
  await new Promise((done) => http.listen(plainPort, '127.0.0.1', done));
  guard.defer(() => new Promise((done) => plain.close(() => done())));
  const plainReceived = staff.map(() => new Map());
  const payload = { kind: 'REFERRAL_RECEIVED', subjectType: 'Referral', subjectId: referral.id, data: { id: referral.id, status: 'REQUESTED', serviceName: '长者助餐', senderOrganisationName: '朝阳区建外街道办事处', urgency: 'NORMAL' }, denied: [] };
  const plainSockets = await connectAll(SOCKETS, (i) => {
    const socket = io(`http://127.0.0.1:${plainPort}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { i } });
    socket.on('event', (event) => {
      const at = performance.now();
      const times = plainReceived[i].get(event.params.n) ?? [];
      times.push(at);
      plainReceived[i].set(event.params.n, times);
    });
    return socket;
  }, 'ready');
  guard.defer(() => plainSockets.forEach((s) => s.close()));
  say(`plain socket.io: ${SOCKETS} sockets; the same ${RATE} events/s for ${DURATION} s…`);
  let seq = 0;
  const plainSend = async (n, audience) => {
    const at = performance.now();
    seq += 1;
    plain.to(audience.map((i) => `user:${i}`)).emit('event', { id: seq, ...payload, occurredAt: new Date().toISOString(), params: { n } });
    return at;
  };
  const plainWarmupRun = WARMUP > 0 ? await drive(plainSend, WARMUP, WARMUP_FIRST) : null;
  await sleep(1000);
  const plainRun = await drive(plainSend);
  await sleep(3000);
  const plainFigures = measure(plainRun, plainReceived);
  const plainWarmup = plainWarmupRun ? measure(plainWarmupRun, plainReceived) : null;

  // ---------------------------------------------------------------- report
  const perSocketKb = nodes.map((n) => round((n.rssConnected - n.rssBefore) / 1024 / (SOCKETS / 2), 1));
  const rows = [
    ['Zhulian: outbox → relay → 2 nodes, each payload read as its recipient', productFigures.expected, productFigures.deliveries, productFigures.lost, productFigures.duplicates,
      productFigures.p50, productFigures.p99, productFigures.max],
    ['plain socket.io, one process, same payloads and rooms', plainFigures.expected, plainFigures.deliveries, plainFigures.lost, plainFigures.duplicates,
      plainFigures.p50, plainFigures.p99, plainFigures.max],
  ];
  say('');
  say(`live events: ${SOCKETS} sockets, ${RATE} events/s for ${DURATION} s, ${AUDIENCE} recipients an event; 2 cores; ${database.kind}; ${redis ? 'Redis' : 'no Redis'}`);
  say(`the API built from ${build.commit ?? gitCommit(ROOT)}; NODE_ENV=production, LOG_LEVEL=warn`);
  say('');
  say(markdownTable(['path', 'deliveries expected', 'delivered', 'lost', 'repeated', 'p50 ms', 'p99 ms', 'max ms'], rows));
  say('');
  say(markdownTable(['node', 'RSS before sockets MB', 'RSS with sockets MB', 'RSS after the run MB', 'per socket KB'],
    nodes.map((n, i) => [n.name, round(mb(n.rssBefore), 1), round(mb(n.rssConnected), 1), round(mb(n.rssAfter), 1), perSocketKb[i]])));
  say('');
  const ratio = plainFigures.p99 > 0 ? round(productFigures.p99 / plainFigures.p99, 1) : null;
  if (productWarmup && plainWarmup) {
    say(`warm-up before the measured run (${WARMUP} s at the same rate, not in the table): Zhulian p50 ${productWarmup.p50} ms, p99 ${productWarmup.p99} ms, `
      + `lost ${productWarmup.lost}; plain socket.io p50 ${plainWarmup.p50} ms, p99 ${plainWarmup.p99} ms`);
  }
  say(`p99 by 10 s of the run: ${productFigures.p99By10s.join(', ')} ms (plain socket.io: ${plainFigures.p99By10s.join(', ')} ms)`);
  say(`of which the relay (insert → numbered, database clock): p50 ${productFigures.relayP50} ms, p99 ${productFigures.relayP99} ms`);
  say(`target: p99 ≤ 50 ms → ${productFigures.p99} ms ${productFigures.p99 <= 50 ? 'MET' : 'NOT MET'}; at most 10× plain socket.io's p99 (${plainFigures.p99} ms) → ×${ratio}; lost ${productFigures.lost} (target 0)`);
  const out = resolve(process.env.OUT ?? join(ROOT, 'bench/results/realtime-latest.json'));
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), build, sockets: SOCKETS, rate: RATE, durationSeconds: DURATION, warmupSeconds: WARMUP, audience: AUDIENCE, redis,
    warmup: productWarmup && plainWarmup ? { product: productWarmup, plain: plainWarmup } : null,
    database: database.kind, connectSeconds: round(connectSeconds, 1), product: productFigures, plain: plainFigures,
    nodes: nodes.map((n, i) => ({ name: n.name, rssBeforeMb: round(mb(n.rssBefore), 1), rssConnectedMb: round(mb(n.rssConnected), 1), rssAfterMb: round(mb(n.rssAfter), 1), perSocketKb: perSocketKb[i] })),
  }, null, 2)}\n`);
  say(`results: ${out}`);
}

main().then(() => guard.run(), async (error) => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  await guard.run();
  process.exit(1);
});
