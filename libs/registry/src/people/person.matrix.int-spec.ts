import { GraphQLSchemaHost } from '@nestjs/graphql';
import { FieldCategory, protectedTypeNamed, sensitiveFieldsOf } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeOrganisation, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { GraphQLObjectType, isObjectType } from 'graphql';
import { RegistryModule } from '../registry.module';
import { Person } from './person.type';

/**
 * The access matrix, generated from the metadata: every viewer × every declared field of Person ×
 * every path that returns a person. A new field gets its expectation from its category, so it is
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
};
const MASKED: Record<string, string> = { phone: '136****2222', idNumber: '110105********0027' };

const FIELDS = [...sensitiveFieldsOf(Person)].filter(([, d]) => d.category !== 'none').map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `id ${FIELDS.map((f) => f.field).join(' ')}`;

describe('the access matrix for Person', () => {
  let app: TestApp;
  let registrar: SignedIn;
  let personId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    const registrarUser = await makeUser(app.db, { memberships: [{ organisationId: HOLDER, role: Role.CASEWORKER }] });
    registrar = await app.login(registrarUser.email, registrarUser.password);
    const { holdingOrganisationId: _h, birthYear: _y, ...input } = FIXTURE;
    const res = await registrar.gql<{ registerPerson: { id: string } }>(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, { input });
    expect(res.errors).toBeUndefined();
    personId = res.data!.registerPerson.id;
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (name === 'the registering caseworker') {
        sessions.set(name, registrar);
        continue;
      }
      const organisationId = { holder: HOLDER, elderlyNgo: ELDERLY_NGO, familyNgo: FAMILY_NGO, other: other.id }[viewer.org];
      const user = await makeUser(app.db, { memberships: [{ organisationId, role: viewer.role }] });
      sessions.set(name, await app.login(user.email, user.password));
    }
    const consents: [string, string[]][] = [[ELDERLY_NGO, ['basic', 'contact']], [FAMILY_NGO, ['basic', 'health']], [FAMILY_NGO, ['financial']]];
    for (const [recipientOrganisationId, categories] of consents) {
      const consent = await registrar.gql(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        input: { personId, recipientOrganisationId, categories, purpose: 'SERVICE_DELIVERY', givenBy: 'SELF' },
      });
      expect(consent.errors).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
  });

  const expected = (viewer: string, field: string, category: FieldCategory) => {
    const e = VIEWERS[viewer].expect;
    if (e.hidden) return undefined;
    const seen = e.see(category, field);
    return seen === 'value' ? FIXTURE[field] : seen === 'masked' ? MASKED[field] : null;
  };

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('person(id): sees exactly the allowed value, mask or null of every field', async () => {
      const res = await sessions.get(viewer)!.gql<{ person: Record<string, unknown> | null }>(`query($id: ID!) { person(id: $id) { ${SELECTION} } }`, { id: personId });
      if (VIEWERS[viewer].expect.hidden) {
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
        return;
      }
      for (const { field, category } of FIELDS) expect([field, res.data!.person![field]]).toEqual([field, expected(viewer, field, category)]);
      const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path.replace('person.', ''));
      expect(denied.sort()).toEqual(FIELDS.filter(({ field, category }) => expected(viewer, field, category) === null).map((f) => f.field).sort());
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
      for (const { field, category } of FIELDS) expect([field, node![field]]).toEqual([field, expected(viewer, field, category)]);
    });
  });

  it('answers a mutation with the same field checks (the registrar sees what they entered)', async () => {
    const res = await registrar.gql<{ registerPerson: Record<string, unknown> }>(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { ${SELECTION} } }`,
      { input: { fullName: '钱多多', regionCode: '110105', phone: '13700001111', notes: '测试' } });
    expect(res.data!.registerPerson).toMatchObject({ fullName: '钱多多', phone: '13700001111', notes: '测试' });
  });

  it('declares every field of every protected GraphQL type, and no personal-looking field escapes protection', () => {
    const { schema } = app.app.get(GraphQLSchemaHost);
    const PERSONAL = /phone|address|idnumber|birth|income|disab|illness|notes|health|assistance|guardian/i;
    // Output fields that look personal but are not a person-in-need's data under these rules, and why.
    // (Input types carry what the client sends; only what the API answers can leak.)
    const ALLOWED: Record<string, string> = {
      'User.phone': 'a staff member’s own phone, resolved for themself only',
    };
    const unprotected: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      const declared = protectedTypeNamed(type.name);
      for (const field of Object.keys((type as GraphQLObjectType).getFields())) {
        if (declared) {
          expect([`${type.name}.${field}`, sensitiveFieldsOf(declared).has(field)]).toEqual([`${type.name}.${field}`, true]);
        } else if (PERSONAL.test(field) && !ALLOWED[`${type.name}.${field}`]) {
          unprotected.push(`${type.name}.${field}`);
        }
      }
    }
    expect(unprotected).toEqual([]);
  });
});
