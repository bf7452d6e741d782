import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { CasesModule } from '../cases.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const CASE_FIELDS = `id status priority needs summary notes outcome outcomeNote version holdingOrganisationId
  person { id fullName phone } assignees { userId displayName organisationId endedAt } timeline { kind actorName assigneeName fromStatus toStatus outcome changed }`;
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${CASE_FIELDS} } }`;
const GET = `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
const STATUS = `mutation($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { id status version outcome } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { id version assignees { userId endedAt } } }`;

type CaseResult = Record<string, unknown> & { id: string; version: number; status: string };

describe('cases', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let caseworker: SignedIn;
  let personId: string;
  const open = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ openCase: CaseResult }>(OPEN, { input: { personId, needs: ['ELDERLY_CARE'], ...input } });
  const get = (session: SignedIn, id: string) => session.gql<{ case: CaseResult | null }>(GET, { id });
  const count = async (table: string) => (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    caseworker = await app.login('caseworker@zhulian.demo');
    personId = (await makePerson(coordinator, { fullName: '何淑珍', phone: '13677778888', birthDate: '1941-02-03', notes: '独居' })).id;
  });
  afterAll(() => app.close());

  it('lists the need taxonomy from the database', async () => {
    const res = await caseworker.gql<{ needCategories: { code: string; nameZh: string }[] }>(`{ needCategories { code nameZh } }`);
    expect(res.data!.needCategories).toHaveLength(12);
    expect(res.data!.needCategories[0]).toEqual({ code: 'BASIC_LIVING', nameZh: '生活救助' });
    // The circumstances the assistance brain reads (a carer in hospital or detained) come last.
    expect(res.data!.needCategories.slice(-2).map((n) => n.code)).toEqual(['HOSPITALISED', 'DETAINED']);
  });

  it('opens a case for the coordinator’s organisation, with its timeline', async () => {
    const res = await open(coordinator, { needs: ['ELDERLY_CARE', 'MEDICAL', 'ELDERLY_CARE'], priority: 'HIGH', summary: '独居老人，行动不便', notes: '每周探访' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.openCase).toMatchObject({
      status: 'OPEN', priority: 'HIGH', needs: ['ELDERLY_CARE', 'MEDICAL'], summary: '独居老人，行动不便', notes: '每周探访', version: 1,
      holdingOrganisationId: JIANWAI, person: { id: personId, fullName: '何淑珍', phone: '13677778888' }, assignees: [],
      timeline: [{ kind: 'OPENED', actorName: '陈红' }],
    });
  });

  it('numbers each case by its holder’s short name, the year in Beijing and a count, and finds it by part of its number', async () => {
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    const numbers: string[] = [];
    for (const need of ['MEDICAL', 'HOUSING']) {
      const res = await coordinator.gql<{ openCase: { caseNumber: string } }>(`mutation($input: OpenCaseInput!) { openCase(input: $input) { caseNumber } }`,
        { input: { personId, needs: [need] } });
      expect(res.errors).toBeUndefined();
      numbers.push(res.data!.openCase.caseNumber);
    }
    expect(numbers[0]).toMatch(new RegExp(`^建外-${year}-\\d{4}$`));
    expect(Number(numbers[1].slice(-4))).toBe(Number(numbers[0].slice(-4)) + 1);
    const find = async (session: SignedIn, caseNumber: string) => (await session.gql<{ cases: { edges: { node: { caseNumber: string } }[] } }>(
      `query($f: CaseFilter) { cases(first: 50, filter: $f) { edges { node { caseNumber } } } }`, { f: { caseNumber } })).data!.cases.edges.map((e) => e.node.caseNumber);
    expect(await find(coordinator, numbers[1].slice(3))).toEqual([numbers[1]]);
    expect(await find(coordinator, '%')).toEqual([]);
    // Another street office's coordinator finds none of them: numbers are searched among the cases one may see.
    const other = await app.loginNewMember(SANLITUN, Role.COORDINATOR);
    expect(await find(other, numbers[1])).toEqual([]);
  });

  it('refuses unknown needs, strangers’ people and other roles, creating nothing', async () => {
    const before = await count('cases');
    expect((await open(coordinator, { needs: ['ASTROLOGY'] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_NEED', field: 'input.needs' });
    expect((await open(coordinator, { needs: ['lower case'] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const other = await app.loginNewMember(SANLITUN, Role.COORDINATOR);
    expect((await open(other, {})).errors![0].extensions.code).toBe('NOT_FOUND');
    const staff = await app.loginNewMember(JIANWAI, Role.STAFF);
    expect((await open(staff, {})).errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await count('cases')).toBe(before);
  });

  it('opens a case once per idempotency key, even when the retry races the first request', async () => {
    const before = await count('cases');
    const key = 'retry-0001-abcdef';
    const [a, b] = await Promise.all([open(coordinator, { idempotencyKey: key }), open(coordinator, { idempotencyKey: key })]);
    const again = await open(coordinator, { idempotencyKey: key });
    expect(new Set([a.data!.openCase.id, b.data!.openCase.id, again.data!.openCase.id]).size).toBe(1);
    expect(await count('cases')).toBe(before + 1);
  });

  it('gives an assigned caseworker the person’s data and the case’s notes, and takes them back on unassignment', async () => {
    const created = (await open(coordinator, { notes: '需要上门评估' })).data!.openCase;
    const colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const person = `query($id: ID!) { person(id: $id) { fullName phone birthDate } }`;
    expect((await colleague.gql(person, { id: personId })).data).toEqual({ person: { fullName: '何淑珍', phone: '136****8888', birthDate: null } });
    expect((await get(colleague, created.id)).data!.case).toMatchObject({ status: 'OPEN', notes: null });

    const assigned = await coordinator.gql(ASSIGN, { input: { caseId: created.id, userId: colleague.userId } });
    expect(assigned.errors).toBeUndefined();
    expect((await colleague.gql(person, { id: personId })).data).toEqual({ person: { fullName: '何淑珍', phone: '13677778888', birthDate: '1941-02-03' } });
    expect((await get(colleague, created.id)).data!.case).toMatchObject({ notes: '需要上门评估' });
    const mine = await colleague.gql<{ cases: { edges: { node: { id: string } }[] } }>(`{ cases(filter: { assignedToMe: true }) { edges { node { id } } } }`);
    expect(mine.data!.cases.edges.map((e) => e.node.id)).toEqual([created.id]);
    // The coordinator's worklist of cases nobody works: the case left it when assigned, and comes back when unassigned below.
    const UNASSIGNED = `{ cases(first: 100, filter: { unassigned: true }) { edges { node { id } } } casesCount(filter: { unassigned: true }) }`;
    const unassignedIds = async () => {
      const res = await coordinator.gql<{ cases: { edges: { node: { id: string } }[] }; casesCount: number }>(UNASSIGNED);
      expect(res.data!.casesCount).toBe(res.data!.cases.edges.length);
      return res.data!.cases.edges.map((e) => e.node.id);
    };
    expect(await unassignedIds()).not.toContain(created.id);

    const again = await coordinator.gql(ASSIGN, { input: { caseId: created.id, userId: colleague.userId } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ASSIGNED' });
    const unassigned = await coordinator.gql(`mutation($input: UnassignCaseInput!) { unassignCase(input: $input) { id } }`, { input: { caseId: created.id, userId: colleague.userId } });
    expect(unassigned.errors).toBeUndefined();
    expect(await unassignedIds()).toContain(created.id);
    expect((await colleague.gql(person, { id: personId })).data).toEqual({ person: { fullName: '何淑珍', phone: '136****8888', birthDate: null } });
    const timeline = (await get(coordinator, created.id)).data!.case!.timeline as { kind: string; assigneeName: string | null }[];
    expect(timeline.map((e) => e.kind)).toEqual(['OPENED', 'ASSIGNED', 'UNASSIGNED']);
  });

  it('assigns a caseworker of another organisation only with the person’s consent for case management, who then sees the consented categories', async () => {
    const created = (await open(coordinator, { notes: '由养老机构跟进' })).data!.openCase;
    const ngoWorker = await app.loginNewMember(ELDERLY_NGO, Role.CASEWORKER);
    const refused = await coordinator.gql(ASSIGN, { input: { caseId: created.id, userId: ngoWorker.userId } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'case_notes'], purpose: 'CASE_MANAGEMENT' });
    const assignable = await coordinator.gql<{ assignableCaseworkers: { userId: string }[] }>(
      `query($id: ID!) { assignableCaseworkers(caseId: $id) { userId displayName organisationName } }`, { id: created.id });
    expect(assignable.data!.assignableCaseworkers.map((c) => c.userId)).toContain(ngoWorker.userId);
    expect((await coordinator.gql(ASSIGN, { input: { caseId: created.id, userId: ngoWorker.userId } })).errors).toBeUndefined();
    const seen = await get(ngoWorker, created.id);
    expect(seen.data!.case).toMatchObject({ notes: '由养老机构跟进', person: { fullName: '何淑珍', phone: null } });
    // The NGO caseworker may not change who works the case.
    const other = await app.loginNewMember(ELDERLY_NGO, Role.CASEWORKER);
    const grab = await ngoWorker.gql(ASSIGN, { input: { caseId: created.id, userId: other.userId } });
    expect(grab.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ASSIGN_NOT_ALLOWED' });
  });

  describe('status moves', () => {
    const ALL = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED'];
    const ALLOWED: Record<string, string[]> = { OPEN: ['IN_PROGRESS', 'ON_HOLD', 'CLOSED'], IN_PROGRESS: ['ON_HOLD', 'CLOSED'], ON_HOLD: ['IN_PROGRESS', 'CLOSED'], CLOSED: ['OPEN'] };
    /** A case in the given status, by the shortest allowed path. */
    const caseIn = async (status: string): Promise<CaseResult> => {
      let current = (await open(coordinator, {})).data!.openCase;
      const path = { OPEN: [], IN_PROGRESS: ['IN_PROGRESS'], ON_HOLD: ['ON_HOLD'], CLOSED: ['CLOSED'] }[status]!;
      for (const next of path) {
        const res = await coordinator.gql<{ setCaseStatus: CaseResult }>(STATUS, { input: { caseId: current.id, version: current.version, status: next,
          ...(next === 'CLOSED' ? { outcome: 'NEEDS_MET' } : {}) } });
        current = res.data!.setCaseStatus;
      }
      return current;
    };
    const cases = ALL.flatMap((from) => ALL.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })));

    it.each(cases)('$from → $to: allowed $allowed', async ({ from, to, allowed }) => {
      const current = await caseIn(from);
      const res = await coordinator.gql<{ setCaseStatus: CaseResult }>(STATUS, { input: { caseId: current.id, version: current.version, status: to,
        ...(to === 'CLOSED' ? { outcome: 'PARTLY_MET', outcomeNote: '已转介养老机构' } : {}) } });
      if (allowed) {
        expect(res.errors).toBeUndefined();
        expect(res.data!.setCaseStatus).toMatchObject({ status: to, version: current.version + 1, outcome: to === 'CLOSED' ? 'PARTLY_MET' : null });
      } else {
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: from === to ? 'SAME_STATUS' : 'STATUS_MOVE_NOT_ALLOWED' });
        expect((await get(coordinator, current.id)).data!.case).toMatchObject({ status: from, version: current.version });
      }
    });

    it('needs an outcome to close, the version last read, and a coordinator to reopen', async () => {
      const current = await caseIn('IN_PROGRESS');
      const noOutcome = await coordinator.gql(STATUS, { input: { caseId: current.id, version: current.version, status: 'CLOSED' } });
      expect(noOutcome.errors![0].extensions).toMatchObject({ reason: 'OUTCOME_REQUIRED', field: 'input.outcome' });
      const stale = await coordinator.gql(STATUS, { input: { caseId: current.id, version: current.version - 1, status: 'ON_HOLD' } });
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });

      const registered = await makePerson(caseworker, { fullName: '丁桂英' });
      // The caseworker registered the person and opened the case, so works it.
      const own = (await open(caseworker, { personId: registered.id })).data!.openCase;
      const closed = await caseworker.gql<{ setCaseStatus: CaseResult }>(STATUS, { input: { caseId: own.id, version: own.version, status: 'CLOSED', outcome: 'NEEDS_MET' } });
      expect(closed.errors).toBeUndefined();
      const reopen = await caseworker.gql(STATUS, { input: { caseId: own.id, version: closed.data!.setCaseStatus.version, status: 'OPEN' } });
      expect(reopen.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REOPEN_NOT_ALLOWED' });
    });
  });

  it('moves a merged duplicate’s cases to the record that stays', async () => {
    const duplicateId = (await makePerson(coordinator, { fullName: '何淑珍' })).id;
    const created = await makeCase(coordinator, duplicateId, { needs: ['MEDICAL'] });
    const merged = await coordinator.gql(`mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`,
      { input: { survivorId: personId, duplicateId, reason: '重复登记的同一人' } });
    expect(merged.errors).toBeUndefined();
    expect((await get(coordinator, created.id)).data!.case).toMatchObject({ person: { id: personId } });
  });

  it('shows the holder’s staff the basics only, and volunteers and other organisations nothing', async () => {
    const created = (await open(coordinator, { summary: '需心理疏导' })).data!.openCase;
    const staff = await app.loginNewMember(JIANWAI, Role.STAFF);
    const seen = await get(staff, created.id);
    expect(seen.data!.case).toMatchObject({ status: 'OPEN', needs: ['ELDERLY_CARE'], summary: null, notes: null, person: { fullName: '何淑珍', phone: null } });
    for (const [organisationId, role] of [[JIANWAI, Role.VOLUNTEER], [SANLITUN, Role.COORDINATOR], [JIANWAI, Role.AUDITOR]] as const) {
      const viewer = await app.loginNewMember(organisationId, role);
      expect((await get(viewer, created.id)).errors![0].extensions.code).toBe('NOT_FOUND');
      const list = await viewer.gql<{ casesCount: number }>(`{ casesCount }`);
      expect(list.data!.casesCount).toBe(0);
    }
  });
});
