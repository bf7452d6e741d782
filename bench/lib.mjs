// Helpers of the benchmarks (bench/run.mjs, people.mjs, referrals.mjs): child servers, RSS and CPU sampling, load runs,
// tokens and sign-ins, fresh databases, the API build, and a proxy that counts SQL statements.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../tools/embedded-postgres.mjs';

/** Mints an HS256 JWT exactly shaped like the API's (jsonwebtoken's header, claims in its order). */
/**
 * A stand-in for a TypeORM EntityManager that captures the statements a service sends instead of running
 * them: `answer(text, values)` returns the rows. Reads that the product runs as named prepared statements
 * (libs/access prepared-query.ts: through the driver's pool, `master`) are captured the same way.
 */
export function capturingManager(driver, answer) {
  const master = { query: async (config) => ({ rows: await answer(config.text, config.values) }) };
  const manager = { connection: { driver: Object.assign(Object.create(driver), { master }) }, query: answer };
  return { manager, query: answer };
}

export function signHs256(claims, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The claims of a JWT, unverified (the orchestrator reads its own tokens). */
export function decodeJwt(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** Resident memory of a process in bytes, from /proc/<pid>/status (VmRSS); null once it is gone. */
export function rssOf(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` returns the maximum in bytes. */
export function sampleRss(pid, everyMs = 200) {
  let max = rssOf(pid) ?? 0;
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss !== null && rss > max) max = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = rssOf(pid);
      if (last !== null && last > max) max = last;
      return max;
    },
  };
}

/** The last lines a child wrote, kept to explain a failure. */
function tailBuffer(limit = 60) {
  const lines = [];
  return {
    push(chunk) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length > limit) lines.shift();
      }
    },
    text: () => lines.join('\n'),
  };
}

/**
 * Starts `node [nodeArgs] <script> [args]` with the given env and waits until it prints a line matching `ready`.
 * The child's output is drained (kept as a tail for errors) so a chatty server never blocks on a pipe.
 * `stop()` sends SIGTERM, then SIGKILL after `graceMs`; it is safe to call more than once.
 */
export async function startServer({ name, script, args = [], nodeArgs = [], env, cwd, ready = /listening/i, timeoutMs = 60_000, graceMs = 5_000 }) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = tailBuffer();
  let warnings = 0;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let isUp = false;
  const up = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const watch = (chunk) => {
      tail.push(chunk);
      if (isUp) warnings += chunk.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
      if (!isUp && ready.test(chunk.toString('utf8'))) {
        isUp = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready`));
    });
    child.once('error', reject);
  });
  const handle = {
    name,
    pid: child.pid,
    child,
    tail: () => tail.text(),
    /** Lines the server printed after it was up (with LOG_LEVEL=warn: warnings and errors). */
    linesAfterStart: () => warnings,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const outcome = await Promise.race([exited, sleep(graceMs).then(() => 'timeout')]);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
    /** Synchronous last resort, for process 'exit' handlers. */
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await up;
  } catch (error) {
    handle.killNow();
    error.message += `\n--- last output of ${name} ---\n${tail.text()}`;
    throw error;
  }
  return handle;
}

/** POSTs JSON and returns `{ status, text, json }`. */
export async function postJson(url, body, headers = {}) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  let res;
  let text;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: abort.signal,
    });
    text = await res.text();
  } finally {
    clearTimeout(timer);
  }
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* reported by the caller */
  }
  return { status: res.status, text, json };
}

/**
 * One bounded autocannon run on loopback; resolves with autocannon's result plus `latenciesMs`: every
 * 2xx response's latency, unrounded (autocannon's own histogram keeps whole milliseconds only, too
 * coarse for a server that answers in one or two).
 */
export function load({ url, headers, body, connections, duration, expectBody }) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`refusing to load ${target.hostname}: loopback only`);
  const latenciesMs = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers,
        body,
        connections,
        pipelining: 1,
        duration,
        timeout: 10,
        expectBody,
      },
      (error, result) => (error ? reject(error) : resolve({ ...result, latenciesMs })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
    });
    activeLoads.add(instance);
    instance.once('done', () => activeLoads.delete(instance));
  });
}

const activeLoads = new Set();

/** Stops any load in progress (on SIGINT). */
export function stopLoads() {
  for (const instance of activeLoads) instance.stop();
}

/** Nearest-rank percentile of unsorted values (sorts a copy once per call). */
export function percentiles(values, ps) {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]));
}

/** A markdown table from a header row and data rows. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const mb = (bytes) => bytes / (1024 * 1024);

export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- shared by bench/people.mjs

/** A small, explicit environment for child processes: nothing from the caller's shell leaks in. */
export function baseEnv(extra) {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8', ...extra };
}

