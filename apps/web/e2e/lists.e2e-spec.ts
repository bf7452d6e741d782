import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { addressSays, browserJourneys, clickUntilGone, expectNotShown, expectText, journey, openFromMenu, OUTPUT, pick, search, signIn, until } from './e2e-harness';

// Starting the product (a seeded database, the API) and a dozen lists on a busy two-core machine: longer than jest's minute.
jest.setTimeout(240_000);
/** Sign-ins and a dozen lists on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 240_000;
const URGENCY = ['低', '一般', '高', '紧急'];
const ELDERLY = ['长者助餐', '居家上门照护', '日间照料'];

/** The column header of a table, by its whole title. */
const header = (table: Locator, title: string) => table.locator('th').filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) });
/** The texts of one tag in each row of a table, in order. */
const tagsOf = async (table: Locator, testId: string) => table.locator('tbody tr.ant-table-row').getByTestId(testId).allInnerTexts();

/**
 * Clicks a column header until the table says it is sorted so, and the address keeps the order where the
 * list keeps it there (`param`): a click while the table re-renders can be lost.
 */
async function sortBy(page: Page, table: Locator, title: string, sorted: 'ascending' | 'descending', param?: string): Promise<void> {
  const done = async () => (await header(table, title).getAttribute('aria-sort')) === sorted && (!param || page.url().includes(`sort=${param}`));
  await until(async () => {
    if (await done()) return true;
    await header(table, title).click({ timeout: 2_000 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return done();
  }, 30_000);
}

/** Picks another role in a member's role Select: once, as a person would (the change is asked before it is made). */
async function pickRole(page: Page, select: Locator, role: string): Promise<void> {
  await until(async () => {
    if (await page.getByTestId('role-change-text').isVisible()) return true;
    await select.click({ timeout: 2_000 }).catch(() => undefined);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: role }).first().click({ timeout: 2_000 }).catch(() => undefined);
    return page.getByTestId('role-change-text').isVisible();
  }, 30_000);
}

