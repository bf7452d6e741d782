import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApiApplication, Importable, loadConfig, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { makeUser } from './factories';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestAppOptions {
  /** Modules beside the platform: a domain module, or the API's AppModule for whole-API tests. */
  imports: Importable[];
  /** Loads data before the first test, e.g. the demo alliance (`seedIdentityDemo`). */
  seed?: (tx: EntityManager) => Promise<unknown>;
  env?: Record<string, string>;
}

/** An event's payload for one session, and what the same query by that session through the API answered. */
export interface EventPayload {
  view: { data: Record<string, unknown> | null; denied: { path: string; reason: string }[] };
  direct: { data: Record<string, unknown> | null; denied: { path: string; reason: string }[]; code: string | null };
}

interface EventReads {
  document(subjectType: string): { document: string; root: string } | null;
  readFor(token: string, organisationId: string | undefined, subjectType: string, subjectId: string): Promise<EventPayload['view']>;
}

export interface GqlOptions {
  token?: string;
  organisationId?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; reason?: string; field?: string; [k: string]: unknown } }[];
  /** e.g. `access.denied`: the fields the access rules withheld. */
  extensions?: Record<string, unknown>;
  headers: Headers;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  userId: string;
  gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions) => Promise<GqlResponse<T>>;
}

/** The password of every demo login (see libs/identity/src/demo). */
export const DEMO_PASSWORD = 'zhulian-demo';

/**
 * The real API, booted from the real modules against a database of this test file's own, and spoken
 * to over HTTP on loopback, exactly as a client would.
 */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly database: TestDatabase,
    readonly url: string,
    private readonly logLines: string[],
  ) {}

  static async create(options: TestAppOptions): Promise<TestApp> {
    const database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      AUDIT_KEY: 'test-audit-key-that-is-at-least-32-characters',
      ID_NUMBER_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
      ID_NUMBER_INDEX_KEY: 'test-index-key-that-is-at-least-32-characters',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zhulian-test-')),
      WEB_DIR: join(tmpdir(), 'zhulian-no-web-app'), // API tests run without the web app unless they ask
      ...options.env,
    });
    const logLines: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));

    const app = await createApiApplication(config, options.imports, { logDestination: logStream });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const testApp = new TestApp(app, database, `http://127.0.0.1:${port}`, logLines);
    if (options.seed) await testApp.db.transaction(options.seed);
    return testApp;
  }

  get db(): DataSource {
    return this.app.get(getDataSourceToken());
  }

  async gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options: GqlOptions = {}): Promise<GqlResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.organisationId ? { 'x-organisation-id': options.organisationId } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GqlResponse<T>, 'status' | 'headers'>;
    return { ...body, status: response.status, headers: response.headers };
  }

  /** Signs in through the API; fails the test when sign-in is refused. */
  async login(email: string, password = DEMO_PASSWORD, organisationId?: string): Promise<SignedIn> {
    const res = await this.gql<{ login: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`,
      { input: { email, password } },
    );
    if (!res.data?.login) throw new Error(`login as ${email} failed: ${JSON.stringify(res.errors)}`);
    const { accessToken, refreshToken, user } = res.data.login;
    return {
      accessToken,
      refreshToken,
      userId: user.id,
      gql: (query, variables, options = {}) => this.gql(query, variables, { token: accessToken, organisationId, ...options }),
    };
  }

  /** A new user with one membership (see `makeUser`), signed in through the API with its password. */
  async loginNewMember(organisationId: string, role: Role): Promise<SignedIn> {
    const user = await makeUser(this.db, { memberships: [{ organisationId, role }] });
    return this.login(user.email, user.password);
  }

  /**
   * Signs in as a browser does (`X-Session-Transport: cookie`) and returns the cookies the API set, by name:
   * the refresh cookie and the page cookie; and the access token the page keeps in memory. Fails the test when
   * sign-in is refused.
   */
  async browserLogin(email: string, password = DEMO_PASSWORD): Promise<{ cookies: Record<string, string>; accessToken: string }> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-transport': 'cookie' },
      body: JSON.stringify({ query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, variables: { input: { email, password } } }),
    });
    const cookies: Record<string, string> = {};
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0];
      cookies[pair.slice(0, pair.indexOf('='))] = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
    }
    const body = (await response.json()) as { data?: { login?: { accessToken: string } } };
    if (!response.ok || !cookies.zhulian_refresh || !body.data?.login) throw new Error(`browser login as ${email} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
    return { cookies, accessToken: body.data.login.accessToken };
  }

  /**
   * A session for the user without the password round (no argon2, no sign-in rate limit): for tests that
   * act as many users at once. The session is real — a row the guard checks, and an access token signed
   * with the application's key.
   */
  async signedInAs(userId: string, organisationId?: string): Promise<SignedIn> {
    const sessionId = randomUUID();
    await this.db.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [sessionId, userId]);
    const accessToken = this.app.get(JwtService).sign({ sub: userId, sid: sessionId, typ: 'access' }, { expiresIn: 900, algorithm: 'HS256' });
    return {
      accessToken,
      refreshToken: '',
      userId,
      gql: (query, variables, options = {}) => this.gql(query, variables, { token: accessToken, organisationId, ...options }),
    };
  }

  /** Everything the API logged so far, one JSON line per entry. */
  logs(): string {
    return this.logLines.join('\n');
  }

  /** Links the reads recorded so far into the audit chain (they are linked a moment after each request). */
  async auditLinked(): Promise<void> {
    await this.app.get<{ flush(): Promise<void> }>('AUDIT_CHAINER', { strict: false }).flush();
  }

  /**
   * What a realtime event about a record carries to this session's socket (read as the gateway reads it for
   * them), beside the same query sent by them through the API: the matrix tests check that both agree and
   * that the payload holds nothing the viewer may not read.
   */
  async eventPayload(session: SignedIn, organisationId: string | undefined, subjectType: string, subjectId: string): Promise<EventPayload> {
    const reads = this.app.get<EventReads>('REALTIME_EVENT_READS', { strict: false });
    const subject = reads.document(subjectType);
    if (!subject) throw new Error(`no event subject ${subjectType} is declared`);
    const view = await reads.readFor(session.accessToken, organisationId, subjectType, subjectId);
    const res = await this.gql<Record<string, Record<string, unknown> | null>>(subject.document, { id: subjectId }, { token: session.accessToken, organisationId });
    return {
      view,
      direct: {
        data: res.data?.[subject.root] ?? null,
        denied: ((res.extensions?.access as { denied?: EventPayload['view']['denied'] } | undefined)?.denied ?? []),
        code: (res.errors?.[0]?.extensions?.code as string | undefined) ?? null,
      },
    };
  }

  /** Runs `measure` while the audit chainer and the realtime relay rest (their background statements would be counted too). */
  withoutAuditLinking<T>(measure: () => Promise<T>): Promise<T> {
    type Pausable = { whilePaused(measure: () => Promise<T>): Promise<T> };
    const chainer = this.app.get<Pausable>('AUDIT_CHAINER', { strict: false });
    let realtime: Pausable | null = null;
    try {
      realtime = this.app.get<Pausable>('REALTIME_BACKGROUND', { strict: false });
    } catch {
      realtime = null; // an app without the realtime module
    }
    return chainer.whilePaused(() => (realtime ? realtime.whilePaused(measure) : measure()));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
}
