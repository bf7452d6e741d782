import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makePerson, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const VOLUNTEERS = '0193a000-0000-7000-8000-000000000007';
const PEOPLE = `{ people(first: 25, orderBy: REGISTERED, orderDirection: ASC) { edges { node { id fullName gender birthYear phone } } } peopleCount }`;
const HOSTILE = '<img src=x onerror=alert(1)>"\'&';

/** A built web app's index.html reduced to what the server fills in: the title, the language, the mark. */
function webDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhulian-first-screen-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><title>助联 Zhulian</title></head><body>\n<!--first-screen-->\n<div id="root"></div></body></html>');
  return dir;
}

describe("the people list's first screen, drawn by the server", () => {
  let app: TestApp;
  let caseworker: SignedIn;
  let cookies: Record<string, string>;
  const ids: string[] = [];

  const open = (path: string, cookie: Record<string, string> | null, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      headers: {
        accept: 'text/html', 'accept-language': 'zh-CN,zh;q=0.9',
        ...(cookie ? { cookie: Object.entries(cookie).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') } : {}),
        ...headers,
      },
    });
  const auditRows = async (): Promise<number> => Number((await app.db.query(`SELECT count(*) AS n FROM audit_events`))[0].n);

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo, env: { WEB_DIR: webDir() } });
    caseworker = await app.login('caseworker@zhulian.demo');
    for (const input of [
      { fullName: '王秀兰', idNumber: '11010519491231002X', phone: '13912345678', regionCode: '110105' },
      { fullName: HOSTILE, gender: 'MALE', birthDate: '1960-05-01', regionCode: '110105' },
    ]) {
      ids.push((await makePerson(caseworker, input)).id);
    }
    cookies = (await app.browserLogin('caseworker@zhulian.demo')).cookies;
  });
  afterAll(() => app.close());

  it('draws, for a signed-in caseworker, the rows the API gives them, never stored by a cache', async () => {
    const res = await open('/people', cookies);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('data-first-screen="/people"');
    expect(html).toContain('<title>人员登记 · 助联</title>');
    const answer = await caseworker.gql<{ people: { edges: { node: { id: string; phone: string | null } }[] }; peopleCount: number }>(PEOPLE);
    const listed = [...html.matchAll(/data-testid="first-person-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(listed).toEqual(answer.data!.people.edges.map((e) => e.node.id));
    expect(listed).toEqual(expect.arrayContaining(ids));
    expect(html).toContain(`共 ${answer.data!.peopleCount} 人`);
    expect(html).toContain('王秀兰');
    expect(html).toContain('13912345678');
  });

  it('escapes every value: a name is text, never markup', async () => {
    const html = await (await open('/people', cookies)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('shows another organisation what the rules give it: none of the caseworker’s people', async () => {
    const other = await makeUser(app.db, { memberships: [{ organisationId: SANLITUN, role: Role.CASEWORKER }] });
    const html = await (await open('/people', (await app.browserLogin(other.email, other.password)).cookies)).text();
    expect(html).toContain('data-first-screen="/people"');
    for (const id of ids) expect(html).not.toContain(id);
    expect(html).not.toContain('王秀兰');
  });

  it('records what it disclosed in the audit trail, as the same read through the API does', async () => {
    const before = await auditRows();
    await caseworker.gql(PEOPLE);
    const byApi = (await auditRows()) - before;
    expect(byApi).toBeGreaterThan(0);
    const between = await auditRows();
    await (await open('/people', cookies)).text();
    expect((await auditRows()) - between).toBe(byApi);
  });

  it('draws nothing without a live session: no cookie, a forged one, an access token, a session ended', async () => {
    const plain = async (cookie: Record<string, string> | null) => {
      const res = await open('/people', cookie);
      const html = await res.text();
      expect(html).not.toContain('zl-first');
      expect(html).toContain('<!--first-screen-->');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    };
    await plain(null);
    await plain({ zhulian_page: 'forged.token.value' });
    await plain({ zhulian_page: caseworker.accessToken });
    // Signed out: the page cookie of that session is worth nothing, even if the browser kept it.
    const leaving = await app.browserLogin('caseworker@zhulian.demo');
    expect((await app.gql(`mutation { logout }`, {}, { token: leaving.accessToken })).errors).toBeUndefined();
    await plain(leaving.cookies);
    // A deactivated user's neither.
    const gone = await makeUser(app.db, { memberships: [{ organisationId: JIANWAI, role: Role.CASEWORKER }] });
    const goneSession = await app.browserLogin(gone.email, gone.password);
    await app.db.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [gone.id]);
    await plain(goneSession.cookies);
  });

  it('is no access token: the API refuses the page cookie as a bearer', async () => {
    const fresh = (await app.browserLogin('caseworker@zhulian.demo')).cookies;
    const res = await app.gql(`{ people(first: 1) { edges { node { id } } } }`, {}, { token: fresh.zhulian_page });
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('leaves the page to the app for a role that has no people list, and for a list opened with a search', async () => {
    const volunteer = await makeUser(app.db, { memberships: [{ organisationId: VOLUNTEERS, role: Role.VOLUNTEER }] });
    const fresh = (await app.browserLogin('caseworker@zhulian.demo')).cookies;
    expect(await (await open('/people', (await app.browserLogin(volunteer.email, volunteer.password)).cookies)).text()).not.toContain('zl-first');
    expect(await (await open('/people?search=wang', fresh)).text()).not.toContain('zl-first');
  });

  it('acts for the organisation the app chose, when the person is still a member there', async () => {
    const both = await makeUser(app.db, { memberships: [{ organisationId: SANLITUN, role: Role.CASEWORKER }, { organisationId: JIANWAI, role: Role.COORDINATOR }] });
    const session = (await app.browserLogin(both.email, both.password)).cookies;
    const atJianwai = await (await open('/people', { ...session, zhulian_org: JIANWAI })).text();
    expect(atJianwai).toContain('王秀兰');
    const atSanlitun = await (await open('/people', { ...session, zhulian_org: SANLITUN })).text();
    expect(atSanlitun).toContain('data-first-screen');
    expect(atSanlitun).not.toContain('王秀兰');
  });

  it('speaks the language the person chose, else their browser’s', async () => {
    const fresh = (await app.browserLogin('caseworker@zhulian.demo')).cookies;
    const english = await (await open('/people', fresh, { 'accept-language': 'en-GB,en;q=0.8' })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<title>People · Zhulian</title>');
    const chosen = await (await open('/people', { ...fresh, zhulian_lang: 'zh-CN' }, { 'accept-language': 'en-GB' })).text();
    expect(chosen).toContain('<title>人员登记 · 助联</title>');
  });
});