/** A positive (or, with allowZero, non-negative) number from the environment, else `fallback`. */
export function numberKnob(name, fallback, { allowZero = false, integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0) || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} ${integer ? 'whole number' : 'number'}, not "${raw}"`);
  }
  return value;
}

/**
 * Clean-up steps run last-in first-out on every way out: normal end, error, SIGINT/SIGTERM (then the
 * process exits 130). Servers handed to `track` are SIGKILLed if still alive when the process exits.
 */
export function exitGuard({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const steps = [];
  const servers = new Set();
  let running = null;
  const run = () => {
    running ??= (async () => {
      stopLoads();
      for (const server of [...servers]) await server.stop().catch(() => {});
      while (steps.length > 0) {
        const step = steps.pop();
        try {
          await step();
        } catch (error) {
          log(`bench: clean-up step failed: ${error?.message ?? error}`);
        }
      }
    })();
    return running;
  };
  process.on('exit', () => {
    for (const server of servers) server.killNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log(`\nbench: ${signal}, cleaning up…`);
      run().finally(() => process.exit(130));
    });
  }
  return {
    defer: (step) => steps.push(step),
    /** A started server (see startServer) whose stop() also forgets it. */
    track(server) {
      servers.add(server);
      return { ...server, stop: async () => { await server.stop(); servers.delete(server); } };
    },
    run,
    /** True once clean-up has begun (e.g. after Ctrl-C): long loops should end. */
    isStopping: () => running !== null,
  };
}

/** Same URL, other database. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on its own connection. */
export async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database, whose removal is deferred to `guard`: on the server `serverUrl` (any
 * database URL of it; default: DATABASE_URL) if set — database `zhulian_bench_<stamp>` — else an
 * embedded cluster in `<root>/.data/<dirName>` (then `dataDir` is its directory).
 */
export async function freshDatabase({ root, dirName, stamp, guard, say, serverUrl = process.env.DATABASE_URL, serverLabel = 'the DATABASE_URL server', kind = 'external (DATABASE_URL)' }) {
  if (serverUrl) {
    const name = `zhulian_bench_${stamp}`;
    const admin = withDatabase(serverUrl, 'postgres');
    await adminQuery(admin, `CREATE DATABASE ${name}`);
    // KEEP_DATABASE=on leaves it for a look afterwards (plans, statistics); drop it by hand.
    guard.defer(async () => {
      if (process.env.KEEP_DATABASE === 'on') return say(`database: kept ${name} (KEEP_DATABASE=on): DROP DATABASE ${name} when done`);
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      say(`database: dropped ${name}`);
    });
    say(`database: created ${name} on ${serverLabel}`);
    return { url: withDatabase(serverUrl, name), kind, dataDir: null };
  }
  const dir = join(root, '.data', dirName);
  const port = await freePort();
  say(`database: starting an embedded PostgreSQL cluster in ${relative(root, dir)} on port ${port}`);
  const cluster = await startEmbeddedPostgres({ dir, port, persistent: false, fast: false });
  guard.defer(async () => {
    // Bounded: if the postmaster is already gone (a terminal Ctrl-C reaches it too) stop() never returns.
    const stopped = await Promise.race([cluster.stop().then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) {
      rmSync(dir, { recursive: true, force: true });
    }
    say('database: embedded cluster stopped and removed');
  });
  await adminQuery(cluster.url('postgres'), 'CREATE DATABASE zhulian');
  return { url: cluster.url('zhulian'), kind: 'embedded PostgreSQL (embedded-postgres)', dataDir: dir };
}

/** `node <dist>/apps/api/src/cli.js <command>` (dist: `<root>/dist`); resolves with its last output line, rejects with all of it. */
export function runCli(root, command, env, { dist = join(root, 'dist') } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dist, 'apps/api/src/cli.js'), command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(output.trim().split('\n').pop());
      else reject(new Error(`cli ${command} failed (exit ${code}):\n${output}`));
    });
  });
}

/** The checkout's commit, `+uncommitted` when the tree is dirty; null outside git. */
export function gitCommit(root) {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return git('status', '--porcelain') === '' ? git('rev-parse', 'HEAD') : `${git('rev-parse', 'HEAD')}+uncommitted`;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- shared by bench/people.mjs and bench/referrals.mjs

/** The API's access tokens live 15 minutes: one token serves a load, so a load must be shorter. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Every demo login's password. */
export const DEMO_PASSWORD = 'zhulian-demo';

export const graphqlUrl = (port) => `http://127.0.0.1:${port}/graphql`;

