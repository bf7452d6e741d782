import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makeOrganisation, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { CasesModule } from '../cases.module';
import { CaseAttachment } from '../attachments/case-attachment.type';
import { CaseNote } from '../notes/case-note.type';
import { Case } from './case.type';

/**
 * The access matrix for Case, generated from its declarations: every viewer × every declared field ×
 * every path (look-up, list and count, filtered list, mutation result, a realtime event's payload). A new field gets its
 * expectation from its category and needs a fixture value, so it is covered the day it is declared. The case's
 * note entries and files are protected types of their own: every declared field of each, on every path, for
 * the entries and files each viewer may read (a holder-only note and an ID document beside the team's).
 */
const HOLDER = '0193a000-0000-7000-8000-000000000002';
const NGO = '0193a000-0000-7000-8000-000000000004';

type NoteKey = 'team' | 'holder';
type FileKey = 'consent' | 'id';
type Viewer = { org: 'holder' | 'ngo' | 'other'; role: Role; assigned?: boolean; sees: FieldCategory[] | 'hidden'; notes?: NoteKey[]; files?: FileKey[] };
const VIEWERS: Record<string, Viewer> = {
  'the holder’s coordinator': { org: 'holder', role: Role.COORDINATOR, sees: ['basic', 'case_notes'], notes: ['team', 'holder'], files: ['consent', 'id'] },
  'an assigned caseworker of the holder': { org: 'holder', role: Role.CASEWORKER, assigned: true, sees: ['basic', 'case_notes'], notes: ['team', 'holder'], files: ['consent', 'id'] },
  'another caseworker of the holder': { org: 'holder', role: Role.CASEWORKER, sees: ['basic'] },
  'staff of the holder': { org: 'holder', role: Role.STAFF, sees: ['basic'] },
  'the holder’s org admin': { org: 'holder', role: Role.ORG_ADMIN, sees: ['basic'] },
  'a volunteer of the holder': { org: 'holder', role: Role.VOLUNTEER, sees: 'hidden' },
  'an auditor of the holder': { org: 'holder', role: Role.AUDITOR, sees: 'hidden' },
  'a platform admin of the holder': { org: 'holder', role: Role.PLATFORM_ADMIN, sees: 'hidden' },
  'an assigned NGO caseworker, with consent to case notes': { org: 'ngo', role: Role.CASEWORKER, assigned: true, sees: ['basic', 'case_notes'], notes: ['team'], files: ['consent'] },
  'an NGO caseworker not assigned, despite the consent': { org: 'ngo', role: Role.CASEWORKER, sees: 'hidden' },
  'a coordinator of another organisation': { org: 'other', role: Role.COORDINATOR, sees: 'hidden' },
};

/** The entries and files of the case, in the order written; every declared field of each needs a value here. */
const NOTE_FIXTURES: Record<NoteKey, Record<string, unknown>> = {
  team: { body: '女儿每月探望一次', visibility: 'CASE_TEAM', migrated: false, correctsId: null, correctedById: null },
  holder: { body: '家属间有矛盾，仅限本机构知悉', visibility: 'HOLDER', migrated: false, correctsId: null, correctedById: null },
};
const FILE_FIXTURES: Record<FileKey, Record<string, unknown>> = {
  consent: { category: 'SIGNED_CONSENT', fileName: '知情同意书.pdf', contentType: 'application/pdf' },
  id: { category: 'ID_DOCUMENT', fileName: '身份证正面.png', contentType: 'image/png' },
};
const NOTE_FIELDS = [...sensitiveFieldsOf(CaseNote).keys()];
const FILE_FIELDS = [...sensitiveFieldsOf(CaseAttachment).keys()].filter((f) => f !== 'content');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const FIXTURE: Record<string, unknown> = {
  needs: ['ELDERLY_CARE', 'MEDICAL'], priority: 'HIGH', status: 'CLOSED', regionCode: '110105', summary: '独居老人，术后康复', notes: '女儿每月探望一次',
  outcome: 'NEEDS_MET', outcomeNote: '康复良好，已结案',
};
const RELATIONS = new Set(['person', 'assignees', 'timeline', 'noteEntries', 'attachments']);
const FIELDS = [...sensitiveFieldsOf(Case)].filter(([f, d]) => d.category !== 'none' && !RELATIONS.has(f)).map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `id ${FIELDS.map((f) => f.field).join(' ')} person { id } assignees { userId } timeline { kind }
  noteEntries { ${NOTE_FIELDS.join(' ')} } attachments { ${FILE_FIELDS.join(' ')} }`;