describe('lists, as people who work in them all day use them', () => {
  const { newPage, pages } = browserJourneys();

  it('the NGO opens its inbox on what needs an answer, urgent first, sorts it by when it was sent and searches it', () =>
    journey('lists-inbox', pages, async () => {
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await openFromMenu(ngo, '转介', '/referrals');
      const table = ngo.getByTestId('referrals-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      // What needs an answer comes first, the most urgent of it first, each with the day its answer is due.
      const statuses = await tagsOf(table, 'referral-status');
      const pending = statuses.filter((s) => s === '待接收').length;
      expect(pending).toBeGreaterThan(0);
      expect(statuses.slice(0, pending).every((s) => s === '待接收')).toBe(true);
      const urgencies = (await tagsOf(table, 'referral-urgency')).slice(0, pending).map((u) => URGENCY.indexOf(u));
      expect(urgencies).toEqual([...urgencies].sort((a, b) => b - a));
      await expectText(table.locator('tbody tr').first().getByTestId('referral-answer-by'), '前答复');
      await ngo.screenshot({ path: join(OUTPUT, 'lists-inbox-zh.png'), fullPage: true });

      // Sorted by when sent, newest first: the header says so, the address keeps it, the rows follow.
      await sortBy(ngo, table, '发送时间', 'descending', 'SENT.DESC');
      await sortBy(ngo, table, '紧急程度', 'descending', 'URGENCY.DESC');
      await until(async () => {
        const all = (await tagsOf(table, 'referral-urgency')).map((u) => URGENCY.indexOf(u));
        return all.length > 0 && all.every((u, i) => i === 0 || all[i - 1] >= u);
      });
      // Back from a referral, the list is sorted as it was.
      await table.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
      await ngo.goBack();
      await until(async () => (await header(ngo.getByTestId('referrals-table'), '紧急程度').getAttribute('aria-sort')) === 'descending');

      // Searching by the service's name finds its referrals only; a word nothing matches says so, after the answer.
      const box = ngo.getByTestId('referrals-search').locator('input');
      await search(box, '助餐', addressSays(ngo, 'q', '助餐'));
      await until(async () => {
        const links = await table.locator('tbody tr.ant-table-row a').allInnerTexts();
        return links.length > 0 && links.every((l) => l.includes('助餐'));
      });
      await search(box, '没有这样的服务', addressSays(ngo, 'q', '没有这样的服务'));
      await expectText(table, '没有符合条件的转介');
    }), JOURNEY_TIMEOUT);

  it('on a phone, where the inbox is cards without headers, the NGO sorts it from a list of orders', () =>
    journey('lists-inbox-phone', pages, async () => {
      const ngo = await newPage({ width: 390, height: 844 });
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto('/referrals');
      await ngo.getByTestId('referral-urgency').first().waitFor();
      await pick(ngo, ngo.getByTestId('referrals-sort'), '紧急程度（降序）');
      await until(async () => ngo.url().includes('sort=URGENCY.DESC'));
      await until(async () => {
        const all = (await ngo.getByTestId('referral-urgency').allInnerTexts()).map((u) => URGENCY.indexOf(u));
        return all.length > 1 && all.every((u, i) => i === 0 || all[i - 1] >= u);
      });
      await ngo.screenshot({ path: join(OUTPUT, 'lists-inbox-phone-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('on a phone in English, no list is wider than the screen (long words included)', () =>
    journey('lists-phone-english', pages, async () => {
      const page = await newPage({ width: 390, height: 844, locale: 'en-US' });
      await signIn(page, 'caseworker@zhulian.demo');
      for (const [path, row] of [['/', 'worklist'], ['/cases', 'cases-count'], ['/referrals', 'referrals-sort'], ['/people', 'people-count'], ['/directory', 'services-count']] as const) {
        await page.goto(path);
        await page.getByTestId(row).first().waitFor();
        // What pokes out past the right edge, outside anything that scrolls or clips on purpose (a table, a row of choices).
        // Against the phone's own width: a mobile browser widens its viewport to a page wider than the screen.
        const wider = await page.evaluate<string[]>(`(() => {
          const screenWidth = 390;
          const contained = (e) => {
            for (let a = e.parentElement; a && a.id !== 'main-content'; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
            return false;
          };
          return [...document.querySelectorAll('#main-content *')]
            .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > screenWidth + 1 && !contained(e))
            .slice(0, 3).map((e) => e.tagName + ' ' + (e.textContent || '').slice(0, 40));
        })()`);
        expect([path, wider]).toEqual([path, []]);
      }
    }), JOURNEY_TIMEOUT);

  it('the NGO’s cases page does not tell them to open a case they cannot open', () =>
    journey('lists-ngo-cases', pages, async () => {
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto('/cases');
      await expectText(ngo.getByTestId('cases-hint'), '个案由协调员和个案社工开立');
      await expectNotShown(ngo.getByText('在人员档案页为其开立个案'));
    }), JOURNEY_TIMEOUT);

  it('the coordinator sees a skeleton, not “no cases”, until the cases come; finds one by its number and sorts by priority', () =>
    journey('lists-cases', pages, async () => {
      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      // On a slow network the list's first page takes a while: the page shows the shape of rows, never "no cases".
      let slow = true;
      await coordinator.route('**/graphql', async (route) => {
        if (slow && (route.request().postData() ?? '').includes('query Cases')) await new Promise((resolve) => setTimeout(resolve, 2_500));
        await route.continue();
      });
      await coordinator.getByRole('link', { name: '个案', exact: true }).click();
      await coordinator.getByTestId('list-loading').waitFor();
      await expectNotShown(coordinator.getByText('没有符合条件的个案'), 1_000);
      const table = coordinator.getByTestId('cases-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      slow = false;
      await expectNotShown(coordinator.getByTestId('list-loading'), 500);

      // Sorted by priority, the most urgent first.
      await sortBy(coordinator, table, '优先级', 'descending', 'PRIORITY.DESC');
      await until(async () => {
        const all = (await tagsOf(table, 'case-priority')).map((p) => URGENCY.indexOf(p));
        return all.length > 1 && all.every((p, i) => i === 0 || all[i - 1] >= p);
      });
      // Found by the last digits of its number, still sorted by priority.
      const number = (await table.locator('tbody tr.ant-table-row').nth(2).locator('td').first().innerText()).trim();
      const box = coordinator.getByTestId('cases-number').locator('input');
      await search(box, number.slice(-7), addressSays(coordinator, 'number', number.slice(-7)));
      await until(async () => {
        const numbers = await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
        return numbers.includes(number) && numbers.every((n) => n.includes(number.slice(-7)));
      });
      expect(await header(table, '优先级').getAttribute('aria-sort')).toBe('descending');
      // And by number, either way.
      await search(box, '', addressSays(coordinator, 'number', ''));
      await sortBy(coordinator, table, '个案编号', 'ascending', 'NUMBER.ASC');
      await until(async () => {
        const numbers = (await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map((n) => n.trim());
        return numbers.length > 1 && numbers.every((n, i) => i === 0 || numbers[i - 1] <= n);
      });
      await coordinator.screenshot({ path: join(OUTPUT, 'lists-cases-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('the directory finds elderly care by “老人” and the centre by “夕阳红”, and sorts by name', () =>
    journey('lists-directory', pages, async () => {
      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.getByRole('link', { name: '服务目录' }).click();
      const table = caseworker.getByTestId('services-table');
      for (const words of ['老人', '夕阳红']) {
        await search(caseworker.getByLabel('搜索服务'), words, addressSays(caseworker, 'q', words));
        await until(async () => {
          const names = await table.locator('tbody tr.ant-table-row td:first-child a').allInnerTexts();
          return names.length === ELDERLY.length && ELDERLY.every((n) => names.includes(n));
        });
      }
      await caseworker.screenshot({ path: join(OUTPUT, 'lists-directory-zh.png'), fullPage: true });
      await search(caseworker.getByLabel('搜索服务'), '', addressSays(caseworker, 'q', ''));
      await sortBy(caseworker, table, '服务', 'ascending', 'NAME.ASC');
      await until(async () => {
        const names = await table.locator('tbody tr.ant-table-row td:first-child a').allInnerTexts();
        return names.length > 5 && names.every((n, i) => i === 0 || names[i - 1] <= n);
      });
    }), JOURNEY_TIMEOUT);

  it('the admin is asked before a member’s role changes, and sorts and searches the members', () =>
    journey('lists-members', pages, async () => {
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await admin.getByRole('link', { name: '成员管理' }).click();
      const row = admin.getByTestId('member-ngo@zhulian.demo');
      await expectText(row, '工作人员');
      const select = admin.getByTestId('role-ngo@zhulian.demo');
      // Asked first, naming the person, the role they have and the one they would get; cancelled, nothing changed.
      await pickRole(admin, select, '社工（个案）');
      const text = admin.getByTestId('role-change-text');
      await expectText(text, '「工作人员」改为「社工（个案）」');
      await admin.screenshot({ path: join(OUTPUT, 'lists-role-change-zh.png'), fullPage: true });
      await admin.getByTestId('role-change-cancel').click();
      await text.waitFor({ state: 'hidden' });
      await until(async () => (await select.innerText()).includes('工作人员'));
      // Confirmed, it changes; and back again.
      await pickRole(admin, select, '社工（个案）');
      await clickUntilGone(admin.getByTestId('role-change-confirm'));
      await expectText(admin.locator('.ant-message'), '的角色改为');
      await until(async () => (await select.innerText()).includes('社工（个案）'));
      await pickRole(admin, select, '工作人员');
      await clickUntilGone(admin.getByTestId('role-change-confirm'));
      await until(async () => (await select.innerText()).includes('工作人员'));

      // Sorted by e-mail address, then found by part of one.
      const table = admin.getByTestId('members-table');
      await sortBy(admin, table, '邮箱', 'ascending');
      await until(async () => {
        const emails = await table.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
        return emails.length > 1 && emails.every((e, i) => i === 0 || emails[i - 1] <= e);
      });
      await search(admin.getByTestId('members-search').locator('input'), 'ngo@', async () => (await table.locator('tbody tr.ant-table-row').count()) === 1);
      await expectText(table, 'ngo@zhulian.demo');
    }), JOURNEY_TIMEOUT);

  it('the auditor sorts the trail by action and by time', () =>
    journey('lists-audit', pages, async () => {
      const auditor = await newPage();
      await signIn(auditor, 'auditor@zhulian.demo');
      await auditor.getByRole('link', { name: '审计日志' }).click();
      const table = auditor.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await header(table, '时间').getAttribute('aria-sort')).toBe('descending');
      const newest = await auditor.getByTestId('audit-entry').first().innerText();
      await sortBy(auditor, table, '时间', 'ascending');
      await until(async () => (await auditor.getByTestId('audit-entry').first().innerText()) !== newest);
      await sortBy(auditor, table, '操作', 'ascending');
      await auditor.screenshot({ path: join(OUTPUT, 'lists-audit-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);
});