/** Signs in through the API's `login` (argon2, a real session row); returns the access token's claims. */
export async function signIn(port, email, password = DEMO_PASSWORD) {
  const res = await postJson(graphqlUrl(port), {
    query: 'mutation($i: LoginInput!){ login(input:$i){ accessToken } }',
    variables: { i: { email, password } },
  });
  const token = res.json?.data?.login?.accessToken;
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`sign-in as ${email} failed (HTTP ${res.status}): ${res.text.slice(0, 500)}`);
  return decodeJwt(token);
}

/** A fresh access token for a signed-in session, made like the API makes them, so no load outlives one. */
export function accessToken({ sub, sid }, secret) {
  const iat = Math.floor(Date.now() / 1000);
  return signHs256({ sub, sid, typ: 'access', iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS }, secret);
}

/** req/s, total, p50/p90/p99/max of the given latencies (ms), plus `extra`. */
export function summarise(latenciesMs, requestsPerSecond, total, extra) {
  const [p50, p90, p99] = percentiles(latenciesMs, [50, 90, 99]);
  return {
    requestsPerSecond: round(requestsPerSecond, 1),
    requestsTotal: total,
    latencyMs: { p50: round(p50), p90: round(p90), p99: round(p99), max: round(latenciesMs.reduce((a, b) => (b > a ? b : a), -Infinity)) },
    ...extra,
  };
}

/**
 * `loops` concurrent loops calling `once()` back to back for `seconds`: each call's latency is kept;
 * `once` resolves false for a wrong answer (counted as a mismatch) and rejects for an error.
 */
export async function loopLoad({ loops, seconds, once, isStopping = () => false }) {
  const latenciesMs = [];
  let errors = 0;
  let mismatches = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: loops }, async () => {
    while (performance.now() < until && !isStopping()) {
      const t0 = performance.now();
      try {
        const ok = await once();
        latenciesMs.push(performance.now() - t0);
        if (ok === false) mismatches += 1;
      } catch {
        errors += 1;
      }
    }
  }));
  return { latenciesMs, errors, mismatches, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- CPU time (as the PostGraphile peer's bench.js samples it)

let clockTicks = null;

/** utime + stime of a process in seconds, from /proc/<pid>/stat; null once it is gone. */
function cpuSecondsOf(pid) {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** The postmaster's pid from a cluster directory's postmaster.pid; null when not running there. */
export function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/** The postmaster and its children (backends, autovacuum, walwriter…): the CPU of one cluster only, not of other clusters on the machine. */
function clusterCpu(postmaster) {
  const byPid = new Map();
  if (!postmaster) return byPid;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid !== postmaster && Number(entry) !== postmaster) continue;
    } catch {
      continue;
    }
    const seconds = cpuSecondsOf(entry);
    if (seconds !== null) byPid.set(entry, seconds);
  }
  return byPid;
}

/**
 * Starts measuring CPU: the server process, the PostgreSQL cluster of `postmaster` (its processes
 * only) and this process (the load generator). `stop()` returns cores used on average over the window
 * (1.0 = one core busy all the time).
 */
export function cpuMeter({ serverPid = null, postmaster = null }) {
  const t0 = performance.now();
  const server0 = serverPid ? cpuSecondsOf(serverPid) ?? 0 : 0;
  const pg0 = clusterCpu(postmaster);
  const self0 = process.cpuUsage();
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const server = serverPid ? (cpuSecondsOf(serverPid) ?? server0) - server0 : null;
      let pgSeconds = 0;
      for (const [pid, now] of clusterCpu(postmaster)) pgSeconds += now - (pg0.get(pid) ?? 0);
      const self = process.cpuUsage(self0);
      const cores = (x) => (x === null ? null : round(x / seconds, 2));
      return { seconds: round(seconds, 1), server: cores(server), postgres: postmaster ? cores(pgSeconds) : null, loadgen: cores((self.user + self.system) / 1e6) };
    },
  };
}

// ---------------------------------------------------------------- SQL statements per request: a counting proxy

/** A NUL-terminated string of a protocol message at `offset`: [text, offset after it]. */
function cString(buffer, offset) {
  const end = buffer.indexOf(0, offset);
  return [buffer.toString('utf8', offset, end), end + 1];
}

/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL that reads the frontend protocol of every connection
 * through it and records each statement the client has the server execute: a simple `Query` ('Q'), or
 * an `Execute` ('E') of the extended protocol, with the text of the statement its portal was bound to
 * (from the `Parse` before it, named or not). Nothing is changed on the wire. Plain TCP only (no TLS:
 * the client would negotiate it first, and then nothing could be read). Each entry also keeps when the
 * client sent it (ms, performance.now()) and on which connection. With `completions`, the server's
 * CommandComplete messages are kept too (`complete`: the tag, e.g. "INSERT 0 1"), so that a statement's
 * end can be told apart from the client's next step.
 */
