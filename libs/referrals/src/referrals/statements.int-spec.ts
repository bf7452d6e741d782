import { AuditQueryService } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, committedStatement, SignedIn, statementsSentBy, TestApp } from '@zhulian/testing';
import { join } from 'node:path';
import { ReferralsModule } from '../referrals.module';

const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
/** The statement of the NGO staff's referral list, committed so that a reviewer sees what runs (`UPDATE_SQL=1` rewrites it). */
const LIST_SQL = join(__dirname, 'queries', 'referral-list.ngo-staff.sql');

/** N+1 guard: a page of referrals, people nested, costs the same statements whatever its size. */
describe('SQL statements per referrals page', () => {
  let app: TestApp;
  let ngo: SignedIn;
  const withBirthDate = new Set<string>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    const coordinator = await app.login('jianwai@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    const { id: serviceId } = await makeService(app.db, ELDERLY_NGO, { name: '上门探访', categories: [] });
    for (let i = 0; i < 105; i += 1) {
      const { id: personId } = await makePerson(coordinator, { fullName: `转介测试${i}`, birthDate: '1950-01-01', phone: `137${String(i).padStart(8, '0')}` });
      const opened = await makeCase(coordinator, personId);
      // One in four consents to their identity data (birth date) too: the page's people are read with different fields.
      await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'] });
      if (i % 4 === 0) await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'identity'] });
      if (i % 4 === 0) withBirthDate.add(personId);
      const sent = await makeReferral(coordinator, { caseId: opened.id, serviceId, ...(i % 4 === 0 ? { sharedCategories: ['contact', 'identity'] } : {}) });
      // Every other one accepted, so that the page mixes minimal views and people with contact data.
      if (i % 2 === 0) await ngo.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id } }`, { input: { referralId: sent.id, status: 'ACCEPTED' } });
    }
  });
  afterAll(() => app.close());

  /** Newest first, so that the page mixes accepted referrals and those awaiting an answer (the inbox's own order puts the latter first). */
  async function statementsFor(first: number): Promise<number> {
    const { result: res, texts } = await statementsSentBy(() => ngo.gql<{ referrals: { edges: { node: { person: { phone: string } | null } }[] } }>(
      `query($first: Int) { referrals(first: $first, filter: { direction: RECEIVED }, orderBy: { field: SENT, direction: DESC }) { edges { node { id status needs ageBand serviceName
         senderOrganisationName receiverOrganisationName person { fullName phone idNumber } } } } }`, { first }));
    expect(res.data!.referrals.edges).toHaveLength(first);
    expect(res.data!.referrals.edges.some((e) => e.node.person?.phone)).toBe(true);
    expect(res.data!.referrals.edges.some((e) => e.node.person === null)).toBe(true);
    return texts.length;
  }

  it('is the same for 10 and for 100 referrals', async () => {
    const ten = await app.withoutAuditLinking(() => statementsFor(10));
    const hundred = await app.withoutAuditLinking(() => statementsFor(100));
    expect(hundred).toBe(ten);
    // The session and actor (1), the page under the rules (1), the people under theirs (1), and the
    // contact data read recorded for the audit trail (1; linked into the chain a moment later).
    expect(ten).toBe(4);
  });

  it('records a page in the audit trail by kind of row, not by row: what the NGO was refused in as many events for 100 referrals as for 10', async () => {
    const eventsOf = async (first: number) => {
      const [{ since }]: { since: Date }[] = await app.db.query('SELECT clock_timestamp() AS since');
      await ngo.gql(`query($first: Int) { referrals(first: $first, filter: { direction: RECEIVED }, orderBy: { field: SENT, direction: DESC }) {
        edges { node { id status person { fullName phone idNumber birthDate } } } } }`, { first });
      const rows: { action: string; subject_type: string; subject_id: string | null; subject_ids: string[] | null; fields: string[]; consents: string | null }[] = await app.db.query(
        `SELECT action, subject_type, subject_id, subject_ids, fields, grounds->>'consents' AS consents FROM audit_events WHERE actor_user_id = $1 AND occurred_at >= $2`, [ngo.userId, since]);
      const refused = rows.filter((e) => e.action === 'DENY' && e.subject_type === 'Referral');
      return { all: rows, refused, referralsRefused: new Set(refused.flatMap((e) => e.subject_ids ?? [e.subject_id])), reads: rows.filter((e) => e.action === 'READ') };
    };
    const ten = await eventsOf(10);
    const hundred = await eventsOf(100);
    // Every kind at once: as many events for 100 referrals as for 10, a handful in all.
    expect(hundred.all.length).toBe(ten.all.length);
    expect(hundred.all.length).toBeLessThanOrEqual(5);
    expect(hundred.refused.length).toBe(ten.refused.length);
    expect(hundred.refused.length).toBeLessThanOrEqual(3);
    // Still found per referral: the half not yet accepted show no person, and each is listed.
    expect(hundred.referralsRefused.size).toBeGreaterThanOrEqual(50);
    // The people read on their consents: as many events for 100 referrals as for 10, listing the 50 people shown and
    // naming every consent that let them be read (a person's own are found among them by the person's access report).
    const personReads = hundred.reads.filter((e) => e.subject_type === 'Person');
    expect(personReads.length).toBe(ten.reads.filter((e) => e.subject_type === 'Person').length);
    expect(personReads.every((e) => e.fields.includes('phone') && (e.consents ?? '') !== '')).toBe(true);
    expect(new Set(personReads.flatMap((e) => e.subject_ids ?? [e.subject_id])).size).toBe(50);
    const consentsNamed = new Set(personReads.flatMap((e) => e.consents!.split(',')));
    const [{ consents }]: { consents: number }[] = await app.db.query(
      `SELECT count(DISTINCT c.id)::int AS consents FROM consents c WHERE c.person_id = ANY($1) AND c.recipient_organisation_id = $2`,
      [[...new Set(personReads.flatMap((e) => e.subject_ids ?? [e.subject_id]))], ELDERLY_NGO]);
    expect(consentsNamed.size).toBe(consents);
    // One event for the people read, the phone of all, the birth date of some; asked per person and field, the trail
    // answers for that person alone: no birth date read for one who did not consent to share it.
    expect(personReads).toHaveLength(1);
    expect(personReads[0].fields).toEqual(['birthDate', 'phone']);
    const audit = app.app.get(AuditQueryService);
    const read = [...new Set(personReads[0].subject_ids!)];
    const withBirth = read.find((id) => withBirthDate.has(id))!;
    const phoneOnly = read.find((id) => !withBirthDate.has(id))!;
    expect(withBirth && phoneOnly).toBeTruthy();
    const readsOf = async (id: string, field?: string) => (await audit.accessesOf('Person', [id], field)).filter((e) => e.action === 'READ' && e.actorUserId === ngo.userId);
    expect(await readsOf(phoneOnly, 'birthDate')).toHaveLength(0);
    expect((await readsOf(withBirth, 'birthDate')).length).toBeGreaterThan(0);
    const [phoneRead] = await readsOf(phoneOnly);
    expect(phoneRead.fields).toEqual(['phone']);
    // Which other records the event names stays out of what is shown.
    expect(phoneRead.details).not.toContain(withBirth);
    // The referrals whose person was shown: one event listing them all.
    const referralReads = hundred.reads.filter((e) => e.subject_type === 'Referral');
    expect(referralReads).toHaveLength(1);
    expect(referralReads[0].subject_ids).toHaveLength(50);
  });

  it('runs the committed statement for the NGO staff’s page: one index-driven query per branch of the rules, UNION ALL', async () => {
    // The page of bench/referrals.mjs (case A): the list's default order, last sent first.
    const { result, texts } = await statementsSentBy(() => app.withoutAuditLinking(() => ngo.gql<{ referrals: { edges: unknown[] } }>(`query { referrals(first: 25) {
      edges { node { id createdAt status urgency serviceName senderOrganisationName receiverOrganisationName person { fullName phone idNumber } } } } }`)));
    expect(result.data!.referrals.edges).toHaveLength(25);
    const [page] = texts.filter((t) => t.includes('FROM referrals r'));
    expect(page).toBeDefined();
    const { sent, committed } = committedStatement(LIST_SQL, page);
    expect(sent).toBe(committed);
    expect(page).toContain('UNION ALL');
  });
});
