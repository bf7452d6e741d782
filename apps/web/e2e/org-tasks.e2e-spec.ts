import { join } from 'node:path';
import { apiAs, browserJourneys, clickUntilShown, expectNotShown, expectText, journey, OUTPUT, readyVolunteer, signIn, until, tick } from './e2e-harness';

/** Several sign-ins on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 240_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const fromNow = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
/** A day in Beijing, YYYY-MM-DD, `days` after today there. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The volunteer group's coordinator in the demo (libs/identity's demo, user 17). */
const GROUP_COORDINATOR = 'volunteers@zhulian.demo';

/** A resident ID number with a right check digit (GB 11643), born in 朝阳区 on the given day. */
function residentId(birth: string, sequence: string): string {
  const body = `110105${birth.replace(/-/g, '')}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * Organisation staff running volunteer tasks, on a phone (390×844) and at a desk: posting a task through the
 * form (an error said at its field and fixed first), finding it in the list and editing it — a colleague's
 * change in between is not overwritten; approving a volunteer's claim; an offer from another organisation to
 * take a task over, declined with a reason; and a volunteer group's coordinator recording a volunteer's checks.
 */
describe('organisations’ volunteer tasks in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('posts a task through the form, edits it past a colleague’s change, and approves a volunteer’s claim', () =>
    journey('org-task-post-edit-approve', pages, async () => {
      const url = product().url;
      const title = '陪社区老人散步聊天';
      const day = beijingDay(2);
      const staff = await newPage(PHONE);
      await signIn(staff, 'ngo@zhulian.demo');
      await staff.goto('/org-tasks');
      await staff.getByTestId('post-task').click();
      await staff.getByTestId('task-form-title').fill(title);
      await staff.getByTestId('task-form-description').fill('在小区花园陪老人散步半小时，聊聊家常。');
      await staff.getByLabel('所需技能').click();
      await staff.locator('.ant-select-item-option', { hasText: '陪伴探访' }).click();
      await staff.keyboard.press('Escape');
      await staff.getByTestId('task-form-starts-date').fill(day);
      await staff.getByTestId('task-form-starts-time').fill('09:00');
      // Ends before it starts: said at the field, with every other missing thing, before anything is sent.
      await staff.getByTestId('task-form-ends-date').fill(day);
      await staff.getByTestId('task-form-ends-time').fill('08:00');
      await staff.getByTestId('task-form-slots').fill('2');
      await tick(staff.getByTestId('task-form-needs-approval'));
      await staff.getByTestId('task-form-submit').click();
      await expectText(staff.locator('.ant-form-item-explain-error'), '结束时间须晚于开始时间');
      await staff.screenshot({ path: join(OUTPUT, 'org-task-form-error-zh.png'), fullPage: true });
      await staff.getByTestId('task-form-ends-time').fill('10:30');
      await staff.getByTestId('task-form-submit').click();
      await expectText(staff.getByTestId('task-heading'), title);
      const taskId = staff.url().split('/').pop()!;
      await expectText(staff.getByTestId('task-places'), '已报 0/2 个名额');
      await expectText(staff.getByTestId('task-when'), '09:00–10:30');

      // In the list of open tasks, with its places.
      await staff.goto('/org-tasks');
      const row = staff.getByTestId('org-task-row').filter({ hasText: title });
      await expectText(row, '已报 0/2 个名额');
      await staff.screenshot({ path: join(OUTPUT, 'org-tasks-list-zh.png'), fullPage: true });

      // Editing: a colleague changes the description meanwhile; the save says so, and after a reload it goes through.
      await row.getByTestId('org-task-title').click();
      await staff.getByRole('button', { name: '编辑' }).click();
      await staff.getByTestId('task-form-slots').waitFor();
      const ngo = await apiAs(url, 'ngo@zhulian.demo');
      const { task } = await ngo<{ task: { version: number } }>(`query($id: ID!) { task(id: $id) { version } }`, { id: taskId });
      await ngo(`mutation($input: EditTaskInput!) { editTask(input: $input) { id } }`, { input: { taskId, version: task.version, description: '在小区花园陪老人散步，带上保温杯。' } });
      await staff.getByTestId('task-form-slots').fill('3');
      await staff.getByTestId('task-form-submit').click();
      await expectText(staff.getByTestId('stale-notice'), '有人修改了这个任务');
      await staff.getByTestId('stale-reload').click();
      await until(async () => (await staff.getByTestId('task-form-description').inputValue()) === '在小区花园陪老人散步，带上保温杯。');
      await staff.getByTestId('task-form-slots').fill('3');
      await staff.getByTestId('task-form-submit').click();
      await expectText(staff.getByTestId('task-places'), '已报 0/3 个名额');
      await expectText(staff.getByTestId('task-description'), '带上保温杯');
      await expectText(staff.getByTestId('task-timeline'), '修改任务');

      // A volunteer claims it (through the API): it waits for approval; staff approve it on the task's page.
      const volunteer = await readyVolunteer(url, 'volunteer@zhulian.demo');
      const { claimTask } = await volunteer<{ claimTask: { status: string } }>(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { status } }`, { input: { taskId } });
      expect(claimTask.status).toBe('PENDING');
      await staff.reload();
      const claim = staff.getByTestId('claim-row').filter({ hasText: '孙浩' });
      await until(async () => (await claim.getAttribute('data-status')) === 'PENDING');
      await claim.getByRole('button', { name: '批准' }).click();
      // The approval waits its turn for the audit chain's lock: on a machine busy with other suites that can take a while.
      await until(async () => (await claim.getAttribute('data-status')) === 'HELD', 45_000);
      await expectText(claim, '已确定名额');
      await expectText(staff.getByTestId('task-timeline'), '批准报名：孙浩');
      await staff.screenshot({ path: join(OUTPUT, 'org-task-claim-approved-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('another organisation offers to take a task over from its open tasks (desk); the holder declines with a reason (phone)', () =>
    journey('org-task-handover-declined', pages, async () => {
      const url = product().url;
      const title = '周末社区助餐配送';
      const ngo = await apiAs(url, 'ngo@zhulian.demo');
      const { postTask } = await ngo<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
        title, description: '把午餐送到行动不便的老人家门口。', skills: ['MEAL_DELIVERY'], regionCode: '110105', slots: 2, startsAt: fromNow(50), endsAt: fromNow(52) } });

      // 童心 (ngo2), at a desk, finds it among other organisations' tasks and offers to take it over.
      const asker = await newPage(DESKTOP);
      await signIn(asker, 'ngo2@zhulian.demo');
      await asker.goto('/org-tasks?tab=alliance');
      const offered = asker.getByTestId('alliance-task-row').filter({ hasText: title });
      await expectText(offered, '朝阳区夕阳红养老服务中心');
      await offered.getByRole('button', { name: '申请接手' }).click();
      const reason = '本社周末有固定的助餐志愿者团队，离这些老人更近。';
      await asker.getByTestId('offer-takeover-reason').fill(reason);
      await asker.getByTestId('offer-takeover-submit').click();
      await expectText(offered.getByTestId('handover-pending'), '已申请接手');
      await asker.getByTestId('org-tasks-tab-outgoing').click();
      await expectText(asker.getByTestId('handover-row').filter({ hasText: title }), '待答复');
      await asker.screenshot({ path: join(OUTPUT, 'org-task-handover-offered-desktop-zh.png'), fullPage: true });

      // 夕阳红 (ngo), on a phone, sees the offer with its deadline and declines it with a reason.
      const holder = await newPage(PHONE);
      await signIn(holder, 'ngo@zhulian.demo');
      await holder.goto('/org-tasks?tab=incoming');
      const incoming = holder.getByTestId('handover-row').filter({ hasText: title });
      await expectText(incoming.getByTestId('handover-reason'), reason);
      await expectText(incoming.getByTestId('handover-answer-by'), '自动同意移交');
      await incoming.getByRole('button', { name: '拒绝' }).click();
      const answer = '老人们已熟悉我们的志愿者，这次仍由本中心负责。';
      await holder.getByTestId('handover-decline-reason').fill(answer);
      await holder.screenshot({ path: join(OUTPUT, 'org-task-handover-decline-zh.png') });
      await holder.getByTestId('handover-decline-submit').click();
      await incoming.waitFor({ state: 'detached' });
      await holder.getByText('全部', { exact: true }).click();
      await expectText(holder.getByTestId('handover-row').filter({ hasText: title }).getByTestId('handover-status'), '已拒绝');

      // The task stays with 夕阳红, its timeline says so; 童心 reads the answer.
      await holder.goto(`/org-tasks/${postTask.id}`);
      await expectText(holder.getByTestId('task-timeline'), '拒绝移交');
      await expectNotShown(holder.getByTestId('pending-handover'));
      await asker.reload();
      await asker.getByText('全部', { exact: true }).click();
      const declined = asker.getByTestId('handover-row').filter({ hasText: title });
      await expectText(declined.getByTestId('handover-answer-reason'), answer);
      await expectText(declined.getByTestId('handover-status'), '已拒绝');
    }), JOURNEY_TIMEOUT);

  it('posts a task for the person of a referral it accepted, disclosing what the referral shares', () =>
    journey('org-task-from-referral', pages, async () => {
      const ngoApi = await apiAs(product().url, 'ngo@zhulian.demo');
      const { referrals } = await ngoApi<{ referrals: { edges: { node: { id: string; sharedCategories: string[] | null; person: { fullName: string } | null } }[] } }>(
        `{ referrals(first: 50, filter: { direction: RECEIVED, status: [ACCEPTED, IN_PROGRESS] }) { edges { node { id sharedCategories person { fullName } } } } }`);
      const referral = referrals.edges.map((e) => e.node).find((r) => r.sharedCategories?.includes('contact') && r.person);
      expect(referral).toBeDefined();
      const title = '为转介老人每周送一次午餐';
      const day = beijingDay(3);

      const staff = await newPage(DESKTOP);
      await signIn(staff, 'ngo@zhulian.demo');
      await staff.goto(`/referrals/${referral!.id}`);
      await staff.getByTestId('referral-post-task').click();
      await expectText(staff.getByTestId('task-form-case'), '为转介的服务对象发布');
      await staff.getByTestId('task-form-title').fill(title);
      await staff.getByLabel('所需技能').click();
      await staff.locator('.ant-select-item-option', { hasText: '送餐' }).click();
      await staff.keyboard.press('Escape');
      await staff.getByTestId('task-form-starts-date').fill(day);
      await staff.getByTestId('task-form-starts-time').fill('11:00');
      await staff.getByTestId('task-form-ends-date').fill(day);
      await staff.getByTestId('task-form-ends-time').fill('12:00');
      await staff.getByTestId('task-form-slots').fill('1');
      await tick(staff.getByTestId('task-form-discloses-contact'));
      await staff.screenshot({ path: join(OUTPUT, 'org-task-from-referral-form-zh.png'), fullPage: true });
      await staff.getByTestId('task-form-submit').click();
      await expectText(staff.getByTestId('task-heading'), title);
      await expectText(staff.getByTestId('task-person'), referral!.person!.fullName);
      await staff.getByTestId('task-referral').click();
      await until(async () => staff.url().endsWith(`/referrals/${referral!.id}`));
    }), JOURNEY_TIMEOUT);

  it('records the hours of a volunteer who came to the task running now without checking in, and sees where another checked in', () =>
    journey('org-tasks-record-attendance', pages, async () => {
      const ngoApi = await apiAs(product().url, 'ngo@zhulian.demo');
      const title = '日间照料中心老年手工课协助'; // the demo's task running now: 郑丽 checked in (and said where), 周婷 did not
      const { organisationTasks } = await ngoApi<{ organisationTasks: { edges: { node: { id: string; title: string } }[] } }>(
        `{ organisationTasks(first: 100) { edges { node { id title } } } }`);
      const running = organisationTasks.edges.find((e) => e.node.title === title)!.node;

      const staff = await newPage(DESKTOP);
      await signIn(staff, 'ngo@zhulian.demo');
      await staff.goto(`/org-tasks/${running.id}`);
      await expectText(staff.getByTestId('claim-row').filter({ hasText: '郑丽' }).getByTestId('claim-places'), '签到位置 39.9139, 116.4402（误差约 22 米）');
      const zhou = staff.getByTestId('claim-row').filter({ hasText: '周婷' });
      await zhou.getByTestId('claim-record-attendance').click();
      const dialog = staff.getByRole('dialog');
      await expectText(dialog, '周婷没有签到');
      await dialog.getByTestId('confirm-minutes').fill('100');
      await dialog.getByTestId('confirm-hours-submit').click();
      await expectText(zhou.getByTestId('claim-minutes'), '1.7');
      await until(async () => (await zhou.getAttribute('data-status')) === 'COMPLETED');
      await expectText(zhou.getByTestId('claim-status'), '已到场（未签到）');
      await expectNotShown(zhou.getByTestId('claim-no-show'));
      await staff.screenshot({ path: join(OUTPUT, 'org-task-record-attendance-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('a volunteer group’s coordinator checks a volunteer’s identity and records a background check', () =>
    journey('org-volunteers-verify', pages, async () => {
      const url = product().url;
      await readyVolunteer(url, 'volunteer3@zhulian.demo', residentId('1995-03-08', '123'));
      const coordinator = await newPage(PHONE);
      await signIn(coordinator, GROUP_COORDINATOR);
      // Their home leads with the group's own work, not with empty lists of cases and referrals.
      await expectText(coordinator.getByTestId('worklist-group'), '的工作是志愿任务和志愿者');
      await coordinator.getByTestId('worklist-tasks').waitFor();
      await expectNotShown(coordinator.getByTestId('worklist-inbox'));
      await expectNotShown(coordinator.getByTestId('worklist-unassigned'));
      await coordinator.getByTestId('worklist-group').getByRole('link', { name: /核验本队志愿者/ }).click();
      await coordinator.waitForURL('**/volunteers');
      const row = coordinator.getByTestId('volunteer-row').filter({ hasText: '吴强' });
      await expectText(row, '朝阳区');
      await clickUntilShown(row.getByRole('button', { name: '核验' }), coordinator.getByTestId('verify-identity'));
      await tick(coordinator.getByTestId('verify-identity'));
      await tick(coordinator.getByTestId('verify-has-background'));
      await coordinator.getByTestId('verify-valid-until').fill(beijingDay(365));
      await coordinator.getByTestId('verify-submit').click();
      await expectText(row.getByTestId('volunteer-identity'), '身份已核验');
      await expectText(row.getByTestId('volunteer-background'), `背景审查有效至 ${beijingDay(365)}`);
      await coordinator.screenshot({ path: join(OUTPUT, 'org-volunteers-verified-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);
});