export async function statementCounter({ host, port: targetPort, completions = false }) {
  const { createServer, connect } = await import('node:net');
  let log = [];
  let connections = 0;
  const listening = new Set(); // connections that sent LISTEN (a relay's, not a request's), kept across resets
  const sockets = new Set();
  const server = createServer((client) => {
    const conn = (connections += 1);
    const record = (text) => {
      if (/^\s*LISTEN\b/i.test(text)) listening.add(conn);
      log.push({ text, at: performance.now(), conn });
    };
    const upstream = connect(targetPort, host);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
    if (completions) {
      let answer = Buffer.alloc(0);
      let sslAnswer = false; // a one-byte answer ('N' or 'S') to an SSL or GSS request has no length
      client.once('data', (chunk) => {
        if (chunk.length >= 8 && [80_877_103, 80_877_104].includes(chunk.readInt32BE(4))) sslAnswer = true;
      });
      upstream.on('data', (chunk) => {
        answer = answer.length === 0 ? chunk : Buffer.concat([answer, chunk]);
        if (sslAnswer && answer.length > 0) {
          answer = answer.subarray(1);
          sslAnswer = false;
        }
        while (answer.length >= 5 && answer.length >= 1 + answer.readInt32BE(1)) {
          const type = String.fromCharCode(answer[0]);
          const body = answer.subarray(5, 1 + answer.readInt32BE(1));
          answer = answer.subarray(1 + answer.readInt32BE(1));
          if (type === 'C') log.push({ text: null, complete: cString(body, 0)[0], at: performance.now(), conn });
        }
      });
    }
    let pending = Buffer.alloc(0);
    let startup = true; // the startup message (and an SSL/GSS request before it) has no type byte
    const statements = new Map(); // prepared statement name → text
    const portals = new Map(); // portal name → text
    client.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (startup) {
          if (pending.length < 8 || pending.length < pending.readInt32BE(0)) return;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(pending.readInt32BE(0));
          if (code !== 80_877_103 && code !== 80_877_104) startup = false;
          continue;
        }
        if (pending.length < 5 || pending.length < 1 + pending.readInt32BE(1)) return;
        const type = String.fromCharCode(pending[0]);
        const body = pending.subarray(5, 1 + pending.readInt32BE(1));
        pending = pending.subarray(1 + pending.readInt32BE(1));
        if (type === 'Q') {
          record(cString(body, 0)[0]);
        } else if (type === 'P') {
          const [name, next] = cString(body, 0);
          statements.set(name, cString(body, next)[0]);
        } else if (type === 'B') {
          const [portal, next] = cString(body, 0);
          portals.set(portal, statements.get(cString(body, next)[0]) ?? '(unknown prepared statement)');
        } else if (type === 'E') {
          record(portals.get(cString(body, 0)[0]) ?? '(unknown portal)');
        }
      }
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** Forgets what was recorded so far. */
    reset: () => {
      log = [];
    },
    /** The statements recorded since the last reset, in order. */
    statements: () => log.filter((entry) => entry.text !== null).map((entry) => entry.text),
    /** The same with when (performance.now()) and on which connection each was sent (and, with `completions`, each CommandComplete). */
    entries: () => [...log],
    /** The connections that sent a LISTEN (since the proxy started): an event relay's, whose statements are no request's. */
    listeners: () => new Set(listening),
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

// ---------------------------------------------------------------- the API build

/** The newest modification time (ms) of the files under `dir` whose names match `test`. */
function newestMtime(dir, test) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, test));
    else if (test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** A run's stamp for the names of its database and directories, e.g. 20261204_225320. */
export function runStamp(at) {
  return at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '_').toLowerCase();
}

/**
 * {@link prepareDist} into `.data/bench-<name>-<stamp>-dist`, removed (with its `-src` export) when the run
 * ends; returns the snapshot's path and what was built.
 */
export function snapshotDist({ root, name, stamp, mode, guard, say }) {
  const dist = join(root, '.data', `bench-${name}-${stamp}-dist`);
  guard.defer(() => {
    rmSync(dist, { recursive: true, force: true });
    rmSync(`${dist}-src`, { recursive: true, force: true });
  });
  const build = prepareDist({ root, mode, snapshot: dist, say });
  say(`build: running the API from a snapshot of dist/ in ${relative(root, dist)}`);
  return { dist, build };
}

