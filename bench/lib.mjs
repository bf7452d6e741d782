// Helpers of the benchmark orchestrator (bench/run.mjs): child servers, RSS sampling, load runs, tokens.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../tools/embedded-postgres.mjs';

/** Mints an HS256 JWT exactly shaped like the API's (jsonwebtoken's header, claims in its order). */
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
 * Starts `node <script>` with the given env and waits until it prints a line matching `ready`.
 * The child's output is drained (kept as a tail for errors) so a chatty server never blocks on a pipe.
 * `stop()` sends SIGTERM, then SIGKILL after `graceMs`; it is safe to call more than once.
 */
export async function startServer({ name, script, args = [], env, cwd, ready = /listening/i, timeoutMs = 60_000, graceMs = 5_000 }) {
  const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
 * A fresh, empty database, whose removal is deferred to `guard`: on the DATABASE_URL server if set
 * (database `zhulian_bench_<stamp>`), else an embedded cluster in `<root>/.data/<dirName>`.
 */
export async function freshDatabase({ root, dirName, stamp, guard, say }) {
  if (process.env.DATABASE_URL) {
    const name = `zhulian_bench_${stamp}`;
    const admin = withDatabase(process.env.DATABASE_URL, 'postgres');
    await adminQuery(admin, `CREATE DATABASE ${name}`);
    guard.defer(async () => {
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      say(`database: dropped ${name}`);
    });
    say(`database: created ${name} on the DATABASE_URL server`);
    return { url: withDatabase(process.env.DATABASE_URL, name), kind: 'external (DATABASE_URL)' };
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
  return { url: cluster.url('zhulian'), kind: 'embedded PostgreSQL (embedded-postgres)' };
}

/** `node dist/apps/api/src/cli.js <command>`; resolves with its last output line, rejects with all of it. */
export function runCli(root, command, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
