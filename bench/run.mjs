// `npm run bench`: the API against a framework-free baseline on the `me` query of a signed-in user.
// Builds the API, starts it on a fresh database with the demo data, signs in, checks that it and the
// raw node:http + pg server (bench/raw-me-server.mjs) answer the very same JSON, then loads each in
// turn with autocannon on loopback and prints req/s, p50/p99 latency and the servers' max RSS.
// Knobs (env): DURATION (s, default 10), WARMUP (s, default 3), CONNS (default "10", e.g. "10,50"),
// DATABASE_URL (use that server, in a throw-away database, instead of an embedded cluster),
// SKIP_BUILD=1 (use dist/ as it is). See bench/README.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { freePort } from '../tools/embedded-postgres.mjs';
import {
  baseEnv, decodeJwt, freshDatabase, gitCommit, load, markdownTable, mb, percentiles, postJson, round, rssOf, runCli, runStamp, sampleRss, signHs256, startServer,
  stopLoads,
} from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');
const RESULTS = join(BENCH, 'results', 'latest.json');

const ME_QUERY = 'query { me { id email displayName memberships { role organisation { id name } } } }';
const LOGIN = {
  query: 'mutation($i: LoginInput!){ login(input:$i){ accessToken } }',
  variables: { i: { email: 'caseworker@zhulian.demo', password: 'zhulian-demo' } },
};
const ACCESS_TOKEN_TTL_SECONDS = 15 * 60; // as the API's access tokens

function positiveNumber(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds, not "${raw}"`);
  }
  return value;
}

const DURATION = positiveNumber('DURATION', 10);
const WARMUP = positiveNumber('WARMUP', 3, { allowZero: true });
const CONNS = (process.env.CONNS ?? '10').split(',').map((c) => c.trim()).filter(Boolean).map((c) => {
  const n = Number(c);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`CONNS must list whole numbers of connections (1-1000), not "${c}"`);
  return n;
});
if (WARMUP + DURATION > ACCESS_TOKEN_TTL_SECONDS - 60) {
  throw new Error(`WARMUP + DURATION must stay under ${ACCESS_TOKEN_TTL_SECONDS - 60} s: one access token serves a load`);
}

// ---------------------------------------------------------------- clean-up on every way out

const cleanups = []; // run last-in first-out
const servers = new Set();
let cleaning = null;

function cleanup() {
  cleaning ??= (async () => {
    stopLoads();
    while (cleanups.length > 0) {
      const step = cleanups.pop();
      try {
        await step();
      } catch (error) {
        console.error(`bench: clean-up step failed: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaning;
}

