import { join } from 'node:path';
import { apiAs, browserJourneys, expectText, journey, OUTPUT, signIn, until } from './e2e-harness';

const ELDERLY_NGO_ID = '0193a000-0000-7000-8000-000000000004';
/** Two people signed in at once on a busy two-core machine. */
const JOURNEY_TIMEOUT = 180_000;

describe('live updates in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('a caseworker refers: the NGO’s worklist and bell show it without a reload; the NGO accepts: the caseworker’s case timeline shows it', () =>
    journey('realtime-referral', pages, async () => {
      // A case of the caseworker's, and the person's consent to referral to the NGO (the wizard has its own journey).
      const coordinator = await apiAs(product().url, 'jianwai@zhulian.demo');
      const { registerPerson } = await coordinator<{ registerPerson: { id: string } }>(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        { input: { fullName: '钱淑珍', regionCode: '110105', birthDate: '1943-03-08', phone: '13700001111' } });
      const { openCase } = await coordinator<{ openCase: { id: string } }>(`mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
        { input: { personId: registerPerson.id, needs: ['ELDERLY_CARE'] } });
      const caseworker = await apiAs(product().url, 'caseworker@zhulian.demo');
      const { me } = await caseworker<{ me: { id: string } }>(`{ me { id } }`);
      await coordinator(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`, { input: { caseId: openCase.id, userId: me.id } });
      await coordinator(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        input: { personId: registerPerson.id, recipientOrganisationId: ELDERLY_NGO_ID, categories: ['basic', 'contact'], purpose: 'REFERRAL', givenBy: 'SELF', evidence: '转介同意书 RT-1' } });
      const { services } = await caseworker<{ services: { edges: { node: { id: string } }[] } }>(
        `query($f: ServiceFilter) { services(first: 1, filter: $f) { edges { node { id } } } }`, { f: { organisationId: ELDERLY_NGO_ID } });

      // The NGO's staff member has the worklist open; the caseworker has the case open.
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      const inbox = ngo.getByTestId('worklist-inbox');
      await inbox.waitFor();
      const unread = async () => Number(/（(\d+) 条未读）/.exec((await ngo.getByTestId('notification-bell').getAttribute('aria-label')) ?? '')?.[1] ?? NaN);
      const unreadBefore = await unread();
      const worker = await newPage();
      await signIn(worker, 'caseworker@zhulian.demo');
      await worker.goto(`/cases/${openCase.id}`);
      await worker.getByTestId('case-timeline').waitFor();

      // The caseworker refers (as the wizard does).
      const { createReferral } = await caseworker<{ createReferral: { referral: { id: string } } }>(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`,
        { input: { caseId: openCase.id, serviceId: services.edges[0].node.id, urgency: 'URGENT', noteForReceiver: '独居，需要尽快上门。' } });

      // Without a reload: the worklist grows, most urgent first, and the bell counts it.
      const row = ngo.getByTestId('worklist-inbox-item').filter({ has: ngo.locator(`a[href="/referrals/${createReferral.referral.id}"]`) });
      await expectText(row, '紧急');
      await until(async () => (await unread()) === unreadBefore + 1);
      await ngo.screenshot({ path: join(OUTPUT, 'realtime-worklist-zh.png'), fullPage: true });

      // The bell leads to the referral; the NGO accepts it.
      await ngo.getByTestId('notification-bell').click();
      await expectText(ngo.getByTestId('notification').first(), '收到新的转介');
      await ngo.getByTestId('notification').first().click();
      await ngo.waitForURL(`**/referrals/${createReferral.referral.id}`);
      await ngo.getByTestId('referral-action-accept').click();
      await expectText(ngo.getByTestId('referral-status'), '已接受');

      // On the caseworker's open case, the timeline shows the acceptance without a reload.
      await expectText(worker.getByTestId('case-timeline'), '已接受');
      await worker.screenshot({ path: join(OUTPUT, 'realtime-case-timeline-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);
});
