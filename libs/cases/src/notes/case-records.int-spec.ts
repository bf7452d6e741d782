import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { CasesModule } from '../cases.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';

const NOTES = `query($id: ID!) { case(id: $id) { id notes noteEntries { id body visibility authorName authorOrganisationName writtenAt correctsId correctedById migrated }
  attachments { id category fileName contentType sizeBytes uploadedByName } } }`;
const ADD = `mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id body visibility authorName authorOrganisationName correctsId } }`;

type Note = { id: string; body: string | null; visibility: string; authorName: string; authorOrganisationName: string; correctsId: string | null; correctedById: string | null };
type Attachment = { id: string; category: string; fileName: string | null; contentType: string; sizeBytes: number };
type CaseView = { id: string; notes: string | null; noteEntries: Note[] | null; attachments: Attachment[] | null };

/** The smallest files of each kind, as a scanner or a phone would make them (their first bytes are what counts). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('case notes and attachments', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let assigned: SignedIn;
  let colleague: SignedIn;
  let staff: SignedIn;
  let ngoWorker: SignedIn;
  let familyWorker: SignedIn;
  let outsider: SignedIn;
  let caseId: string;
  const view = async (session: SignedIn) => (await session.gql<{ case: CaseView | null }>(NOTES, { id: caseId }));
  const add = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ addCaseNote: Note }>(ADD, { input: { caseId, ...input } });
  const count = async (table: string) => (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const upload = (session: SignedIn, bytes: Buffer, query: Record<string, string>, forCase = caseId) =>
    fetch(`${app.url}/files/cases/${forCase}?${new URLSearchParams(query).toString()}`, {
      method: 'POST', headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/octet-stream' }, body: bytes });
  const download = (session: SignedIn, id: string) => fetch(`${app.url}/files/${id}`, { headers: { authorization: `Bearer ${session.accessToken}` } });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    [assigned, colleague, staff, ngoWorker, familyWorker, outsider] = await Promise.all([
      app.loginNewMember(JIANWAI, Role.CASEWORKER), app.loginNewMember(JIANWAI, Role.CASEWORKER), app.loginNewMember(JIANWAI, Role.STAFF),
      app.loginNewMember(ELDERLY_NGO, Role.CASEWORKER), app.loginNewMember(FAMILY_NGO, Role.CASEWORKER),
      app.loginNewMember('0193a000-0000-7000-8000-000000000003', Role.COORDINATOR)]);
    const personId = (await makePerson(coordinator, { fullName: '严桂芬', birthDate: '1940-03-03' })).id;
    const consent = (recipientOrganisationId: string, categories: string[]) =>
      makeConsent(coordinator, { personId, recipientOrganisationId, categories, purpose: 'CASE_MANAGEMENT', evidence: '知情同意书 N-1' });
    await consent(ELDERLY_NGO, ['basic', 'case_notes']);
    await consent(FAMILY_NGO, ['basic']);
    caseId = (await makeCase(coordinator, personId, { notes: '初次登记：独居，女儿在外地' })).id;
    for (const worker of [assigned, ngoWorker, familyWorker]) {
      const res = await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`, { input: { caseId, userId: worker.userId } });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  it('keeps what was written at opening as the first entry, signed and dated', async () => {
    const { data } = await view(coordinator);
    expect(data!.case!.noteEntries).toEqual([expect.objectContaining({ body: '初次登记：独居，女儿在外地', visibility: 'CASE_TEAM', authorOrganisationName: expect.stringContaining('建外'),
      correctsId: null, correctedById: null, migrated: false })]);
  });

  it('shows each entry to those it was written for: the holder’s only to the holder, the team’s also to a consented organisation', async () => {
    const kept = await add(coordinator, { body: '家属关系紧张，勿向外单位透露', visibility: 'HOLDER' });
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.addCaseNote).toMatchObject({ visibility: 'HOLDER', authorOrganisationName: expect.stringContaining('建外') });
    const shared = await add(assigned, { body: '已联系社区医生，每周二上门', visibility: 'CASE_TEAM' });
    expect(shared.errors).toBeUndefined();
    const bodies = async (session: SignedIn) => (await view(session)).data?.case?.noteEntries?.map((n) => n.body) ?? null;
    expect(await bodies(coordinator)).toEqual(['初次登记：独居，女儿在外地', '家属关系紧张，勿向外单位透露', '已联系社区医生，每周二上门']);
    expect(await bodies(assigned)).toEqual(['初次登记：独居，女儿在外地', '家属关系紧张，勿向外单位透露', '已联系社区医生，每周二上门']);
    // Another organisation's caseworker with the person's consent to case notes: the team's entries, never the holder's own.
    expect(await bodies(ngoWorker)).toEqual(['初次登记：独居，女儿在外地', '已联系社区医生，每周二上门']);
    // The deprecated single text says no more than the entries do.
    expect((await view(ngoWorker)).data!.case!.notes).toBe('初次登记：独居，女儿在外地\n\n已联系社区医生，每周二上门');
    // Without consent to case notes, a colleague not assigned, the holder's staff: the notes are withheld and named.
    for (const session of [familyWorker, colleague, staff]) {
      const res = await view(session);
      expect(res.data!.case!.noteEntries).toBeNull();
      expect((res.extensions?.access as { denied: { path: string }[] }).denied.map((d) => d.path)).toContain('case.noteEntries');
    }
    // Another organisation with no part in the case: no case at all.
    expect((await view(outsider)).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('lets nobody write what they could not read back, and stores nothing when it refuses', async () => {
    const before = await count('case_notes');
    const holderOnly = await add(ngoWorker, { body: '仅供本机构', visibility: 'HOLDER' });
    expect(holderOnly.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOTE_VISIBILITY_NOT_ALLOWED', field: 'input.visibility' });
    const noConsent = await add(familyWorker, { body: '家庭情况' });
    expect(noConsent.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_WRITABLE' });
    expect((await add(colleague, { body: '顺便记一下' })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CASE_CHANGE_NOT_ALLOWED' });
    expect((await add(outsider, { body: '外单位' })).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CASE_NOT_FOUND' });
    expect((await add(coordinator, { body: '   ' })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await count('case_notes')).toBe(before);
  });

  it('corrects an entry by a new one from its author, and keeps the earlier text', async () => {
    const wrong = (await add(ngoWorker, { body: '下次探访：周三' })).data!.addCaseNote;
    expect((await add(assigned, { body: '应为周四', correctsId: wrong.id })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOTE_NOT_YOURS' });
    const fixed = await add(ngoWorker, { body: '更正：下次探访为周四', correctsId: wrong.id });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.addCaseNote).toMatchObject({ correctsId: wrong.id, visibility: 'CASE_TEAM' });
    expect((await add(ngoWorker, { body: '再更正', correctsId: wrong.id })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTE_ALREADY_CORRECTED' });
    // A holder-only entry cannot be named by someone who may not read it: it does not exist for them.
    const hidden = (await view(coordinator)).data!.case!.noteEntries!.find((n) => n.visibility === 'HOLDER')!;
    expect((await add(ngoWorker, { body: 'x', correctsId: hidden.id })).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOTE_NOT_FOUND' });
    const entries = (await view(coordinator)).data!.case!.noteEntries!;
    expect(entries.find((n) => n.id === wrong.id)).toMatchObject({ body: '下次探访：周三', correctedById: fixed.data!.addCaseNote.id });
    // The database itself keeps entries as written.
    await expect(app.db.query(`UPDATE case_notes SET body = 'x' WHERE id = $1`, [wrong.id])).rejects.toThrow(/append-only/);
    await expect(app.db.query(`DELETE FROM case_notes WHERE id = $1`, [wrong.id])).rejects.toThrow(/append-only/);
  });

  it('records who read which note, on which grounds, and who wrote one', async () => {
    await app.auditLinked();
    const before = (await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'CaseNote' AND actor_user_id = $1`, [ngoWorker.userId]))[0].n;
    const [{ last }] = await app.db.query(`SELECT COALESCE(max(position), 0) AS last FROM audit_events`);
    const seen = (await view(ngoWorker)).data!.case!.noteEntries!;
    await app.auditLinked();
    // A page of notes read on the same grounds is one event listing them (subject_ids); one note alone, its own (subject_id).
    const reads: { subject_id: string | null; subject_ids: string[] | null; fields: string[]; grounds: Record<string, string> }[] = await app.db.query(
      `SELECT subject_id, subject_ids, fields, grounds FROM audit_events WHERE subject_type = 'CaseNote' AND action = 'READ' AND actor_user_id = $1 AND position > $2`,
      [ngoWorker.userId, last]);
    expect(new Set(reads.flatMap((r) => r.subject_ids ?? [r.subject_id]))).toEqual(new Set(seen.map((n) => n.id)));
    expect(reads.every((r) => r.fields.join() === 'body' && r.grounds.rule === 'consent' && !!r.grounds.consents)).toBe(true);
    expect(before).toBeGreaterThan(0);
    const [written] = await app.db.query(`SELECT fields, details FROM audit_events WHERE action = 'CHANGE' AND subject_id = $1 AND fields @> '{noteEntries}' ORDER BY position DESC LIMIT 1`, [caseId]);
    expect(written.details).toMatchObject({ visibility: 'CASE_TEAM' });
  });

  it('adds a text sent to the deprecated updateCase notes as a new entry instead of writing over the others', async () => {
    const before = (await view(coordinator)).data!.case!.noteEntries!.length;
    const res = await coordinator.gql(`mutation($input: UpdateCaseInput!) { updateCase(input: $input) { id } }`, { input: { caseId, version: 1, notes: '电话回访，情况稳定' } });
    expect(res.errors).toBeUndefined();
    const entries = (await view(coordinator)).data!.case!.noteEntries!;
    expect(entries).toHaveLength(before + 1);
    expect(entries[0].body).toBe('初次登记：独居，女儿在外地');
    expect(entries.at(-1)).toMatchObject({ body: '电话回访，情况稳定', visibility: 'CASE_TEAM' });
  });

  describe('attachments', () => {
    it('keeps a signed consent form, lists it for those who may read it, and hands it back as a download', async () => {
      const res = await upload(assigned, PDF, { category: 'SIGNED_CONSENT', name: '知情同意书（签字）.pdf' });
      expect(res.status).toBe(201);
      const added = (await res.json()) as Attachment;
      expect(added).toMatchObject({ category: 'SIGNED_CONSENT', fileName: '知情同意书（签字）.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
      for (const session of [coordinator, assigned, ngoWorker]) {
        expect((await view(session)).data!.case!.attachments!.map((a) => a.id)).toContain(added.id);
        const file = await download(session, added.id);
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe('application/pdf');
        expect(file.headers.get('x-content-type-options')).toBe('nosniff');
        expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%E7%9F%A5/);
        expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
      }
      // Those who may not read the case's file see no file, and cannot fetch it by its id.
      for (const session of [familyWorker, colleague, staff]) {
        expect((await view(session)).data!.case!.attachments).toEqual([]);
        const refused = await download(session, added.id);
        expect(refused.status).toBe(404);
        expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('ATTACHMENT_NOT_FOUND');
      }
      expect((await download(outsider, added.id)).status).toBe(404);
      expect((await fetch(`${app.url}/files/${added.id}`)).status).toBe(401);
    });

    it('audits every download', async () => {
      const added = (await (await upload(coordinator, PNG, { category: 'PHOTO', name: 'home.png' })).json()) as Attachment;
      await app.auditLinked();
      const downloads = async () => (await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'CaseAttachment' AND action = 'READ'
        AND subject_id = $1 AND actor_user_id = $2 AND fields = '{content}'`, [added.id, ngoWorker.userId]))[0].n as number;
      expect(await downloads()).toBe(0);
      await download(ngoWorker, added.id);
      await download(ngoWorker, added.id);
      expect(await downloads()).toBe(2);
      const [upload_] = await app.db.query(`SELECT details FROM audit_events WHERE action = 'CHANGE' AND subject_id = $1 AND fields = '{attachments}' ORDER BY position DESC LIMIT 1`, [caseId]);
      expect(upload_.details).toMatchObject({ attachment: added.id, category: 'PHOTO', contentType: 'image/png' });
    });

    it('opens an ID document to another organisation only with the person’s consent to identity data', async () => {
      const res = await upload(coordinator, PNG, { category: 'ID_DOCUMENT', name: '身份证.png' });
      expect(res.status).toBe(201);
      const id = ((await res.json()) as Attachment).id;
      expect((await view(assigned)).data!.case!.attachments!.map((a) => a.id)).toContain(id);
      expect((await view(ngoWorker)).data!.case!.attachments!.map((a) => a.id)).not.toContain(id);
      expect((await download(ngoWorker, id)).status).toBe(404);
      // …nor may they add one they could not read back.
      const refused = await upload(ngoWorker, PNG, { category: 'ID_DOCUMENT', name: 'id.png' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('ATTACHMENT_NOT_ALLOWED');
    });

    it('refuses bad uploads with stable codes and stores nothing', async () => {
      const before = [await count('case_attachments'), await count('case_attachment_contents')];
      const reason = async (res: Response) => [res.status, ((await res.json()) as { error: { reason: string } }).error.reason];
      // A page dressed as a PDF: the content decides, not the name.
      expect(await reason(await upload(coordinator, Buffer.from('<html><script>alert(1)</script></html>'), { category: 'OTHER', name: 'form.pdf' })))
        .toEqual([415, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
      expect(await reason(await upload(coordinator, Buffer.alloc(0), { category: 'OTHER', name: 'empty.pdf' }))).toEqual([400, 'ATTACHMENT_EMPTY']);
      const huge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
      expect(await reason(await upload(coordinator, huge, { category: 'OTHER', name: 'huge.pdf' }))).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
      // Sent in chunks without a length, it is cut off where it passes the limit.
      const streamed = await fetch(`${app.url}/files/cases/${caseId}?category=OTHER&name=stream.pdf`, {
        method: 'POST', headers: { authorization: `Bearer ${coordinator.accessToken}`, 'content-type': 'application/octet-stream' },
        body: new ReadableStream({ start(controller) { for (let i = 0; i < 11; i += 1) controller.enqueue(i === 0 ? Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]) : Buffer.alloc(1024 * 1024)); controller.close(); } }),
        duplex: 'half',
      } as RequestInit);
      expect(await reason(streamed)).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
      expect(await reason(await upload(coordinator, PDF, { category: 'SELFIE', name: 'a.pdf' }))).toEqual([400, 'ATTACHMENT_CATEGORY_INVALID']);
      expect(await reason(await upload(coordinator, PDF, { category: 'OTHER' }))).toEqual([400, 'ATTACHMENT_NAME_REQUIRED']);
      expect(await reason(await upload(staff, PDF, { category: 'OTHER', name: 'a.pdf' }))).toEqual([403, 'CASE_CHANGE_NOT_ALLOWED']);
      expect(await reason(await upload(outsider, PDF, { category: 'OTHER', name: 'a.pdf' }))).toEqual([404, 'CASE_NOT_FOUND']);
      expect(await reason(await upload(coordinator, PDF, { category: 'OTHER', name: 'a.pdf' }, 'not-an-id'))).toEqual([400, expect.any(String)]);
      expect([await count('case_attachments'), await count('case_attachment_contents')]).toEqual(before);
    });
  });
});