// A server still alive when this process ends is killed, whatever the way out.
process.on('exit', () => {
  for (const server of servers) server.killNow();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, cleaning up…`);
    cleanup().finally(() => process.exit(130));
  });
}

async function withServer(options) {
  const server = await startServer(options);
  servers.add(server);
  return {
    ...server,
    async stop() {
      await server.stop();
      servers.delete(server);
    },
  };
}

// ---------------------------------------------------------------- steps

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

function build() {
  if (process.env.SKIP_BUILD === '1') {
    say('build: skipped (SKIP_BUILD=1), using dist/ as it is');
    return;
  }
  say('build: node tools/build-api.mjs');
  execFileSync(process.execPath, [join(ROOT, 'tools/build-api.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

function serverSpecs({ databaseUrl, jwtSecret, idNumberKeys, apiPort, rawPort }) {
  return {
    zhulian: {
      label: 'zhulian (NestJS+Apollo+TypeORM)',
      name: 'zhulian API',
      script: join(ROOT, 'dist/apps/api/src/main.js'),
      port: apiPort,
      env: baseEnv({ DATABASE_URL: databaseUrl, PORT: String(apiPort), HOST: '127.0.0.1', NODE_ENV: 'production', JWT_SECRET: jwtSecret, AUDIT_KEY: jwtSecret, ID_NUMBER_KEYS: idNumberKeys, ID_NUMBER_INDEX_KEY: jwtSecret, LOG_LEVEL: 'warn' }),
    },
    raw: {
      label: 'raw node:http + pg',
      name: 'raw me server',
      script: join(BENCH, 'raw-me-server.mjs'),
      port: rawPort,
      env: baseEnv({ DATABASE_URL: databaseUrl, PORT: String(rawPort), HOST: '127.0.0.1', NODE_ENV: 'production', JWT_SECRET: jwtSecret, POOL_SIZE: '10' }),
    },
  };
}

const urlOf = (spec) => `http://127.0.0.1:${spec.port}/graphql`;

async function start(spec) {
  return withServer({ name: spec.name, script: spec.script, env: spec.env, cwd: ROOT, ready: /listening on/i });
}

/** Asks `me` once; throws unless it is a clean answer. */
async function askMe(spec, token) {
  const res = await postJson(urlOf(spec), { query: ME_QUERY }, { authorization: `Bearer ${token}` });
  if (res.status !== 200 || !res.json?.data?.me || res.json.errors) {
    throw new Error(`${spec.label} did not answer \`me\` (HTTP ${res.status}): ${res.text.slice(0, 500)}`);
  }
  return res;
}

/** Both servers must refuse a token whose signature is wrong: the baseline really verifies. */
async function assertRefusesForgedToken(spec, token) {
  const [head, body, signature] = token.split('.');
  const forged = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  const res = await postJson(urlOf(spec), { query: ME_QUERY }, { authorization: `Bearer ${forged}` });
  if (res.json?.data?.me) throw new Error(`${spec.label} answered \`me\` for a forged token`);
}

/** Signs in through the API (argon2, a real session row) and returns the token and its claims. */
async function signIn(spec) {
  const res = await postJson(urlOf(spec), LOGIN);
  const token = res.json?.data?.login?.accessToken;
  if (res.status !== 200 || typeof token !== 'string') {
    throw new Error(`sign-in failed (HTTP ${res.status}): ${res.text.slice(0, 500)}`);
  }
  return { token, claims: decodeJwt(token) };
}

/**
 * A fresh access token for the signed-in user's session, made like the API makes them (same secret,
 * header and claims), so no load ever runs into the 15-minute expiry. The session row is the real one
 * from the sign-in: both servers still check it in the database on every request.
 */
function freshToken({ sub, sid }, secret) {
  const iat = Math.floor(Date.now() / 1000);
  return signHs256({ sub, sid, typ: 'access', iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS }, secret);
}

async function measure(spec, server, connections, identity, secret, expectBody) {
  const body = JSON.stringify({ query: ME_QUERY });
  const token = freshToken(identity, secret);
  const common = {
    url: urlOf(spec),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections,
    expectBody,
  };
  if (WARMUP > 0) {
    say(`  ${spec.label}: warm-up ${WARMUP} s, ${connections} connections`);
    await load({ ...common, duration: WARMUP });
  }
  say(`  ${spec.label}: load ${DURATION} s, ${connections} connections`);
  const sampler = sampleRss(server.pid);
  const linesBefore = server.linesAfterStart();
  const result = await load({ ...common, duration: DURATION });
  const maxRss = sampler.stop();
  const [p50, p90, p99] = percentiles(result.latenciesMs, [50, 90, 99]);
  return {
    connections,
    durationSeconds: result.duration,
    requestsPerSecond: round(result.requests.average, 1),
    requestsTotal: result.requests.total,
    latencyMs: { p50: round(p50), p90: round(p90), p99: round(p99), mean: round(result.latency.average), max: round(result.latency.max) },
    autocannonLatencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    throughputBytesPerSecond: Math.round(result.throughput.average),
    maxRssBytes: maxRss,
    problems: {
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      mismatchedBodies: result.mismatches,
      serverLogLines: server.linesAfterStart() - linesBefore,
    },
  };
}

function problemsOf(run) {
  return Object.entries(run.problems).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  const stamp = runStamp(startedAt);
  build();

  const database = await freshDatabase({ root: ROOT, dirName: `bench-pg-${stamp}`, stamp, guard: { defer: (step) => cleanups.push(step) }, say });
  const jwtSecret = randomBytes(32).toString('hex');
  const idNumberKeys = `k1:${randomBytes(32).toString('base64')}`;
  // The demo loader refuses production: migrations and demo data run as development.
  // The CLI seals the demo's ID numbers: it must use the server's keys, not development ones.
  const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', JWT_SECRET: jwtSecret, AUDIT_KEY: jwtSecret, ID_NUMBER_KEYS: idNumberKeys, ID_NUMBER_INDEX_KEY: jwtSecret, LOG_LEVEL: 'warn' });
  say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv)}`);
  say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv)}`);

  const specs = serverSpecs({ databaseUrl: database.url, jwtSecret, idNumberKeys, apiPort: await freePort(), rawPort: await freePort() });

  // Correctness first: sign in, then both servers must give the same answer to the same token.
  say('check: signing in as caseworker@zhulian.demo and comparing both answers to `me`');
  const api = await start(specs.zhulian);
  const { token, claims } = await signIn(specs.zhulian);
  const apiAnswer = await askMe(specs.zhulian, token);
  await assertRefusesForgedToken(specs.zhulian, token);
  await api.stop();
  const raw = await start(specs.raw);
  const rawAnswer = await askMe(specs.raw, token);
  await assertRefusesForgedToken(specs.raw, token);
  await raw.stop();
  if (!isDeepStrictEqual(apiAnswer.json, rawAnswer.json)) {
    throw new Error(
      'the two servers answer `me` differently: the baseline is not doing the same work\n' +
        `  zhulian: ${apiAnswer.text}\n  raw:     ${rawAnswer.text}`,
    );
  }
  const sameBytes = apiAnswer.text === rawAnswer.text;
  say(`check: same JSON (${sameBytes ? 'byte for byte' : 'deep-equal; bytes differ'}): ${apiAnswer.text.trim()}`);

  // Then each server alone, freshly started (the sign-in's argon2 work is not in the API's RSS), with
  // the machine's two cores shared by it and the load generator.
  const measured = { zhulian: [], raw: [] };
  const idleRss = {};
  for (const [key, answer] of [['zhulian', apiAnswer], ['raw', rawAnswer]]) {
    const spec = specs[key];
    say(`load: ${spec.label}`);
    const server = await start(spec);
    await sleep(1000);
    idleRss[key] = rssOf(server.pid);
    for (const connections of CONNS) {
      measured[key].push(await measure(spec, server, connections, claims, jwtSecret, answer.text));
    }
    await server.stop();
  }

  // ------------------------------------------------------------ report
  const runs = CONNS.map((connections, i) => {
    const z = measured.zhulian[i];
    const r = measured.raw[i];
    return {
      connections,
      zhulian: z,
      raw: r,
      ratio: { requestsPerSecond: round(z.requestsPerSecond / r.requestsPerSecond, 3), p99: round(z.latencyMs.p99 / r.latencyMs.p99, 3) },
    };
  });

  say();
  say('Notes: the API runs with NODE_ENV=production and LOG_LEVEL=warn (a request log line at info would');
  say('dominate this benchmark); both servers use a pool of 10 connections; load and servers share');
  say(`${cpus().length} cores; latencies are of 2xx responses, to 0.01 ms; RSS is the server process's VmRSS.`);
  let failed = false;
  for (const run of runs) {
    say();
    say(`me (signed-in user), ${run.connections} connections, ${DURATION} s (after ${WARMUP} s warm-up)`);
    const row = (label, m, idle) => [
      label, m.requestsPerSecond.toFixed(0), m.latencyMs.p50.toFixed(2), m.latencyMs.p99.toFixed(2),
      mb(m.maxRssBytes).toFixed(1), idle === null ? '?' : mb(idle).toFixed(1),
    ];
    say(markdownTable(['server', 'req/s', 'p50 ms', 'p99 ms', 'max RSS MB', 'idle RSS MB'], [
      row(specs.zhulian.label, run.zhulian, idleRss.zhulian),
      row(specs.raw.label, run.raw, idleRss.raw),
    ]));
    say(`ratio zhulian/raw: req/s ${run.ratio.requestsPerSecond.toFixed(2)}, p99 ${run.ratio.p99.toFixed(2)}`);
    for (const key of ['zhulian', 'raw']) {
      const problems = problemsOf(run[key]);
      if (problems.length > 0) {
        failed = true;
        say(`WARNING ${specs[key].label}: ${problems.join(', ')} — these numbers are not to be trusted`);
      }
    }
  }

  const results = {
    benchmark: 'me (signed-in user)',
    query: ME_QUERY,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNS, poolSize: 10, apiLogLevel: 'warn', apiNodeEnv: 'production' },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: process.platform },
    database: database.kind,
    commit: gitCommit(ROOT),
    correctness: { sameJson: true, sameBytes, answer: apiAnswer.json },
    idleRssBytes: idleRss,
    runs,
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
  for (const server of servers) await server.stop();
  await cleanup();
}
