import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs, browserJourneys, expectNotShown, expectText, journey, OUTPUT, readyVolunteer, signIn, until, tick } from './e2e-harness';

/** Several sign-ins on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 240_000;
const PHONE = { width: 390, height: 844 };
const PERSON = { fullName: '蒋淑华', phone: '13811112222', address: '建外街道永安里 7 号楼 3 单元 201', birthDate: '1940-02-02', regionCode: '110105' };
const fromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function openTaskFromBoard(page: Page, title: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('welcome').waitFor();
  await page.getByTestId('task-card').filter({ hasText: title }).getByTestId('task-title').click();
  await expectText(page.getByTestId('task-heading'), title);
}

/**
 * Volunteers on a phone (390×844), as they meet the tasks: claiming one that serves a person, seeing who and
 * where only once the place is approved, checking in and out with one thumb, their hours confirmed and on
 * their statement; and a full task's waitlist, where a place given up goes to the next in line.
 */
describe('volunteer tasks in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('claims a task, sees the address only once staff approve, checks in and out, and finds the hours confirmed', () =>
    journey('volunteer-claim-to-hours', pages, async () => {
      const url = product().url;
      const office = await apiAs(url, 'jianwai@zhulian.demo');
      const { registerPerson } = await office<{ registerPerson: { id: string } }>(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, { input: PERSON });
      const { openCase } = await office<{ openCase: { id: string } }>(`mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
        { input: { personId: registerPerson.id, needs: ['ELDERLY_CARE'] } });
      const title = '陪老人下棋聊天';
      const { postTask } = await office<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
        title, description: '老人喜欢下象棋，陪他下两盘、聊聊天。', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 2, needsApproval: true,
        caseId: openCase.id, discloses: ['contact', 'location'], startsAt: fromNow(40), endsAt: fromNow(130) } });
      await readyVolunteer(url, 'volunteer@zhulian.demo');

      // The volunteer finds it on their board and claims it: pending, and nothing of the person yet.
      const volunteer = await newPage({ ...PHONE, geolocation: { latitude: 39.908_712, longitude: 116.443_421, accuracy: 18 } });
      await signIn(volunteer, 'volunteer@zhulian.demo');
      await openTaskFromBoard(volunteer, title);
      await expectText(volunteer.getByTestId('task-person'), '报名获批并确定名额后');
      await volunteer.getByTestId('claim').click();
      await expectText(volunteer.getByTestId('claim-outcome'), '等待机构审核');
      await expectText(volunteer.getByTestId('claim-status'), '待审核');
      await expectNotShown(volunteer.getByText(PERSON.address));
      await volunteer.screenshot({ path: join(OUTPUT, 'volunteer-claim-pending-zh.png'), fullPage: true });

      // The street office approves the claim on the task's page.
      const staff = await newPage();
      await signIn(staff, 'jianwai@zhulian.demo');
      await staff.goto(`/org-tasks/${postTask.id}`);
      const row = staff.getByTestId('claim-row').filter({ hasText: '孙浩' }).first();
      await row.getByRole('button', { name: '批准' }).click();
      await until(async () => (await staff.getByTestId('claim-row').first().getAttribute('data-status')) === 'HELD');

      // Approved: the name, the phone (it is the day of the task) and the address (it starts within two hours) show.
      await volunteer.reload();
      await expectText(volunteer.getByTestId('claim-status'), '已报名');
      await expectText(volunteer.getByTestId('person-name'), PERSON.fullName);
      // The phone is in full from the day of the task (Beijing's day): masked if the task starts after midnight.
      const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
      const today = day(new Date()) === day(new Date(Date.now() + 40 * 60_000));
      await expectText(volunteer.getByTestId('person-phone'), today ? PERSON.phone : `${PERSON.phone.slice(0, 3)}****${PERSON.phone.slice(-4)}`);
      await expectText(volunteer.getByTestId('person-address'), PERSON.address);
      await volunteer.screenshot({ path: join(OUTPUT, 'volunteer-task-approved-zh.png'), fullPage: true });

      // Check in and out with one thumb, with a short report — saying where, which they choose to (the choice is remembered).
      await tick(volunteer.getByTestId('share-place'));
      await volunteer.getByTestId('check-in').click();
      await volunteer.getByText('签到时间').waitFor();
      await expectText(volunteer.getByTestId('check-in-place'), '39.9087, 116.4434');
      await volunteer.screenshot({ path: join(OUTPUT, 'volunteer-checked-in-zh.png'), fullPage: true });
      await volunteer.getByTestId('check-out').click();
      await volunteer.getByTestId('check-out-report').fill('陪老人下了三盘棋，精神不错。');
      await volunteer.getByRole('dialog').getByRole('button', { name: '签 退' }).or(volunteer.getByRole('dialog').getByRole('button', { name: '签退' })).click();
      await expectText(volunteer.getByTestId('claim-hours'), '等待机构确认');

      // The office sees where the volunteer checked in and out, and confirms the hours (correcting them to what was agreed);
      // they appear on the statement.
      await staff.reload();
      await expectText(staff.getByTestId('claim-places'), '签到位置 39.9087, 116.4434（误差约 18 米）');
      await expectText(staff.getByTestId('claim-places'), '签退位置 39.9087, 116.4434');
      await staff.screenshot({ path: join(OUTPUT, 'org-task-claim-places-zh.png'), fullPage: true });
      const held = staff.getByTestId('claim-row').first();
      await held.getByRole('button', { name: '确认时长' }).click();
      const dialog = staff.getByRole('dialog');
      await dialog.getByRole('spinbutton').fill('90');
      await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
      await until(async () => ((await staff.getByTestId('claim-row').first().textContent()) ?? '').includes('1.5'));

      await volunteer.goto('/hours');
      await expectText(volunteer.getByTestId('hours-row').filter({ hasText: title }), '确认');
      await until(async () => Number(((await volunteer.getByTestId('hours-confirmed').textContent()) ?? '0').replace(/[^\d.]/g, '')) >= 1.5);
      await volunteer.screenshot({ path: join(OUTPUT, 'volunteer-hours-zh.png'), fullPage: true });
      await volunteer.goto('/hours/statement');
      await expectText(volunteer.getByTestId('statement-row').filter({ hasText: title }), '1.5');
      await volunteer.screenshot({ path: join(OUTPUT, 'volunteer-statement-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('puts the next volunteer on a full task’s waitlist, and offers them the place one gives up', () =>
    journey('volunteer-waitlist', pages, async () => {
      const url = product().url;
      const ngo = await apiAs(url, 'ngo@zhulian.demo');
      const title = '周末为独居老人送午餐';
      await ngo(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
        title, skills: ['MEAL_DELIVERY'], regionCode: '110105', slots: 1, startsAt: fromNow(3 * 24 * 60), endsAt: fromNow(3 * 24 * 60 + 90) } });
      await readyVolunteer(url, 'volunteer2@zhulian.demo');
      await readyVolunteer(url, 'volunteer3@zhulian.demo');

      // The first claims the only place.
      const first = await newPage(PHONE);
      await signIn(first, 'volunteer2@zhulian.demo');
      await openTaskFromBoard(first, title);
      await first.getByTestId('claim').click();
      await expectText(first.getByTestId('claim-outcome'), '名额已为你保留');

      // The second finds it full and joins the waitlist, first in line.
      const second = await newPage(PHONE);
      await signIn(second, 'volunteer3@zhulian.demo');
      await openTaskFromBoard(second, title);
      await expectText(second.getByTestId('task-places'), '已报名 1 / 1');
      await expectText(second.getByTestId('claim'), '加入候补');
      await second.getByTestId('claim').click();
      await expectText(second.getByTestId('claim-outcome'), '候补第 1 位');
      await second.goto('/my-tasks');
      await second.getByRole('tab', { name: /候补/ }).click();
      await expectText(second.getByTestId('waitlist-position'), '候补第 1 位');

      // The first cannot come after all: one tap (and a confirmation) gives the place up.
      await first.goto('/my-tasks');
      const mine = first.getByTestId('task-card').filter({ hasText: title });
      await mine.getByTestId('release').click();
      await first.getByRole('button', { name: '我去不了' }).last().click();
      await first.getByRole('tab', { name: '已结束' }).click();
      await expectText(first.getByTestId('task-card').filter({ hasText: title }).getByTestId('claim-status'), '已退出');

      // The second is offered the place and takes it.
      await second.reload();
      const offered = second.getByTestId('task-card').filter({ hasText: title });
      await expectText(offered.getByTestId('claim-status'), '有空位待确认');
      await second.screenshot({ path: join(OUTPUT, 'volunteer-offered-zh.png'), fullPage: true });
      await offered.getByTestId('confirm-offer').click();
      await expectText(second.getByTestId('task-card').filter({ hasText: title }).getByTestId('claim-status'), '已报名');
    }), JOURNEY_TIMEOUT);
});
