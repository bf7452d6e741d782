// Helpers of the benchmark orchestrator (bench/run.mjs): child servers, RSS sampling, load runs, tokens.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

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
