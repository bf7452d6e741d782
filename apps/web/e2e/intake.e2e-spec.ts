import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressSays, apiAs, browserJourneys, choose, clickUntilShown, expectText, journey, OUTPUT, search, signIn, tick, until } from './e2e-harness';

const JOURNEY_TIMEOUT = 240_000;
const ELDERLY_NGO = '朝阳区夕阳红养老服务中心';

/** A resident ID number with its check character (GB 11643: ISO 7064 MOD 11-2). */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

describe('one-stop intake (一件事一次办) in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('the district imports disability registrations → a warning appears → the street office’s coordinator takes the person in through one intake → the elderly-care NGO receives the referral', () =>
    journey('intake-from-signal', pages, async () => {
      // An older woman the street office holds, whose disability the disabled persons' federation has just registered.
      const street = await apiAs(product().url, 'jianwai@zhulian.demo');
      const idNumber = withCheck('11010519440615032');
      await street(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        { input: { fullName: '葛秀珍', idNumber, regionCode: '110105', address: '朝阳区建外街道永安里 8 号', newHousehold: {} } });
      const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const others = Array.from({ length: 5 }, (_, i) => withCheck(`11010519380202${String(800 + i).padStart(3, '0')}`));
      const file = join(OUTPUT, 'disability-registrations.csv');
      writeFileSync(file, `${['身份证号,登记日期', ...[idNumber, ...others].map((n) => `${n},${recent}`)].join('\n')}\n`);

      const office = await newPage();
      await signIn(office, 'coordinator@zhulian.demo');
      await office.goto('/signals');
      await office.getByTestId('signal-kind').getByText('残疾登记').click();
      await office.getByTestId('signal-import').locator('input[type=file]').setInputFiles(file);
      await office.getByTestId('signal-start').click();
      await expectText(office.getByTestId('signal-phase'), '导入完成');

      // The warning reaches the coordinator of the office holding her, without waiting for the night.
      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      const row = coordinator.getByTestId('alert-row').filter({ hasText: '葛秀珍' });
      await until(async () => {
        await coordinator.goto('/alerts?rule=DISABILITY_NEWLY_REGISTERED');
        await coordinator.getByTestId('alerts-count').waitFor();
        return (await row.count()) === 1;
      }, 30_000);
      await row.click();
      const alertUrl = coordinator.url().replace(/^https?:\/\/[^/]+/, '');
      await coordinator.getByTestId('alert-intake').click();
      await coordinator.waitForURL(/\/intake\?alert=/);

      // Step 1: she is already registered — no second record.
      await expectText(coordinator.getByTestId('intake-alert'), '新登记残疾');
      await expectText(coordinator.getByTestId('intake-known-person'), '葛秀珍');
      await coordinator.getByTestId('intake-next').click();
      // Step 2: what she needs.
      await choose(coordinator, coordinator.getByTestId('intake-needs').locator('input'), '养老');
      await coordinator.getByTestId('intake-summary').fill('新登记肢体残疾，独居，需要上门照护。');
      await coordinator.getByTestId('intake-next').click();
      // Step 3: the services that fit her (over 60, in Chaoyang), with why; home care chosen.
      const homeCare = coordinator.getByTestId('intake-matches').locator('.ant-list-item', { hasText: '居家上门照护' });
      await expectText(homeCare, ELDERLY_NGO);
      await tick(homeCare.getByRole('checkbox'));
      await coordinator.getByTestId('intake-note').fill('行动不便，需每周上门两次。');
      await coordinator.screenshot({ path: join(OUTPUT, 'intake-services-zh.png'), fullPage: true });
      await coordinator.getByTestId('intake-next').click();
      // Step 4: the consent it needs, on the form she signs; the form number is required.
      await expectText(coordinator.getByTestId('intake-consent'), `同意向${ELDERLY_NGO}转介并共享`);
      await coordinator.getByTestId('intake-next').click();
      await expectText(coordinator.locator('.ant-form-item-explain-error'), '同意书编号');
      await coordinator.getByTestId('intake-evidence').fill('YJS-2026-0107');
      await coordinator.getByTestId('intake-next').click();
      // Step 5: everything once more, then all of it at once.
      await expectText(coordinator.getByTestId('intake-review'), '居家上门照护');
      await coordinator.screenshot({ path: join(OUTPUT, 'intake-review-zh.png'), fullPage: true });
      await coordinator.getByTestId('intake-submit').click();
      await expectText(coordinator.getByTestId('intake-done'), '已为葛秀珍办理完成');
      await expectText(coordinator.getByTestId('intake-done'), '发出 1 个转介');
      const referralHref = await coordinator.getByTestId('intake-done').getByRole('link', { name: ELDERLY_NGO }).getAttribute('href');
      await coordinator.screenshot({ path: join(OUTPUT, 'intake-done-zh.png'), fullPage: true });
      await coordinator.goto(alertUrl);
      await expectText(coordinator.getByTestId('alert-decision'), '已确认跟进');

      // The NGO finds the referral among those waiting for its answer, blind until it accepts.
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto('/referrals');
      await ngo.getByText('待回应', { exact: true }).click();
      const referralId = referralHref!.split('/').pop()!;
      // A click on the row while the filtered list is still coming can be lost on a loaded machine.
      await clickUntilShown(ngo.getByTestId(`referral-${referralId}`), ngo.getByTestId('referral-note'));
      await expectText(ngo.getByTestId('referral-note'), '每周上门两次');
      await expectText(ngo.getByTestId('referral-person-locked'), '接受后显示');
    }), JOURNEY_TIMEOUT);

  it('a caseworker at the front desk takes in a grandmother and her grandchild: the duplicate check, two consents, a refusal that leaves nothing, then all of it at once', () =>
    journey('intake-front-desk', pages, async () => {
      const page = await newPage();
      await signIn(page, 'caseworker@zhulian.demo');
      await page.goto('/people');
      await page.getByTestId('intake-open').click();
      await page.waitForURL('**/intake');
      // The tab names the page; the first Tab reaches "skip to content"; the app has its icon.
      await until(async () => (await page.title()) === '一件事一次办 · 助联');
      await page.keyboard.press('Tab');
      await expectText(page.locator(':focus'), '跳到主要内容');
      expect((await fetch(`${product().url}/favicon.svg`)).headers.get('content-type')).toContain('image/svg+xml');

      // An ID number already registered (葛秀珍's is not hers to know; one registered by the office is):
      // the intake is refused at the ID number, and nothing of it is kept.
      const street = await apiAs(product().url, 'jianwai@zhulian.demo');
      const taken = withCheck('11010519470909041');
      await street(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        { input: { fullName: '已登记者', idNumber: taken, regionCode: '110105' } });

      await page.getByTestId('intake-full-name').fill('郑玉兰');
      await page.getByTestId('intake-id-number').fill(taken);
      await page.getByTestId('intake-add-member').click();
      await page.getByTestId('intake-member-name').fill('郑小雨');
      await choose(page, page.getByTestId('intake-member-relation').locator('input'), '孙子女');
      await page.getByTestId('intake-member-id').fill(withCheck('11010520150301062'));
      await page.getByTestId('intake-next').click();
      await choose(page, page.getByTestId('intake-needs').locator('input'), '养老');
      await page.getByTestId('intake-next').click();
      const meals = page.getByTestId('intake-matches').locator('.ant-list-item', { hasText: '长者助餐' });
      await expectText(meals, ELDERLY_NGO);
      await tick(meals.getByRole('checkbox'));
      // Health data too: that needs a consent of its own.
      await tick(page.getByTestId('intake-chosen').getByRole('checkbox', { name: '健康' }));
      await page.getByTestId('intake-next').click();
      await until(async () => (await page.getByTestId('intake-consent').count()) === 2);
      await page.getByTestId('intake-evidence').fill('YJS-2026-0108');
      await page.getByTestId('intake-next').click();
      await expectText(page.getByTestId('intake-review'), '郑小雨');
      await page.getByTestId('intake-submit').click();
      await expectText(page.getByTestId('intake-error'), '该证件号码已在助联体内登记');
      await expectText(page.locator('.ant-form-item-explain-error'), '该证件号码已在助联体内登记');
      await page.screenshot({ path: join(OUTPUT, 'intake-refused-zh.png'), fullPage: true });
      const caseworker = await apiAs(product().url, 'caseworker@zhulian.demo');
      const { people } = await caseworker<{ people: { edges: unknown[] } }>(`{ people(first: 5, search: { name: "郑小雨" }) { edges { node { id } } } }`);
      expect(people.edges).toHaveLength(0);

      // Her own number, and the same intake goes through whole.
      await page.getByTestId('intake-id-number').fill(withCheck('11010519490412042'));
      for (let i = 0; i < 4; i += 1) await page.getByTestId('intake-next').click();
      await page.getByTestId('intake-submit').click();
      await expectText(page.getByTestId('intake-done'), '已为郑玉兰办理完成');
      await expectText(page.getByTestId('intake-done'), '记录 2 份同意，登记 1 名家庭成员');
      await page.getByTestId('intake-open-case').click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await expectText(page.getByTestId('need'), '养老');
      // The case's number, as said on the phone, finds it in the list.
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
      const caseNumber = (await page.getByTestId('case-number').textContent())!.trim();
      expect(caseNumber).toMatch(new RegExp(`^建外-${year}-\\d{4}$`));
      await page.goto('/cases?view=all');
      await search(page.getByTestId('cases-number').locator('input'), caseNumber.slice(-9), addressSays(page, 'number', caseNumber.slice(-9)));
      await until(async () => (await page.locator('tbody tr.ant-table-row').count()) === 1 && (await page.locator('tbody tr.ant-table-row').first().textContent())!.includes('郑玉兰'));
    }), JOURNEY_TIMEOUT);
});
