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
      const referralsWaiting = async () => Number((await ngo.getByTestId('nav-count-referrals').textContent()) ?? NaN);
      const waitingBefore = await referralsWaiting();
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
      // The menu counts what waits for an answer, live too.
      await until(async () => (await referralsWaiting()) === waitingBefore + 1);
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

  it('a volunteer asks to join a task that needs approval: the NGO’s worklist and menu show the claim to approve at once; the district office sees why its lists are empty', () =>
    journey('realtime-claims-and-office', pages, async () => {
      const staff = await apiAs(product().url, 'ngo@zhulian.demo');
      const startsAt = new Date(Date.now() + 3 * 24 * 3_600_000);
      const { postTask } = await staff<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
        title: '陪同老人复诊（需审核）', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 1, needsApproval: true,
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString() } });

      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.getByTestId('worklist-inbox').waitFor();
      const task = ngo.getByTestId('worklist-task').filter({ has: ngo.locator(`a[href="/org-tasks/${postTask.id}"]`) });
      expect(await task.count()).toBe(0);

      const volunteer = await apiAs(product().url, 'volunteer@zhulian.demo');
      const { claimTask } = await volunteer<{ claimTask: { status: string } }>(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { status } }`,
        { input: { taskId: postTask.id } });
      expect(claimTask.status).toBe('PENDING');
      await expectText(task, '1 个报名待审核');
      await until(async () => Number((await ngo.getByTestId('nav-count-org-tasks').textContent()) ?? 0) >= 1);
      await ngo.screenshot({ path: join(OUTPUT, 'realtime-claims-to-approve-zh.png'), fullPage: true });

      // The district office holds no records itself: its coordinator is told why, and what they can do.
      const district = await newPage();
      await signIn(district, 'coordinator@zhulian.demo');
      await expectText(district.getByTestId('worklist-no-records'), '本身不持有人员和个案记录');
      await district.screenshot({ path: join(OUTPUT, 'worklist-district-office-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);
});
