import { join } from 'node:path';
import { apiAs, browserJourneys, choose, clickUntilShown, expectNotShown, expectText, journey, OUTPUT, signIn, until } from './e2e-harness';

const JOURNEY_TIMEOUT = 180_000;

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

  it('on a phone, in English: the queue fits the screen; a caseworker has no warnings menu and is told nothing about them', () =>
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
      await caseworker.goto('/alerts');
      await expectText(caseworker.getByTestId('alerts-count'), '共 0 条');
    }), JOURNEY_TIMEOUT);
});