/**
 * Builds the API when `mode` says so (`auto`: when dist/ is missing or older than a source file of
 * apps/api, libs or migrations; `always`; `never`; `head`: the last commit alone — exported with
 * `git archive HEAD` to `<snapshot>-src`, built there with its own tools/build-api.mjs, so that nobody's
 * uncommitted work in a shared checkout is measured), then copies the build's apps, libs and migrations
 * (not the web app) to `snapshot`, so that a rebuild by someone else during the run (npm test rebuilds
 * dist/) cannot pull the code from under the benchmark. Returns what was done and which commit it is.
 */
export function prepareDist({ root, mode, snapshot, say }) {
  rmSync(snapshot, { recursive: true, force: true });
  mkdirSync(snapshot, { recursive: true });
  const copy = (dist) => {
    for (const dir of ['apps', 'libs', 'migrations']) cpSync(join(dist, dir), join(snapshot, dir), { recursive: true });
    if (!existsSync(join(snapshot, 'apps/api/src/main.js'))) throw new Error(`${dist} has no apps/api/src/main.js (a build running elsewhere?): try again`);
  };
  if (mode === 'head') {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const source = `${snapshot}-src`;
    rmSync(source, { recursive: true, force: true });
    mkdirSync(source, { recursive: true });
    say(`build: the last commit alone (${commit.slice(0, 12)}), exported to ${relative(root, source)} and built there`);
    execFileSync('bash', ['-c', 'git archive --format=tar "$1" | tar -x -C "$2"', 'archive', commit, source], { cwd: root, stdio: 'inherit' });
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'));
    try {
      execFileSync(process.execPath, [join(source, 'tools/build-api.mjs')], { cwd: source, stdio: 'inherit' });
      copy(join(source, 'dist'));
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
    return { built: true, staleBefore: null, snapshot, source: 'HEAD', commit };
  }
  const main = join(root, 'dist/apps/api/src/main.js');
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  const sources = Math.max(
    ...['apps/api/src', 'libs', 'migrations'].map((dir) => newestMtime(join(root, dir), (name) => name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name))),
    ...['tsconfig.base.json', 'apps/api/tsconfig.app.json'].map((file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0)),
  );
  const stale = built === 0 || sources > built;
  let builtNow = false;
  if (mode === 'always' || (mode === 'auto' && stale)) {
    say(`build: node tools/build-api.mjs (${built === 0 ? 'no dist/ yet' : stale ? 'dist/ is older than the sources' : 'BUILD=always'})`);
    execFileSync(process.execPath, [join(root, 'tools/build-api.mjs')], { cwd: root, stdio: 'inherit' });
    builtNow = true;
  } else if (stale) {
    say('build: WARNING dist/ is older than the sources and BUILD=never: measuring dist/ as it is');
  } else {
    say('build: dist/ is up to date');
  }
  copy(join(root, 'dist'));
  return { built: builtNow, staleBefore: stale, snapshot, source: 'working tree', commit: gitCommit(root) };
}

// ---------------------------------------------------------------- what the database's sessions wait for

/**
 * Samples pg_stat_activity of the pool's database every `everyMs` (from one of the pool's
 * connections, itself excluded): sessions running a statement, and those waiting for a lock —
 * advisory locks (pg_advisory_xact_lock) apart. `stop()` returns the means and the share of samples
 * with at least one session waiting for an advisory lock.
 */
export function sampleWaits(pool, everyMs = 100) {
  const samples = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { rows: [row] } = await pool.query(`SELECT count(*) FILTER (WHERE state = 'active')::int AS active,
            count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int AS advisory,
            count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event <> 'advisory')::int AS other_locks
          FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
        samples.push(row);
      } catch {
        /* a sample lost is a sample lost */
      }
      await sleep(everyMs);
    }
  })();
  const mean = (key) => (samples.length === 0 ? null : round(samples.reduce((a, s) => a + s[key], 0) / samples.length, 2));
  return {
    async stop() {
      stopped = true;
      await loop;
      return {
        samples: samples.length, activeMean: mean('active'), advisoryLockWaitersMean: mean('advisory'), otherLockWaitersMean: mean('other_locks'),
        shareWithAdvisoryWaiters: samples.length === 0 ? null : round(samples.filter((s) => s.advisory > 0).length / samples.length, 3),
      };
    },
  };
}

/** A data loader's own connection, ended once (by the loader, or by `guard` if the run stops first). */
export async function loaderConnection(databaseUrl, guard) {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', (error) => console.error(`bench: loader connection: ${error.message}`));
  await client.connect();
  let ended = false;
  const end = async () => {
    if (!ended) {
      ended = true;
      await client.end();
    }
  };
  guard.defer(end);
  return { client, end };
}