describe('the access matrix for Case', () => {
  let app: TestApp;
  let caseId: string;
  let personId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    const coordinator = await app.loginNewMember(HOLDER, Role.COORDINATOR);
    personId = (await makePerson(coordinator, { fullName: '秦桂兰', birthDate: '1945-07-07' })).id;
    await makeConsent(coordinator, { personId, recipientOrganisationId: NGO, categories: ['basic', 'case_notes'], purpose: 'CASE_MANAGEMENT' });
    const opened = await makeCase(coordinator, personId, { needs: FIXTURE.needs, priority: FIXTURE.priority, summary: FIXTURE.summary, notes: FIXTURE.notes });
    caseId = opened.id;
    let version = opened.version;
    const kept = await coordinator.gql(`mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: NOTE_FIXTURES.holder.body, visibility: 'HOLDER' } });
    expect(kept.errors).toBeUndefined();
    for (const [bytes, key] of [[PDF, 'consent'], [PNG, 'id']] as const) {
      const res = await fetch(`${app.url}/files/cases/${caseId}?${new URLSearchParams({ category: String(FILE_FIXTURES[key].category), name: String(FILE_FIXTURES[key].fileName) })}`,
        { method: 'POST', headers: { authorization: `Bearer ${coordinator.accessToken}` }, body: bytes });
      expect(res.status).toBe(201);
    }
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const organisationId = { holder: HOLDER, ngo: NGO, other: other.id }[viewer.org];
      if (name === 'the holder’s coordinator') {
        sessions.set(name, coordinator);
        continue;
      }
      const user = await app.loginNewMember(organisationId, viewer.role);
      sessions.set(name, user);
      if (viewer.assigned) {
        const res = await coordinator.gql<{ assignCase: { version: number } }>(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { version } }`,
          { input: { caseId, userId: user.userId } });
        expect(res.errors).toBeUndefined();
        version = res.data!.assignCase.version;
      }
    }
    const closed = await coordinator.gql(`mutation($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { id } }`, {
      input: { caseId, version, status: 'CLOSED', outcome: FIXTURE.outcome, outcomeNote: FIXTURE.outcomeNote } });
    expect(closed.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
  });

  const expected = (viewer: string, category: FieldCategory, field: string) => {
    const sees = VIEWERS[viewer].sees;
    if (sees === 'hidden' || !sees.includes(category)) return null;
    // The deprecated single text: the entries this viewer may read, joined.
    if (field === 'notes') return (VIEWERS[viewer].notes ?? []).map((k) => NOTE_FIXTURES[k].body).join('\n\n');
    return FIXTURE[field];
  };
  const expectCase = (viewer: string, found: Record<string, unknown>) => {
    for (const { field, category } of FIELDS) expect([field, found[field]]).toEqual([field, expected(viewer, category, field)]);
    expect(Array.isArray(found.timeline) && Array.isArray(found.assignees)).toBe(true);
    // Each entry and file the viewer may read, every declared field of it present; none they may not.
    const { notes, files } = VIEWERS[viewer];
    if (notes) {
      const entries = found.noteEntries as Record<string, unknown>[];
      expect(entries.map((n) => n.body)).toEqual(notes.map((k) => NOTE_FIXTURES[k].body));
      entries.forEach((entry, i) => {
        expect(entry).toMatchObject(NOTE_FIXTURES[notes[i]]);
        for (const field of NOTE_FIELDS) expect([field, entry[field] !== undefined && (entry[field] !== null || field.startsWith('correct'))]).toEqual([field, true]);
      });
    } else {
      expect(found.noteEntries).toBeNull();
    }
    const attachments = found.attachments as Record<string, unknown>[];
    expect(attachments.map((f) => f.fileName)).toEqual((files ?? []).map((k) => FILE_FIXTURES[k].fileName));
    attachments.forEach((file, i) => {
      expect(file).toMatchObject(FILE_FIXTURES[files![i]]);
      for (const field of FILE_FIELDS) expect([field, file[field] !== undefined && file[field] !== null]).toEqual([field, true]);
    });
  };

  it('has fixtures for every declared field of a note and of a file', () => {
    for (const field of NOTE_FIELDS.filter((f) => sensitiveFieldsOf(CaseNote).get(f)!.category !== 'none')) {
      expect([field, Object.values(NOTE_FIXTURES).every((n) => n[field] !== undefined)]).toEqual([field, true]);
    }
    for (const field of FILE_FIELDS.filter((f) => sensitiveFieldsOf(CaseAttachment).get(f)!.category !== 'none')) {
      expect([field, Object.values(FILE_FIXTURES).every((n) => n[field] !== undefined)]).toEqual([field, true]);
    }
  });

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    const hidden = VIEWERS[viewer].sees === 'hidden';

    it('case(id): exactly the allowed values, the rest null and named', async () => {
      const res = await sessions.get(viewer)!.gql<{ case: Record<string, unknown> }>(`query($id: ID!) { case(id: $id) { ${SELECTION} } }`, { id: caseId });
      if (hidden) {
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
        return;
      }
      expectCase(viewer, res.data!.case);
      const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path).filter((p) => !p.startsWith('case.person'));
      const withheld = FIELDS.filter(({ field, category }) => expected(viewer, category, field) === null).map((f) => `case.${f.field}`);
      if (!VIEWERS[viewer].notes) withheld.push('case.noteEntries');
      expect(denied.sort()).toEqual(withheld.sort());
    });

    it('a realtime event about the case: its payload is their own read of it, no more', async () => {
      const { view, direct } = await app.eventPayload(sessions.get(viewer)!, undefined, 'Case', caseId);
      if (hidden) {
        expect(view).toEqual({ data: null, denied: [] });
        expect(direct.code).toBe('NOT_FOUND');
        return;
      }
      for (const { field, category } of FIELDS) {
        if (field in view.data!) expect([field, view.data![field]]).toEqual([field, expected(viewer, category, field)]);
      }
      expect(view.data).toEqual(direct.data);
      expect(view.denied).toEqual(direct.denied);
    });

    it('cases list, filtered list and count: the same, counted only when visible', async () => {
      const res = await sessions.get(viewer)!.gql<{ all: { edges: { node: Record<string, unknown> }[] }; byPerson: { edges: unknown[] }; casesCount: number }>(
        `query($personId: ID) { all: cases(first: 20) { edges { node { ${SELECTION} } } }
           byPerson: cases(filter: { personId: $personId, status: [CLOSED], need: "MEDICAL" }) { edges { node { id } } } casesCount }`, { personId });
      expect(res.errors).toBeUndefined();
      const node = res.data!.all.edges.map((e) => e.node).find((n) => n.id === caseId);
      expect(res.data!.casesCount).toBe(res.data!.all.edges.length);
      expect(res.data!.byPerson.edges).toHaveLength(hidden ? 0 : 1);
      if (hidden) {
        expect(node).toBeUndefined();
        return;
      }
      expectCase(viewer, node!);
    });
  });

  it('answers mutations with the same field checks', async () => {
    const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { id notes summary person { id fullName } } }`;
    const coordinator = sessions.get('the holder’s coordinator')!;
    const mine = await coordinator.gql(OPEN, { input: { personId, needs: ['MEDICAL'], notes: '新案件', summary: '复诊' } });
    expect(mine.data).toMatchObject({ openCase: { notes: '新案件', summary: '复诊', person: { id: personId, fullName: '秦桂兰' } } });
    // A caseworker opening a case on a colleague's client is not assigned to it: they may not write notes they could not read…
    const staff = sessions.get('another caseworker of the holder')!;
    const refused = await staff.gql(OPEN, { input: { personId, needs: ['MEDICAL'], notes: '新案件' } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_WRITABLE', field: 'input.notes' });
    // …and the case they open answers with its basics, its notes withheld and named.
    const res = await staff.gql<{ openCase: Record<string, unknown> }>(OPEN, { input: { personId, needs: ['MEDICAL'] } });
    expect(res.data!.openCase).toMatchObject({ notes: null, summary: null, person: { id: personId, fullName: '秦桂兰' } });
    const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path);
    expect(denied).toEqual(expect.arrayContaining(['openCase.notes', 'openCase.summary']));
  });

  it('shows the case’s person nested, under the person’s own rules', async () => {
    const PERSON = `query($id: ID!) { case(id: $id) { person { id fullName birthDate } } }`;
    const expectations: Record<string, unknown> = {
      'the holder’s coordinator': { id: personId, fullName: '秦桂兰', birthDate: '1945-07-07' },
      // The assignment ended with the case (closed): the person's basics, as for any caseworker of the holder.
      'an assigned caseworker of the holder': { id: personId, fullName: '秦桂兰', birthDate: null },
      'another caseworker of the holder': { id: personId, fullName: '秦桂兰', birthDate: null },
      'staff of the holder': { id: personId, fullName: '秦桂兰', birthDate: null },
      // Consent to basic data and case notes: the name, not the date of birth.
      'an assigned NGO caseworker, with consent to case notes': { id: personId, fullName: '秦桂兰', birthDate: null },
    };
    for (const [viewer, person] of Object.entries(expectations)) {
      const res = await sessions.get(viewer)!.gql<{ case: { person: unknown } }>(PERSON, { id: caseId });
      expect([viewer, res.data!.case.person]).toEqual([viewer, person]);
    }
  });
});
