import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, browserJourneys, choose, clickUntilShown, expectNotShown, expectText, journey, OUTPUT, signIn, until } from './e2e-harness';

const JOURNEY_TIMEOUT = 180_000;

/** A resident ID number with its check character (GB 11643: ISO 7064 MOD 11-2). */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

describe('early warnings in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('a street-office coordinator works the morning’s warnings: dismisses one with a reason, opens a case from another, and sees the rules’ precision move', () =>
    journey('insights-coordinator', pages, async () => {
      const page = await newPage();
      await signIn(page, 'jianwai@zhulian.demo');
      // The worklist shows the warnings to decide, and leads to all of them.
      const section = page.getByTestId('worklist-alerts');
      await section.getByTestId('worklist-alert').first().waitFor();
      await section.getByRole('link', { name: '查看全部预警' }).click();
      await page.waitForURL('**/alerts');
      await expectText(page.getByTestId('alerts-count'), '共');

      // An older person living alone: the facts behind it, then dismissed as already helped.
      await choose(page, page.getByTestId('alerts-rule').locator('input'), '高龄独居');
      await page.waitForURL(/rule=ELDERLY_ALONE_NO_CONTACT/);
      const first = page.getByTestId('alert-row').first();
      await first.waitFor();
      await first.click();
      await expectText(page.getByTestId('alert-facts'), '独自居住，登记有慢性病或残疾');
      await page.screenshot({ path: join(OUTPUT, 'insights-alert-zh.png'), fullPage: true });
      const elderlyUrl = page.url();
      await clickUntilShown(page.getByTestId('alert-dismiss'), page.getByTestId('alert-reason'));
      // "Other" needs a word of why: the form says so at the field and sends nothing.
      await page.getByTestId('alert-reason').click();
      await page.locator('.ant-select-item-option[title="其他"]').click();
      await page.getByTestId('alert-dismiss-submit').click();
      await expectText(page.locator('.ant-form-item-explain-error'), '选择“其他”时请简单说明理由');
      await choose(page, page.getByTestId('alert-reason').locator('input'), '已在其他渠道得到帮助');
      await page.getByTestId('alert-dismiss-submit').click();
      await expectText(page.getByTestId('alert-decision'), '已排除');
      await expectNotShown(page.getByTestId('alert-dismiss'));

      // A household below the minimum-living line: a case opened from the warning takes it on.
      await page.goto('/alerts?rule=LOW_INCOME_NO_DIBAO');
      const low = page.getByTestId('alert-row').first();
      await low.waitFor();
      await low.click();
      await expectText(page.getByTestId('alert-facts'), '低保标准');
      const lowUrl = page.url();
      await clickUntilShown(page.getByTestId('alert-open-case'), page.getByTestId('case-needs'));
      await choose(page, page.getByTestId('case-needs').locator('input'), '生活', '生活救助');
      await page.getByTestId('case-open-submit').click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.goto(lowUrl.replace(/^https?:\/\/[^/]+/, ''));
      await expectText(page.getByTestId('alert-decision'), '已确认跟进');

      // The rules page counts both decisions among the warnings this coordinator sees.
      await page.goto('/alerts/rules');
      await page.getByTestId('rule-ELDERLY_ALONE_NO_CONTACT-110000').waitFor();
      const elderlyRow = page.locator('tr', { has: page.getByTestId('rule-ELDERLY_ALONE_NO_CONTACT-110000') });
      await expectText(elderlyRow, '0%');
      const lowRow = page.locator('tr', { has: page.getByTestId('rule-LOW_INCOME_NO_DIBAO-110000') });
      await expectText(lowRow, '100%');
      await page.screenshot({ path: join(OUTPUT, 'insights-rules-zh.png'), fullPage: true });

      // The same decision read back through the API.
      const coordinator = await apiAs(product().url, 'jianwai@zhulian.demo');
      const id = elderlyUrl.split('/').pop()!;
      const { insightAlert } = await coordinator<{ insightAlert: { status: string; reasonCode: string } }>(
        `query($id: ID!) { insightAlert(id: $id) { status reasonCode } }`, { id });
      expect(insightAlert).toEqual({ status: 'DISMISSED', reasonCode: 'ALREADY_HELPED' });
    }), JOURNEY_TIMEOUT);

  it('the district office imports a utility company’s arrears file: only matched rows kept, bad rows named by line; the street office’s coordinator finds the warnings at once', () =>
    journey('insights-signal-import', pages, async () => {
      // Six people the street office holds (their ID numbers, which its coordinator may read), six numbers of no one, and a mistyped one.
      const street = await apiAs(product().url, 'jianwai@zhulian.demo');
      const { people } = await street<{ people: { edges: { node: { idNumber: string | null; regionCode: string | null } }[] } }>(
        `{ people(first: 50) { edges { node { idNumber regionCode } } } }`);
      const known = people.edges.map((e) => e.node.idNumber).filter((n): n is string => !!n && !n.includes('*')).slice(0, 6);
      expect(known).toHaveLength(6);
      const made = Array.from({ length: 6 }, (_, i) => withCheck(`11010519390101${String(700 + i).padStart(3, '0')}`));
      const recent = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
      const mistyped = `${made[0].slice(0, 17)}${made[0][17] === '1' ? '2' : '1'}`;
      const lines = ['身份证号,欠费日期,欠费金额', ...[...known, ...made].map((n, i) => `${n},${recent},${300 + i}.50`), `${mistyped},${recent},10`];
      const file = join(OUTPUT, 'utility-arrears.csv');
      writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);

      const office = await newPage();
      await signIn(office, 'coordinator@zhulian.demo');
      await office.getByTestId('worklist-no-records').getByRole('link', { name: /导入医保、水电、残联等部门的数据/ }).click();
      await office.waitForURL('**/signals');
      await office.getByTestId('signal-kind').getByText('水电燃气欠费').click();
      await office.getByTestId('signal-import').locator('input[type=file]').setInputFiles(file);
      await expectText(office.getByTestId('signal-file'), '13 行');
      await office.getByTestId('signal-start').click();
      await expectText(office.getByTestId('signal-phase'), '导入完成');
      await expectText(office.getByTestId('signal-matched'), '6');
      await expectText(office.getByTestId('signal-unmatched'), '6');
      await expectText(office.getByTestId('signal-invalid'), '1');
      await expectText(office.getByTestId('signal-issues'), '身份证号校验位不对');
      await expectText(office.getByTestId('signal-issues').locator('td'), '14');
      await office.screenshot({ path: join(OUTPUT, 'insights-signal-import-zh.png'), fullPage: true });
      // The same file again: nothing imported twice.
      await office.getByTestId('signal-import').locator('input[type=file]').setInputFiles(file);
      await office.getByTestId('signal-start').click();
      await expectText(office.getByTestId('signal-note'), '导入过');
      await expectText(office.getByTestId('signal-history'), 'utility-arrears.csv');

      // The street office holds those people: its coordinator finds the warnings without waiting for the night.
      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      await until(async () => {
        await coordinator.goto('/alerts?rule=UTILITY_ARREARS_RECENT');
        await coordinator.getByTestId('alerts-count').waitFor();
        return (await coordinator.getByTestId('alert-row').count()) === 6;
      }, 30_000);
      await coordinator.getByTestId('alert-row').first().click();
      await expectText(coordinator.getByTestId('alert-facts'), '其他部门推送了 1 条相关记录');
      await coordinator.screenshot({ path: join(OUTPUT, 'insights-signal-alert-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('the district office sees its district in numbers — charts, tables, small counts withheld — and takes them away as CSV', () =>
    journey('insights-dashboard', pages, async () => {
      const office = await newPage();
      await signIn(office, 'coordinator@zhulian.demo');
      await office.getByTestId('worklist-no-records').getByRole('link', { name: /区域概览/ }).click();
      await office.waitForURL('**/oversight');
      await expectText(office.getByTestId('dashboard-title'), '朝阳区概览');
      const people = office.getByTestId('dashboard-people');
      await people.waitFor();
      expect(Number((await people.locator('.ant-statistic-content').textContent())?.trim())).toBeGreaterThanOrEqual(200);
      await office.getByTestId('dashboard-age-chart').locator('canvas').waitFor();
      await office.getByTestId('dashboard-need-chart').locator('canvas').waitFor();
      await expectText(office.getByTestId('dashboard-referrals'), '朝阳区夕阳红养老服务中心');
      // The demo's rarer needs have fewer than five open cases: withheld, and said why.
      await office.getByTestId('withheld-count').first().waitFor();
      // The services working in the district with their places (home care is full), and the volunteers' confirmed hours:
      // the demo's four volunteers are fewer than five, so their count and their hours are withheld.
      const services = office.getByTestId('dashboard-services');
      await expectText(services, '长者助餐');
      await expectText(services, '/ 150 份/日');
      await expectText(services.locator('tr', { hasText: '居家上门照护' }), '100%');
      const hours = office.getByTestId('dashboard-hours');
      await hours.getByTestId('dashboard-hours-chart').locator('canvas').waitFor();
      expect(await hours.getByTestId('dashboard-hours-months').locator('tbody tr').count()).toBe(12);
      await expectText(hours, '少于5');
      await hours.getByTestId('withheld-hours').first().waitFor();
      await office.screenshot({ path: join(OUTPUT, 'insights-dashboard-zh.png'), fullPage: true });
      const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('dashboard-csv').click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('登记人员');
      expect(csv).toContain('少于 5 人的数字');
      expect(csv).toContain('长者助餐');
      expect(csv).toContain('近12个月志愿服务时长');

      const phone = await newPage({ width: 390, height: 844 });
      await signIn(phone, 'auditor@zhulian.demo');
      await phone.goto('/oversight');
      await expectText(phone.getByTestId('dashboard-title'), '朝阳区概览');
      await phone.getByTestId('dashboard-age-chart').locator('canvas').waitFor();
      await until(async () => (await phone.evaluate<number>('document.documentElement.scrollWidth')) <= 390);
      await phone.screenshot({ path: join(OUTPUT, 'insights-dashboard-phone-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('on a phone, in English: the queue fits the screen; a caseworker has no warnings menu and is told nothing about them, not even how many', () =>
    journey('insights-phone-and-others', pages, async () => {
      const phone = await newPage({ width: 390, height: 844, locale: 'en' });
      await signIn(phone, 'jianwai@zhulian.demo');
      await phone.getByTestId('language-switch').waitFor();
      await phone.goto('/alerts');
      await expectText(phone.getByTestId('alerts-count'), 'in all');
      await phone.getByTestId('alert-severity').first().waitFor();
      await until(async () => (await phone.evaluate<number>('document.documentElement.scrollWidth')) <= 390);
      await phone.screenshot({ path: join(OUTPUT, 'insights-queue-phone-en.png'), fullPage: true });

      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await expectNotShown(caseworker.locator('a[href="/alerts"]'));
      // Typed in, the queue is not for a caseworker: the page says so, and not even a count is shown.
      await caseworker.goto('/alerts');
      await expectText(caseworker.getByTestId('not-for-role'), '此页面不适用于您当前的角色');
      expect(await caseworker.getByTestId('alerts-count').count()).toBe(0);
    }), JOURNEY_TIMEOUT);
});
