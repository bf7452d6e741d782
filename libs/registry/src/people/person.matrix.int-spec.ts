import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { regionName, Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeConsent, makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { parse } from 'csv-parse/sync';
import { PEOPLE_EXPORT_COLUMNS } from '../export/people-export';
import { Household } from '../households/household.type';
import { RegistryModule } from '../registry.module';
import { Person } from './person.type';

/**
 * The access matrix, generated from the metadata: every viewer × every declared field of Person and
 * Household × every path that returns them (look-up, list, count, nested through the household and
 * its members, search and sort arguments, export, mutation result, a realtime event's payload). A new field gets its expectation from its category, so it is
 * covered the day it is declared; a field without a declaration fails the checks at the end.
 */
type Seen = 'value' | 'masked' | 'null';
type Expectation = { hidden: true } | { hidden: false; see: (category: FieldCategory, field: string) => Seen };

const HOLDER = '0193a000-0000-7000-8000-000000000002'; // 建外街道办事处
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';
const MASKABLE = new Set(['phone', 'idNumber']);

const all = (): Seen => 'value';
const onlyCategories = (...categories: FieldCategory[]) => (category: FieldCategory): Seen => (categories.includes(category) ? 'value' : 'null');

const VIEWERS: Record<string, { org: 'holder' | 'elderlyNgo' | 'familyNgo' | 'other'; role: Role; expect: Expectation }> = {
  'the registering caseworker': { org: 'holder', role: Role.CASEWORKER, expect: { hidden: false, see: all } },
  'a coordinator of the holder': { org: 'holder', role: Role.COORDINATOR, expect: { hidden: false, see: all } },
  'another caseworker of the holder': {
    org: 'holder', role: Role.CASEWORKER,
    expect: { hidden: false, see: (c, f) => (c === 'basic' ? 'value' : MASKABLE.has(f) ? 'masked' : 'null') },
  },
  'staff of the holder': { org: 'holder', role: Role.STAFF, expect: { hidden: false, see: onlyCategories('basic') } },
  'the holder’s org admin': { org: 'holder', role: Role.ORG_ADMIN, expect: { hidden: false, see: onlyCategories('basic') } },
  'a volunteer of the holder': { org: 'holder', role: Role.VOLUNTEER, expect: { hidden: true } },
  'an auditor of the holder': { org: 'holder', role: Role.AUDITOR, expect: { hidden: true } },
  'a platform admin of the holder': { org: 'holder', role: Role.PLATFORM_ADMIN, expect: { hidden: true } },
  'NGO staff with consent to basic and contact': { org: 'elderlyNgo', role: Role.STAFF, expect: { hidden: false, see: onlyCategories('basic', 'contact') } },
  'NGO staff with separate health and financial consents': {
    org: 'familyNgo', role: Role.STAFF, expect: { hidden: false, see: onlyCategories('basic', 'health', 'financial') },
  },
  'an NGO volunteer despite a consent to the NGO': { org: 'elderlyNgo', role: Role.VOLUNTEER, expect: { hidden: true } },
  'staff of an organisation without consent': { org: 'other', role: Role.STAFF, expect: { hidden: true } },
};

/** A value for every declared field; a field added without one here fails "has a fixture value". */
const FIXTURE: Record<string, unknown> = {
  fullName: '赵淑芬', gender: 'FEMALE', birthYear: 1952, birthDate: '1952-03-08', idDocumentType: 'RESIDENT_ID', idNumber: '110105195203080027',
  phone: '13611112222', address: '朝阳区建外街道永安里 5 号', regionCode: '110105', disability: '视力二级', chronicIllness: '糖尿病',
  monthlyIncomeCents: 150000, assistance: ['DIBAO', 'MEDICAL'], notes: '每周需上门探访', holdingOrganisationId: HOLDER,
  relationToHead: 'HEAD',
};
/** The household the person founds when registered, and what each of its fields holds. */
const HOUSEHOLD_FIXTURE: Record<string, unknown> = { regionCode: '110105', address: '朝阳区建外街道永安里 5 号', monthlyIncomeCents: 320000 };
/** Fields that lead to another protected record: checked on the nested paths below. */
const RELATIONS = new Set(['household', 'members']);
/** How each field's value reads in the CSV export. */
const exported = (field: string, value: unknown) =>
  value === null ? '' : field === 'monthlyIncomeCents' ? (Number(value) / 100).toFixed(2) : field === 'regionCode' ? `${regionName(String(value))} (${String(value)})`
    : Array.isArray(value) ? value.join('、') : String(value);
const MASKED: Record<string, string> = { phone: '136****2222', idNumber: '110105***********7' };

const declaredFields = (type: Parameters<typeof sensitiveFieldsOf>[0]) =>
  [...sensitiveFieldsOf(type)].filter(([field, d]) => d.category !== 'none' && !RELATIONS.has(field)).map(([field, d]) => ({ field, category: d.category }));
const FIELDS = declaredFields(Person);
const HOUSEHOLD_FIELDS = declaredFields(Household);
const SELECTION = `id ${FIELDS.map((f) => f.field).join(' ')}`;
const HOUSEHOLD_SELECTION = `id ${HOUSEHOLD_FIELDS.map((f) => f.field).join(' ')} members { ${SELECTION} }`;
/** The search arguments, the field each needs to be readable, and the fixture's value for it. */
const SEARCHES = [
  { argument: 'name', field: 'fullName', value: '赵淑芬' },
  { argument: 'idNumber', field: 'idNumber', value: '110105195203080027' },
  { argument: 'phone', field: 'phone', value: '13611112222' },
];

describe('the access matrix for Person', () => {
  let app: TestApp;
  let registrar: SignedIn;
  let personId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    registrar = await app.loginNewMember(HOLDER, Role.CASEWORKER);
    const { holdingOrganisationId: _h, birthYear: _y, relationToHead: _r, ...input } = FIXTURE;
    const res = await registrar.gql<{ registerPerson: { id: string } }>(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { ...input, newHousehold: { monthlyIncomeCents: HOUSEHOLD_FIXTURE.monthlyIncomeCents } } });
    expect(res.errors).toBeUndefined();
    personId = res.data!.registerPerson.id;
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (name === 'the registering caseworker') {
        sessions.set(name, registrar);
        continue;
      }
      const organisationId = { holder: HOLDER, elderlyNgo: ELDERLY_NGO, familyNgo: FAMILY_NGO, other: other.id }[viewer.org];
      sessions.set(name, await app.loginNewMember(organisationId, viewer.role));
    }
    const consents: [string, string[]][] = [[ELDERLY_NGO, ['basic', 'contact']], [FAMILY_NGO, ['basic', 'health']], [FAMILY_NGO, ['financial']]];
    for (const [recipientOrganisationId, categories] of consents) {
      await makeConsent(registrar, { personId, recipientOrganisationId, categories, purpose: 'SERVICE_DELIVERY' });
    }
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field, and an export column for every field of a person', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
    for (const { field } of HOUSEHOLD_FIELDS) expect([field, HOUSEHOLD_FIXTURE[field] !== undefined]).toEqual([field, true]);
    expect(PEOPLE_EXPORT_COLUMNS.map((c) => c.field).sort()).toEqual(['id', ...FIELDS.map((f) => f.field)].sort());
  });

  const expected = (viewer: string, field: string, category: FieldCategory, fixture = FIXTURE) => {
    const e = VIEWERS[viewer].expect;
    if (e.hidden) return undefined;
    const seen = e.see(category, field);
    return seen === 'value' ? fixture[field] : seen === 'masked' ? MASKED[field] : null;
  };
  const expectPerson = (viewer: string, person: Record<string, unknown>) => {
    for (const { field, category } of FIELDS) expect([field, person[field]]).toEqual([field, expected(viewer, field, category)]);
  };
  const deniedPaths = (extensions: Record<string, unknown> | undefined) =>
    ((extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path);

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('person(id): sees exactly the allowed value, mask or null of every field', async () => {
      const res = await sessions.get(viewer)!.gql<{ person: Record<string, unknown> | null }>(`query($id: ID!) { person(id: $id) { ${SELECTION} } }`, { id: personId });
      if (VIEWERS[viewer].expect.hidden) {
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
        return;
      }
      expectPerson(viewer, res.data!.person!);
      const denied = deniedPaths(res.extensions).map((path) => path.replace('person.', ''));
      expect(denied.sort()).toEqual(FIELDS.filter(({ field, category }) => expected(viewer, field, category) === null).map((f) => f.field).sort());
    });

    it('a realtime event about the person: its payload is their own read of them, no more', async () => {
      const { view, direct } = await app.eventPayload(sessions.get(viewer)!, undefined, 'Person', personId);
      if (VIEWERS[viewer].expect.hidden) {
        expect(view).toEqual({ data: null, denied: [] });
        expect(direct.code).toBe('NOT_FOUND');
        return;
      }
      for (const { field, category } of FIELDS) {
        if (field in view.data!) expect([field, view.data![field]]).toEqual([field, expected(viewer, field, category)]);
      }
      expect(view.data).toEqual(direct.data);
      expect(view.denied).toEqual(direct.denied);
    });

    it('people list and count: the same, and counted only when visible', async () => {
      const res = await sessions.get(viewer)!.gql<{ people: { edges: { node: Record<string, unknown> }[] }; peopleCount: number }>(
        `{ people(first: 100) { edges { node { ${SELECTION} } } } peopleCount }`);
      expect(res.errors).toBeUndefined();
      const node = res.data!.people.edges.map((e) => e.node).find((n) => n.id === personId);
      if (VIEWERS[viewer].expect.hidden) {
        expect(node).toBeUndefined();
        return;
      }
      expect(res.data!.peopleCount).toBe(res.data!.people.edges.length);
      expectPerson(viewer, node!);
    });

    it('nested: the person’s household, its fields, and its members in a list, each checked again', async () => {
      const res = await sessions.get(viewer)!.gql<{ person: { household: Record<string, unknown> | null } | null }>(
        `query($id: ID!) { person(id: $id) { id household { ${HOUSEHOLD_SELECTION} } } }`, { id: personId });
      if (VIEWERS[viewer].expect.hidden) {
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
        return;
      }
      const household = res.data!.person!.household!;
      for (const { field, category } of HOUSEHOLD_FIELDS) {
        expect([field, household[field]]).toEqual([field, expected(viewer, field, category, HOUSEHOLD_FIXTURE)]);
      }
      const members = household.members as Record<string, unknown>[];
      expect(members.map((m) => m.id)).toEqual([personId]);
      expectPerson(viewer, members[0]);
      const direct = await sessions.get(viewer)!.gql<{ household: Record<string, unknown> }>(
        `query($id: ID!) { household(id: $id) { ${HOUSEHOLD_SELECTION} } }`, { id: household.id });
      expect(direct.data!.household).toEqual(household);
      expect(deniedPaths(direct.extensions).sort()).toEqual([
        ...HOUSEHOLD_FIELDS.filter(({ field, category }) => expected(viewer, field, category, HOUSEHOLD_FIXTURE) === null).map((f) => `household.${f.field}`),
        ...FIELDS.filter(({ field, category }) => expected(viewer, field, category) === null).map((f) => `household.members.0.${f.field}`),
      ].sort());
    });

    it.each(SEARCHES)('search by $argument: matches only where the field is readable, refused when it never is', async ({ argument, field, value }) => {
      const res = await sessions.get(viewer)!.gql<{ people: { edges: { node: { id: string } }[] }; peopleCount: number }>(
        `query($search: PeopleSearch) { people(first: 100, search: $search) { edges { node { id } } } peopleCount(search: $search) }`,
        { search: { [argument]: value } });
      const category = FIELDS.find((f) => f.field === field)!.category;
      const readable = expected(viewer, field, category) === value;
      if (res.errors) {
        expect(readable).toBe(false);
        expect(new Set(res.errors.map((e) => e.extensions.code))).toEqual(new Set(['FORBIDDEN']));
        return;
      }
      expect(res.data!.people.edges.some((e) => e.node.id === personId)).toBe(readable);
      expect(res.data!.peopleCount).toBe(res.data!.people.edges.length);
    });

    it('sorted by name: listed only where the name is readable, refused when no name ever is', async () => {
      const res = await sessions.get(viewer)!.gql<{ people: { edges: { node: { id: string; fullName: string } }[] } }>(
        `{ people(first: 100, orderBy: NAME) { edges { node { id fullName } } } }`);
      const readable = expected(viewer, 'fullName', 'basic') === FIXTURE.fullName;
      if (res.errors) {
        expect([readable, res.errors[0].extensions.code]).toEqual([false, 'FORBIDDEN']);
        return;
      }
      const names = res.data!.people.edges.map((e) => e.node.fullName);
      expect(names).toEqual([...names].sort());
      expect(res.data!.people.edges.some((e) => e.node.id === personId)).toBe(readable);
    });

    it('export: the same values, masks and blanks in the CSV, each exported field audited as an export', async () => {
      const session = sessions.get(viewer)!;
      const res = await session.gql<{ exportPeople: { csv: string; rows: number } }>(
        `mutation { exportPeople(language: EN, purpose: "年度回访名单", includeIdentity: true, identityReason: "核对低保名单需要完整身份证号") { csv rows } }`);
      if (res.errors) {
        expect([VIEWERS[viewer].expect.hidden, res.errors[0].extensions.code]).toEqual([true, 'FORBIDDEN']);
        return;
      }
      const [header, ...rows] = parse(res.data!.exportPeople.csv, { bom: true }) as string[][];
      expect(header).toEqual(PEOPLE_EXPORT_COLUMNS.map((c) => c.en));
      expect(rows).toHaveLength(res.data!.exportPeople.rows);
      const row = rows.find((r) => r[0] === personId);
      if (VIEWERS[viewer].expect.hidden) {
        expect(row).toBeUndefined();
        return;
      }
      const cells = Object.fromEntries(PEOPLE_EXPORT_COLUMNS.map((c, i) => [c.field, row![i]]));
      for (const { field, category } of FIELDS) expect([field, cells[field]]).toEqual([field, exported(field, expected(viewer, field, category) ?? null)]);
      // Recorded as the export's events (one per set of fields that left together), each listing the people it carried.
      const [audited]: { fields: string[] | null }[] = await app.db.query(
        `SELECT array_agg(DISTINCT f ORDER BY f) AS fields FROM audit_events, unnest(fields) AS f
          WHERE action = 'EXPORT' AND $1 = ANY(subject_ids) AND actor_user_id = $2`, [personId, session.userId]);
      const values = FIELDS.filter(({ field, category }) => expected(viewer, field, category) === FIXTURE[field]).map((f) => f.field);
      expect(audited.fields ?? []).toEqual(values.sort());
    });
  });

  it('writes the Chinese words for coded values in a Chinese export', async () => {
    const res = await registrar.gql<{ exportPeople: { csv: string } }>(`mutation { exportPeople(language: ZH_CN, purpose: "走访名单", includeIdentity: true, identityReason: "核对证件类型与户籍登记是否一致") { csv } }`);
    const [header, ...rows] = parse(res.data!.exportPeople.csv, { bom: true }) as string[][];
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === personId)![i]]));
    expect(row).toMatchObject({ 所在地区: '朝阳区 (110105)', 性别: '女', 证件类型: '居民身份证', 与户主关系: '户主', 已享救助: '低保、医疗救助', '月收入（元）': '1500.00' });
  });

  it('answers a mutation with the same field checks (the registrar sees what they entered)', async () => {
    const res = await registrar.gql<{ registerPerson: Record<string, unknown> }>(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { ${SELECTION} } }`,
      { input: { fullName: '钱多多', regionCode: '110105', phone: '13700001111', notes: '测试' } });
    expect(res.data!.registerPerson).toMatchObject({ fullName: '钱多多', phone: '13700001111', notes: '测试' });
  });
});
