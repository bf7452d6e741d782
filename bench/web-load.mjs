// `node bench/web-load.mjs`: how fast the web app opens on a phone network, cold, as a person meets it.
//
// Builds nothing: run `node tools/build-api.mjs && node tools/build-web.mjs` first (as for the browser
// journeys). Starts the built API serving the built web app on 127.0.0.1, on a fresh database of its own
// with the demo alliance, and drives Debian's chromium through the DevTools protocol with the "Fast 3G"
// profile of Chrome DevTools (562.5 ms latency, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up) and the CPU
// slowed down 4×, a new browser context (empty cache, no cookies) for every page load. Each run loads:
//
//   sign-in  /login, signed out.
//            FCP: the browser's first-contentful-paint entry.
//            ready: the sign-in form's submit button is in the page and painted, and the task that put it
//            there has ended (a tap would be handled): see `usable` below.
//   people   /people with a session, as a caseworker who signed in earlier comes back to the app (the
//            cookies that signing in leaves — the refresh cookie and the page cookie — set in the fresh
//            context; nothing else is cached).
//            FCP as above; ready: the first person's row (its link to the person) is painted and usable, in the
//            first screen the server draws (libs/core web-app.ts) or in the app's own list, whichever comes
//            first. "The app's own list" is when the app has taken the page over (its own first row usable).
//   people again  the same, opened a second time in the same context after a first (unmeasured) load: the
//            day-long case, the app's files in the browser's cache (index.html revalidated, hashed assets not
//            asked for again), the session cookie as the first load left it.
//
// Times are from the navigation's start (performance.now() of the page). `usable` of an element is the
// first task the page runs after the frame that paints it (a requestAnimationFrame, then a setTimeout 0):
// if a long task (a render, a parse) still holds the main thread, usable waits for it to end.
// Bytes come from Resource Timing: `transfer` is what crossed the network (headers included), `decoded`
// the bodies once decompressed; "by ready" counts what had arrived when the page became usable, "all" what
// arrived until the network had been quiet for a second (live-update sockets not counted).
//
// Each page is loaded twice per run: as the browser asks (`Accept-Encoding: gzip, deflate, br, zstd`) and
// with `Accept-Encoding: identity` (the same build and server, no compression): the baseline.
//
// Knobs (env): RUNS (default 5), VIEWPORT (`phone`: 390×844, default; `desktop`: 1280×800),
// WEB_DIR (the built web app to serve, default dist/web: point it at another build to compare),
// DATABASE_URL (use that server, in a throw-away database, instead of an embedded cluster),
// CHROMIUM_PATH (default /usr/bin/chromium), CPU_SLOWDOWN (default 4), BASELINE=0 (skip the identity loads), LABEL (a name for the
// results file: bench/results/web-load-<LABEL>.json, default "latest"), WATERFALL=1 (print every request's
// start and end).
//
// The CPU slowdown is relative to this machine: on a busy one (see the load average printed) the CPU-bound
// part of each load (parsing, rendering) is slower still, the network part is not.
/* global window, document, performance, requestAnimationFrame, MutationObserver -- instrument() and the evaluate() callback run in the page */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from '../tools/embedded-postgres.mjs';
import { baseEnv, exitGuard, freshDatabase, gitCommit, markdownTable, numberKnob, percentiles, round, runCli, runStamp, startServer } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = numberKnob('RUNS', 5, { integer: true });
const VIEWPORT = process.env.VIEWPORT ?? 'phone';
if (!['phone', 'desktop'].includes(VIEWPORT)) throw new Error(`VIEWPORT must be phone or desktop, not "${VIEWPORT}"`);
const WEB_DIR = resolve(process.env.WEB_DIR ?? join(ROOT, 'dist/web'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASELINE = process.env.BASELINE !== '0';
const LABEL = process.env.LABEL ?? 'latest';
const WATERFALL = process.env.WATERFALL === '1';
if (!/^[\w.-]+$/.test(LABEL)) throw new Error(`LABEL must be a plain name, not "${LABEL}"`);

/** Chrome DevTools' "Fast 3G" preset (bytes per second, ms), as DevTools and Puppeteer define it. */
const FAST_3G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
const CPU_SLOWDOWN = numberKnob('CPU_SLOWDOWN', 4);
const TARGETS = { signIn: 1500, people: 3000 }; // the issue's targets (ms): FCP of the sign-in page, people list usable

/** The first person's link: in the first screen the server drew, or in the app's own list. */
const FIRST_ROW = 'a[data-testid^="first-person-"], a[data-testid^="person-"]';
/** The first person's link in the app's own list (the app has taken the page over). */
const APP_ROW = 'a[data-testid^="person-"]';
const PAGES = {
  signIn: { path: '/login', ready: 'form button[type="submit"]', signedIn: false, title: 'sign-in (/login)' },
  people: { path: '/people', ready: FIRST_ROW, app: APP_ROW, signedIn: true, title: 'people list (/people, signed in)' },
  peopleAgain: { path: '/people', ready: FIRST_ROW, app: APP_ROW, signedIn: true, warm: true, title: 'people list again (cached app)' },
};
const VARIANTS = BASELINE ? ['compressed', 'identity'] : ['compressed'];

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Runs in every document before the app: notes when each watched element first appears, the frame that paints
 * it and the first task after that frame (see the header).
 */
function instrument(watched) {
  const marks = {};
  window.__webLoad = marks;
  const check = () => {
    for (const [name, selector] of Object.entries(watched)) {
      if (marks[`${name}.dom`] !== undefined) continue;
      const element = document.querySelector(selector);
      if (!element || element.getClientRects().length === 0) continue;
      marks[`${name}.dom`] = performance.now();
      requestAnimationFrame(() => {
        marks[`${name}.painted`] = performance.now();
        setTimeout(() => (marks[`${name}.usable`] = performance.now()), 0);
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * The cookies signing in leaves a signed-in caseworker's browser (X-Session-Transport: cookie): the refresh
 * cookie (path /graphql) and the page cookie (path /) with which the server draws a page's first screen.
 */
async function sessionCookies(base) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session-transport': 'cookie' },
    body: JSON.stringify({ query: 'mutation($i: LoginInput!){ login(input:$i){ accessToken } }', variables: { i: { email: 'caseworker@zhulian.demo', password: 'zhulian-demo' } } }),
  });
  const cookies = res.headers.getSetCookie().map((header) => {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    return { name, value, domain: '127.0.0.1', path, httpOnly: true, sameSite: 'Strict', secure: false };
  });
  if (!res.ok || !cookies.some((c) => c.name === 'zhulian_refresh')) {
    throw new Error(`sign-in as caseworker@zhulian.demo failed (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`);
  }
  return cookies;
}

/** Waits until no request but the live-update socket's has been in flight for `quietMs` (at most `maxMs`). */
async function networkQuiet(cdp, inFlight, quietMs = 1000, maxMs = 30_000) {
  const start = Date.now();
  let quietSince = Date.now();
  while (Date.now() - start < maxMs) {
    if (inFlight.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await sleep(100);
  }
}

async function loadOnce(browser, base, pageKey, variant) {
  const spec = PAGES[pageKey];
  const size = VIEWPORT === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 800 };
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: size,
    isMobile: VIEWPORT === 'phone',
    hasTouch: VIEWPORT === 'phone',
    deviceScaleFactor: VIEWPORT === 'phone' ? 3 : 1,
  });
  try {
    if (spec.signedIn) await context.addCookies(await sessionCookies(base));
    await context.addInitScript(instrument, { [pageKey]: spec.ready, ...(spec.app ? { [`${pageKey}App`]: spec.app } : {}) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const inFlight = new Set();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.includes('/socket.io/')) inFlight.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => inFlight.delete(e.requestId));
    cdp.on('Network.loadingFailed', (e) => inFlight.delete(e.requestId));
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    if (variant === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });

    if (spec.warm) {
      await page.goto(`${base}${spec.path}`, { waitUntil: 'commit', timeout: 60_000 });
      await page.waitForFunction((key) => window.__webLoad?.[`${key}.usable`] !== undefined, pageKey, { timeout: 60_000, polling: 100 });
      await networkQuiet(cdp, inFlight);
    }
    await page.goto(`${base}${spec.path}`, { waitUntil: 'commit', timeout: 60_000 });
    const watchedKey = spec.app ? `${pageKey}App` : pageKey;
    await page.waitForFunction((key) => window.__webLoad?.[`${key}.usable`] !== undefined, watchedKey, { timeout: 60_000, polling: 100 });
    await networkQuiet(cdp, inFlight);
    const result = await page.evaluate((key) => {
      const marks = window.__webLoad;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      // Nothing is seen before the first contentful paint, whatever the page's own marks say.
      const usable = Math.max(marks[`${key}.usable`], fcp ?? 0);
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((e) => !e.name.includes('/socket.io/'))
        .map((e) => ({ name: e.name, type: e.initiatorType, start: e.startTime, end: e.responseEnd, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
      const app = marks[`${key}App.usable`] === undefined ? null : Math.max(marks[`${key}App.usable`], fcp ?? 0);
      return { fcp, dom: marks[`${key}.dom`], painted: marks[`${key}.painted`], usable, app, entries };
    }, pageKey);
    if (WATERFALL) {
      say(`  ${pageKey} ${variant}: FCP ${s(result.fcp)}, in the page ${s(result.dom)}, painted ${s(result.painted)}, usable ${s(result.usable)}, the app's own ${s(result.app)}`);
      for (const e of [...result.entries].sort((a, b) => a.start - b.start)) {
        say(`    ${s(e.start).padStart(7)} → ${s(e.end).padStart(7)} ${kb(e.transfer).padStart(9)} ${new URL(e.name).pathname}`);
      }
    }
    const sum = (list, field) => list.reduce((total, e) => total + e[field], 0);
    const byReady = result.entries.filter((e) => e.end <= result.usable);
    const scripts = (list) => list.filter((e) => e.type === 'script' || e.type === 'link' || /\.js($|\?)/.test(e.name));
    // What the server really sent: a compressed body is smaller than the decoded one.
    const compressedResponses = result.entries.filter((e) => /\.(js|css|html)$/.test(new URL(e.name).pathname) && e.encoded > 0 && e.encoded < e.decoded).length;
    return {
      fcp: result.fcp,
      painted: result.painted,
      usable: result.usable,
      app: result.app,
      requestsByReady: byReady.length,
      scriptRequestsByReady: scripts(byReady).length,
      transferByReady: sum(byReady, 'transfer'),
      decodedByReady: sum(byReady, 'decoded'),
      requestsAll: result.entries.length,
      transferAll: sum(result.entries, 'transfer'),
      decodedAll: sum(result.entries, 'decoded'),
      compressedResponses,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes) => `${round(bytes / 1024, 1)} KB`;
const s = (ms) => (ms === null || ms === undefined ? '—' : `${round(ms / 1000, 2)} s`);

function summary(samples, field) {
  const values = samples.map((sample) => sample[field]).filter((v) => typeof v === 'number');
  const [p50] = percentiles(values, [50]);
  return { p50, worst: Math.max(...values), values };
}

async function main() {
  for (const built of [join(ROOT, 'dist/apps/api/src/main.js'), join(WEB_DIR, 'index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`node tools/build-api.mjs && node tools/build-web.mjs\` first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const guard = exitGuard({ log: say });
  try {
    const stamp = runStamp(new Date());
    const database = await freshDatabase({ root: ROOT, dirName: `bench-web-pg-${stamp}`, stamp, guard, say });
    const secret = randomBytes(32).toString('hex');
    const secrets = { JWT_SECRET: secret, AUDIT_KEY: secret, ID_NUMBER_KEYS: `k1:${randomBytes(32).toString('base64')}`, ID_NUMBER_INDEX_KEY: secret, LOG_LEVEL: 'warn' };
    const cliEnv = baseEnv({ DATABASE_URL: database.url, NODE_ENV: 'development', ...secrets });
    say(`cli migrate: ${await runCli(ROOT, 'migrate', cliEnv)}`);
    say(`cli seed-demo: ${await runCli(ROOT, 'seed-demo', cliEnv)}`);
    const port = await freePort();
    const api = guard.track(await startServer({
      name: 'zhulian API',
      script: join(ROOT, 'dist/apps/api/src/main.js'),
      env: baseEnv({ DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', WEB_DIR, ...secrets }),
      cwd: ROOT,
      ready: /listening on/i,
    }));
    const base = `http://127.0.0.1:${port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    guard.defer(() => browser.close());
    const loadBefore = loadavg()[0];
    say(`serving ${WEB_DIR} at ${base}; ${RUNS} runs, ${VIEWPORT}, Fast 3G + ${CPU_SLOWDOWN}× CPU slowdown, cold cache each load; load average ${round(loadBefore)} on ${cpus().length} CPUs`);

    const samples = {};
    for (let run = 1; run <= RUNS && !guard.isStopping(); run += 1) {
      for (const variant of VARIANTS) {
        for (const pageKey of Object.keys(PAGES)) {
          const sample = await loadOnce(browser, base, pageKey, variant);
          (samples[`${pageKey}/${variant}`] ??= []).push(sample);
          say(`run ${run} ${pageKey.padEnd(11)} ${variant.padEnd(10)} FCP ${s(sample.fcp)}, ready ${s(sample.usable)}${sample.app === null ? '' : ` (the app's own list ${s(sample.app)})`}, ${sample.requestsByReady} requests (${sample.scriptRequestsByReady} scripts) ${kb(sample.transferByReady)} transferred / ${kb(sample.decodedByReady)} decoded by ready; ${kb(sample.transferAll)} / ${kb(sample.decodedAll)} in all`);
        }
      }
    }
    if (api.linesAfterStart() > 0) say(`note: the API logged ${api.linesAfterStart()} warning or error lines:\n${api.tail()}`);

    const rows = [];
    const results = {};
    for (const [key, list] of Object.entries(samples)) {
      const [pageKey, variant] = key.split('/');
      const fcp = summary(list, 'fcp');
      const usable = summary(list, 'usable');
      const transfer = summary(list, 'transferByReady');
      const decoded = summary(list, 'decodedByReady');
      const transferAll = summary(list, 'transferAll');
      const requests = summary(list, 'requestsByReady');
      const app = list.some((x) => x.app !== null) ? summary(list, 'app') : null;
      results[key] = { fcpMs: fcp, readyMs: usable, appReadyMs: app, transferByReadyBytes: transfer, decodedByReadyBytes: decoded, transferAllBytes: transferAll, requestsByReady: requests, compressedResponses: list.map((x) => x.compressedResponses) };
      rows.push([PAGES[pageKey].title, variant, `${s(fcp.p50)} / ${s(fcp.worst)}`, `${s(usable.p50)} / ${s(usable.worst)}`, app ? `${s(app.p50)} / ${s(app.worst)}` : '—', String(requests.p50), `${kb(transfer.p50)} / ${kb(decoded.p50)}`, kb(transferAll.p50)]);
    }
    say('');
    const loadAfter = loadavg()[0];
    say(`Fast 3G (562.5 ms, 1.44 Mbit/s down, 675 kbit/s up) + ${CPU_SLOWDOWN}× CPU, ${VIEWPORT}, ${RUNS} cold loads each; p50 / worst; load average ${round(loadBefore)} → ${round(loadAfter)} on ${cpus().length} CPUs`);
    say('');
    say(markdownTable(['page', 'Accept-Encoding', 'FCP', 'ready (usable)', "the app's own list usable", 'requests by ready', 'transferred / decoded by ready', 'transferred in all'], rows));
    const signIn = results['signIn/compressed'];
    const people = results['people/compressed'];
    const again = results['peopleAgain/compressed'];
    say('');
    say(`targets: sign-in FCP ≤ ${s(TARGETS.signIn)}: p50 ${s(signIn.fcpMs.p50)}, worst ${s(signIn.fcpMs.worst)} — ${signIn.fcpMs.worst <= TARGETS.signIn ? 'met' : 'NOT met'}; ` +
      `people list usable ≤ ${s(TARGETS.people)}: p50 ${s(people.readyMs.p50)}, worst ${s(people.readyMs.worst)} — ${people.readyMs.worst <= TARGETS.people ? 'met' : 'NOT met'} ` +
      `(with the app cached: p50 ${s(again.readyMs.p50)}, worst ${s(again.readyMs.worst)} — ${again.readyMs.worst <= TARGETS.people ? 'met' : 'NOT met'})`);

    const out = join(ROOT, 'bench', 'results', `web-load-${LABEL}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({
      at: new Date().toISOString(), commit: gitCommit(ROOT), webDir: WEB_DIR, runs: RUNS, viewport: VIEWPORT, network: FAST_3G, cpuSlowdown: CPU_SLOWDOWN, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, database: database.kind, results,
    }, null, 2)}\n`);
    say(`results: ${out}`);
  } finally {
    await guard.run();
  }
}

main().catch((error) => {
  process.stderr.write(`bench/web-load: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
