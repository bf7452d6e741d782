import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { TestApp } from '@zhulian/testing';
import { IdNumberVault } from '../crypto/id-number-vault';
import { RegistryModule } from '../registry.module';
import { seedRegistryDemo } from './registry-demo';

describe('the registry demo', () => {
  let app: TestApp;
  let vault: IdNumberVault;
  let first: { people: number; households: number; consents: number };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    vault = new IdNumberVault(app.app.get<AppConfig>(APP_CONFIG));
    first = await app.db.transaction((tx) => seedRegistryDemo(tx, vault));
  });
  afterAll(() => app.close());

  it('loads about 200 people in 80 households, with consents, one withdrawn and one expired', async () => {
    expect(first.households).toBe(80);
    expect(first.people).toBeGreaterThan(150);
    expect(first.people).toBeLessThan(260);
    const [state] = await app.db.query(`SELECT count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS withdrawn,
      count(*) FILTER (WHERE valid_until < now())::int AS expired, count(*)::int AS total FROM consents`);
    expect(state).toEqual({ withdrawn: 1, expired: 1, total: first.consents });
  });

  it('changes nothing when loaded again', async () => {
    expect(await app.db.transaction((tx) => seedRegistryDemo(tx, vault))).toEqual({ people: 0, households: 0, consents: 0 });
  });

  it('shows each demo login what its role, work and the consents allow', async () => {
    const count = async (email: string) => (await (await app.login(email)).gql<{ peopleCount: number }>(`{ peopleCount }`)).data!.peopleCount;
    const [jianwai] = await app.db.query(`SELECT count(*)::int AS n FROM people WHERE holding_organisation_id = '0193a000-0000-7000-8000-000000000002'`);
    const [consented] = await app.db.query(`SELECT count(DISTINCT person_id)::int AS n FROM consents
      WHERE recipient_organisation_id = '0193a000-0000-7000-8000-000000000004' AND withdrawn_at IS NULL AND valid_from <= now() AND (valid_until IS NULL OR valid_until > now())`);
    expect(await count('caseworker@zhulian.demo')).toBe(jianwai.n);
    expect(await count('ngo@zhulian.demo')).toBe(consented.n);
    expect(consented.n).toBeGreaterThan(10);
    for (const email of ['volunteer@zhulian.demo', 'auditor@zhulian.demo', 'admin@zhulian.demo', 'ngo2@zhulian.demo']) expect(await count(email)).toBe(0);
  });

  it('keeps ID numbers readable only through the vault', async () => {
    const caseworker = await app.login('caseworker@zhulian.demo');
    const res = await caseworker.gql<{ people: { edges: { node: { idNumber: string; birthDate: string } }[] } }>(`{ people(first: 5) { edges { node { idNumber birthDate } } } }`);
    for (const { node } of res.data!.people.edges) expect(node.idNumber.slice(6, 14)).toBe(node.birthDate.replace(/-/g, ''));
  });

  it('gives caseworker2@ the office’s people as masks and locks: the view of a colleague who registered no one', async () => {
    const second = await app.login('caseworker2@zhulian.demo');
    const res = await second.gql<{ people: { edges: { node: Record<string, unknown> }[] } }>(
      `{ people(first: 5) { edges { node { fullName birthYear idNumber phone address chronicIllness } } } }`);
    expect(res.data!.people.edges).toHaveLength(5);
    for (const { node } of res.data!.people.edges) {
      expect(node).toMatchObject({ fullName: expect.any(String), birthYear: expect.any(Number), address: null, chronicIllness: null });
      expect(node.idNumber).toMatch(/^\d{6}\*{11}[\dX]$/);
      if (node.phone !== null) expect(node.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });
});
