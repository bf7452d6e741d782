import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, FactorySession, freePort, TestDatabase } from '@zhulian/testing';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

const ROOT = join(__dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT = join(ROOT, 'test-output/e2e');


/**
 * The product as a person meets it: the built API (dist/) serving the built web app (dist/web) on
 * loopback, on a database of this file's own with the demo alliance, driven through Debian's chromium.
 */
export class Product {
  private constructor(
    readonly url: string,
    private readonly server: ChildProcess,
    private readonly database: TestDatabase,
    readonly browser: Browser,
    private readonly logs: () => string,
  ) {}

  static async start(): Promise<Product> {
    for (const built of ['dist/apps/api/src/main.js', 'dist/web/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm test\` (it builds first) or \`node tools/build-api.mjs && npx vite build --config apps/web/vite.config.mts\`.`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (npm test does this as root).`);
    const database = await createTestDatabase();
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: 'e2e-secret-that-is-at-least-32-characters',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zhulian-e2e-')),
      WEB_DIR: join(ROOT, 'dist/web'),
      // The journeys check what is drawn, not how fast: on a machine busy with the other tests a first screen may take longer than a person's 1.5 s.
      FIRST_SCREEN_WAIT_MS: '20000',
    };
    const seeded = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/src/cli.js'), 'seed-demo'], { env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    let output = '';
    const server = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i += 1) {
      if (server.exitCode !== null) throw new Error(`API exited: ${output}`);
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
      if (i > 200) throw new Error(`API did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    return new Product(url, server, database, browser, () => output);
  }

  /**
   * A fresh browser profile (no cookies, no storage), in the given language and window size; with `geolocation`,
   * a device that knows where it is and a person who lets the app ask.
   */
  async newPage(options: { locale?: string; width?: number; height?: number; geolocation?: { latitude: number; longitude: number; accuracy?: number } } = {}):
    Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      baseURL: this.url,
      locale: options.locale ?? 'zh-CN',
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      isMobile: (options.width ?? 1280) < 500,
      hasTouch: (options.width ?? 1280) < 500,
      ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  serverOutput(): string {
    return this.logs();
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => {
      if (this.server.exitCode !== null) return resolve();
      this.server.once('exit', () => resolve());
      this.server.kill('SIGTERM');
    });
    await this.database.drop();
  }
}

/** Runs a journey; on failure saves a screenshot of each open page under test-output/e2e/. */
export interface Journeys {
  /** The product the describe block's journeys walk (started before the first). */
  product(): Product;
  /** A fresh browser profile, closed after the block (or after each journey, with `closeAfterEach`). */
  newPage(options?: Parameters<Product['newPage']>[0]): Promise<Page>;
  /** The pages open now: the screenshots a failed journey leaves. */
  pages(): Page[];
}

/**
 * The set-up every browser-journey block shares: the product started before its journeys and stopped after
 * them, and the pages they open closed (after each journey with `closeAfterEach`, else after the block).
 * A block's own `beforeAll` runs after this one's, with the product up.
 */
export function browserJourneys(options: { closeAfterEach?: boolean } = {}): Journeys {
  let product: Product | undefined;
  const open: Page[] = [];
  const close = async () => {
    for (const page of open.splice(0)) await page.context().close();
  };
  beforeAll(async () => {
    product = await Product.start();
    mkdirSync(OUTPUT, { recursive: true });
  });
  if (options.closeAfterEach) afterEach(close);
  afterAll(async () => {
    await close();
    await product?.stop();
  });
  return {
    product: () => product!,
    pages: () => open,
    newPage: async (pageOptions) => {
      const { page } = await product!.newPage(pageOptions);
      open.push(page);
      return page;
    },
  };
}

export async function journey(name: string, pages: () => Page[], steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    mkdirSync(OUTPUT, { recursive: true });
    let i = 0;
    for (const page of pages()) {
      const file = join(OUTPUT, `${name.replace(/\W+/g, '-')}-failure-${(i += 1)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      // CI keeps no screenshots: what the page said (its address, alerts, messages, field errors) goes to the log.
      const said = await page.locator('[role=alert], .ant-message-notice, .ant-form-item-explain-error')
        .allInnerTexts().catch(() => [] as string[]);
      process.stderr.write(`screenshot of the failed journey: ${file}\n  at ${page.url()}${said.length ? `; it says: ${said.map((s) => s.trim()).join(' | ')}` : ''}\n`);
    }
    throw error;
  }
}

export async function signIn(page: Page, email: string, password = 'zhulian-demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登\s?录|Sign in)$/ }).click();
  await page.getByTestId('welcome').waitFor();
}

/** Waits until one element of the locator shows the text. */
export async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/**
 * That something is not shown — checked for a while, not once: a single look right after a page changes
 * can pass before the page has drawn what it should not. Fails as soon as it appears within `ms`.
 */
export async function expectNotShown(locator: ReturnType<Page['locator']>, ms = 1500): Promise<void> {
  const until = Date.now() + ms;
  do {
    const count = await locator.count();
    if (count > 0) throw new Error(`expected nothing for ${String(locator)}, found ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < until);
}

/**
 * Waits until the condition holds, asked again every 100 ms for up to `ms` — for conditions over many
 * elements, checked from the test (the page's CSP forbids evaluating strings in it).
 */
export async function until(condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms: ${String(condition)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Clicks `trigger` until `shown` is visible (3 tries, 3 s each): a click that lands while a dialog is still
 * opening, on a loaded machine, can be lost — and then what it opens never comes.
 */
export async function clickUntilShown(trigger: Locator, shown: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await trigger.click();
    try {
      await shown.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (await shown.isVisible()) return;
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Opens a page from the side menu: clicks its link until the address is the page's (3 tries, 3 s each) — a
 * click that lands while the page behind the menu is still settling, on a loaded machine, can be lost.
 */
export async function openFromMenu(page: Page, name: string, path: string): Promise<void> {
  const link = page.getByRole('link', { name, exact: true });
  for (let attempt = 1; ; attempt += 1) {
    await link.click();
    try {
      await page.waitForURL((url) => url.pathname === path, { timeout: 3_000 });
      return;
    } catch (error) {
      if (new URL(page.url()).pathname === path) return;
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Ticks a checkbox or radio until it holds: a click that lands while its dialog is still opening, on a
 * loaded machine, can be lost, and Playwright's `check()` then fails at once ("did not change its state").
 */
export async function tick(box: Locator): Promise<void> {
  await until(async () => {
    if (!(await box.isChecked())) await box.click({ timeout: 2_000 }).catch(() => undefined);
    return box.isChecked();
  });
}

/**
 * Clicks a confirming or submitting button until it is gone: the same lost click, on the way out. It clicks
 * again only while the button is neither gone nor busy, so a slow answer is waited for, not sent twice.
 */
export async function clickUntilGone(button: Locator, ms = 30_000): Promise<void> {
  await until(async () => {
    if (!(await button.isVisible())) return true;
    const busy = (await button.getAttribute('class').catch(() => null))?.includes('ant-btn-loading');
    if (!busy) await button.click({ timeout: 2_000 }).catch(() => undefined);
    return button.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
  }, ms);
}

/**
 * Searches a list: types the words (an empty box clears the search) and presses Enter until `shown` says the
 * list took them. On a loaded machine an Enter that lands while the list re-renders can be lost; pressing it
 * again only asks the same search once more.
 */
export async function search(box: Locator, words: string, shown: () => Promise<boolean>, ms = 30_000): Promise<void> {
  await until(async () => {
    if ((await box.inputValue()) !== words) await box.fill(words);
    await box.press('Enter');
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      if (await shown()) return true;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return false;
  }, ms);
}

/** For `search` on a list that keeps its search in the address: the address has `key` as `value` (none when empty). */
export function addressSays(page: Page, key: string, value: string): () => Promise<boolean> {
  return async () => new URL(page.url()).searchParams.get(key) === (value === '' ? null : value);
}

/**
 * Picks an option of an antd Select by clicking, until the Select shows it: a pick that lands while a dialog
 * or the option list is still opening can be lost on a loaded machine.
 */
export async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await until(async () => {
    if ((await select.textContent())?.includes(option)) return true;
    await select.click({ timeout: 2_000 }).catch(() => undefined);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 2_000 }).catch(() => undefined);
    return (await select.textContent())?.includes(option) ?? false;
  }, 30_000);
}

/** Picks an option of an antd Select by typing part of its text, once the option is there. */
export async function choose(page: Page, field: ReturnType<Page['locator']>, typed: string, option: string = typed): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.locator('.ant-select-item-option', { hasText: option }).first().waitFor();
  await field.press('Enter');
}

/** A request as one user, answering its data; also a session for the test kit's factories (`makePerson(office, …)`). */
type Call = (<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>) & FactorySession;

/**
 * The API as one demo user, for a journey's setup (data the journey is not about): signs in once and
 * sends each request with the access token, and with `organisationId` acting (X-Organisation-Id) when
 * given, for a user with several memberships. Any GraphQL error fails the setup loudly.
 */
export async function apiAs(url: string, email: string, password = 'zhulian-demo', organisationId?: string): Promise<Call> {
  const post = async (token: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(token && organisationId ? { 'x-organisation-id': organisationId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`${email}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const signedIn = (await post(null, 'mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password } })) as {
    login: { accessToken: string };
  };
  const call = ((query: string, variables?: Record<string, unknown>) => post(signedIn.login.accessToken, query, variables)) as Call;
  call.gql = async (query, variables) => ({ data: (await post(signedIn.login.accessToken, query, variables)) as never });
  return call;
}

/** Accepts an invitation through the API as its invitee does, signed in as nobody; any GraphQL error fails the setup loudly. */
export async function acceptInvitation(url: string, input: { token: string; displayName: string; password: string }): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }', variables: { input } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors?.length) throw new Error(`accepting the invitation as ${input.displayName}: ${JSON.stringify(body.errors)}`);
}

/**
 * A demo volunteer ready for a journey's task: a profile that fits it (companionship and meal delivery in
 * 朝阳区, an ID number for the group to check if given) and none of their demo claims in the way of a claim.
 */
export async function readyVolunteer(url: string, email: string, idNumber?: string): Promise<Call> {
  const volunteer = await apiAs(url, email);
  await volunteer(`mutation($input: VolunteerProfileInput!) { saveMyVolunteerProfile(input: $input) { userId } }`, { input: {
    skills: ['COMPANIONSHIP', 'MEAL_DELIVERY'], areaCodes: ['110105'], availability: [], languages: ['zh'], ...(idNumber ? { idNumber } : {}) } });
  const { myClaims } = await volunteer<{ myClaims: { edges: { node: { id: string; status: string; task: { startsAt: string } | null } }[] } }>(
    `{ myClaims(first: 100) { edges { node { id status task { startsAt } } } } }`);
  for (const { node } of myClaims.edges) {
    if (['HELD', 'PENDING', 'WAITLISTED', 'OFFERED'].includes(node.status) && node.task && new Date(node.task.startsAt).getTime() > Date.now()) {
      await volunteer(`mutation($input: ClaimDecisionInput!) { releaseClaim(input: $input) { id } }`, { input: { claimId: node.id } });
    }
  }
  return volunteer;
}
