import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, browserJourneys, clickUntilGone, clickUntilShown, expectNotShown, expectText, journey, OUTPUT, search, signIn, tick, until } from './e2e-harness';

// Several browsers at once on a busy two-core machine: a journey may take longer than jest's minute.
jest.setTimeout(180_000);

describe('the web app in a real browser', () => {
  const { newPage, pages } = browserJourneys({ closeAfterEach: true });

  it('signs a coordinator in, in Chinese, after a wrong password that keeps what they typed', () =>
    journey('sign-in', pages, async () => {
      const page = await newPage();
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByRole('heading', { name: '登录助联' }).waitFor();
      await page.getByLabel('邮箱').fill('coordinator@zhulian.demo');
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: /登\s?录/ }).click();
      await expectText(page.getByTestId('login-error'), '邮箱或密码不正确。');
      expect(await page.getByLabel('邮箱').inputValue()).toBe('coordinator@zhulian.demo');

      await page.getByLabel('密码').fill('zhulian-demo');
      await page.getByRole('button', { name: /登\s?录/ }).click();
      await expectText(page.getByTestId('welcome'), '您好，李静');
      await expectText(page.getByTestId('acting-organisation'), '朝阳区民政局');
      await expectText(page.getByTestId('acting-role'), '统筹协调员');
      await page.screenshot({ path: join(OUTPUT, 'home-desktop-zh.png'), fullPage: true });
    }));

  it('switches to English, and stays signed in and in English after a reload', () =>
    journey('language', pages, async () => {
      const page = await newPage();
      await signIn(page, 'coordinator@zhulian.demo');
      await page.getByTestId('language-switch').click();
      await page.getByRole('option', { name: 'English' }).click();
      await expectText(page.getByTestId('welcome'), 'Hello, 李静');
      await expectText(page.getByTestId('acting-role'), 'Coordinator');
      await page.reload();
      await expectText(page.getByTestId('welcome'), 'Hello, 李静');
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      // Nothing a script can read holds the session: the refresh token is an HttpOnly cookie.
      const readable = await page.evaluate<string>(`[document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join(' ')`);
      expect(readable).not.toMatch(/zhulian_refresh|eyJ/);
    }));

  it('lets a person who belongs to two organisations switch between them', () =>
    journey('organisation-switch', pages, async () => {
      const page = await newPage();
      await signIn(page, 'social@zhulian.demo');
      await expectText(page.getByTestId('acting-organisation'), '朝阳区三里屯街道办事处');
      await page.getByTestId('organisation-switch').click();
      await page.getByRole('option', { name: /朝阳区童心儿童与家庭服务社/ }).click();
      await expectText(page.getByTestId('acting-organisation'), '朝阳区童心儿童与家庭服务社');
      await expectText(page.getByTestId('acting-role'), '工作人员');
      await page.getByRole('link', { name: '成员管理' }).click();
      await page.getByTestId('member-ngo2@zhulian.demo').waitFor();
      await expectNotShown(page.getByTestId('member-orgadmin@zhulian.demo'));
    }));

  it('invites a member, who accepts, lands signed in, and can sign in again; then an admin deactivates them mid-session', () =>
    journey('invitation-and-deactivation', pages, async () => {
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await admin.getByRole('link', { name: '成员管理' }).click();
      await admin.getByTestId('invite-open').click();
      await admin.getByTestId('invite-email').fill('zhao.xin@example.org');
      await clickUntilShown(admin.getByTestId('invite-submit'), admin.getByTestId('invite-link'));
      const link = await admin.getByTestId('invite-link').inputValue();
      expect(link).toMatch(/\/accept-invitation\?token=[\w-]{43}$/);

      const invitee = await newPage();
      await invitee.goto(link);
      await invitee.getByRole('heading', { name: '接受邀请' }).waitFor();
      // The page says what the link is for before anything is typed.
      await expectText(invitee.getByTestId('accept-invited-to'), '朝阳区夕阳红养老服务中心邀请您以「工作人员」身份加入');
      await invitee.getByLabel('姓名').fill('赵欣');
      await invitee.getByLabel('密码').fill('short');
      await invitee.getByRole('button', { name: '加入并登录' }).click();
      await expectText(invitee.locator('.ant-form-item-explain-error'), '密码至少需要 10 个字符');
      await invitee.getByLabel('密码').fill('zhaoxin-2026-pass');
      await invitee.getByRole('button', { name: '加入并登录' }).click();
      await expectText(invitee.getByTestId('welcome'), '您好，赵欣');
      await expectText(invitee.getByTestId('acting-organisation'), '朝阳区夕阳红养老服务中心');

      await invitee.getByTestId('sign-out').click();
      await invitee.getByRole('heading', { name: '登录助联' }).waitFor();
      await signIn(invitee, 'zhao.xin@example.org', 'zhaoxin-2026-pass');

      // The admin sees the new member and deactivates them while their session is open.
      await admin.getByTestId('invite-open').page().keyboard.press('Escape');
      await admin.reload();
      await admin.getByTestId('deactivate-zhao.xin@example.org').click();
      await admin.getByRole('button', { name: /确\s?定/ }).click();
      await admin.getByText('已停用 赵欣').waitFor();

      // Their open page learns it from the realtime socket within seconds (and signs out), or at their next request.
      const members = invitee.getByRole('link', { name: '成员管理' });
      if (await members.isVisible()) await members.click({ timeout: 2_000 }).catch(() => undefined);
      await invitee.getByRole('heading', { name: '登录助联' }).waitFor();
      await invitee.getByText('您的登录已失效').waitFor();

      // A second invitation, sent by mistake: the admin sees it pending and revokes it; its link then says so.
      await admin.getByTestId('invite-open').click();
      await admin.getByTestId('invite-email').fill('wrong.address@example.org');
      await clickUntilShown(admin.getByTestId('invite-submit'), admin.getByTestId('invite-link'));
      const mistaken = await admin.getByTestId('invite-link').inputValue();
      await admin.keyboard.press('Escape');
      await expectText(admin.getByTestId('invitation-wrong.address@example.org'), '待接受');
      await admin.getByTestId('invitation-revoke-wrong.address@example.org').click();
      await admin.getByRole('button', { name: /确\s?定/ }).click();
      await admin.getByTestId('invitation-wrong.address@example.org').waitFor({ state: 'detached' });
      const stranger = await newPage();
      await stranger.goto(mistaken);
      await expectText(stranger.getByTestId('accept-invalid'), '此邀请链接已不能使用（已撤销）');
      await expectNotShown(stranger.getByRole('button', { name: '加入并登录' }));
      await stranger.goto('/accept-invitation?token=forged-token-that-never-was-issued-by-us-12345');
      await expectText(stranger.getByTestId('accept-invalid'), '此邀请链接无效');
    }));

  it('fits a phone: one column, a bottom bar within thumb reach, nothing wider than the screen', () =>
    journey('phone', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'volunteer@zhulian.demo');
      // A volunteer's home is the task board, and the bar holds their four places.
      const nav = page.getByRole('navigation', { name: '菜单' });
      for (const place of ['找任务', '我的任务', '时长', '我的资料']) await nav.getByRole('link', { name: place }).waitFor();
      const box = (await nav.boundingBox())!;
      expect(box.y + box.height).toBeGreaterThan(844 - 2);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(OUTPUT, 'home-phone-zh.png'), fullPage: true });
      // Staff have more places than a bar holds: the rest are one tap away under "more".
      const staff = await newPage({ width: 390, height: 844 });
      await signIn(staff, 'ngo@zhulian.demo');
      const bar = staff.getByRole('navigation', { name: '菜单' });
      expect(await bar.getByRole('link').count()).toBeLessThanOrEqual(4);
      // A tap that lands while the menu is still opening can be lost on a loaded machine: tap again, as a person would.
      for (let attempt = 1; !staff.url().endsWith('/members'); attempt += 1) {
        const item = staff.getByRole('menuitem', { name: '成员管理' });
        if (!(await item.isVisible())) await bar.getByTestId('nav-more').click();
        await item.click();
        await staff.waitForURL('**/members', { timeout: 3_000 }).catch((error: unknown) => {
          if (attempt === 3) throw error;
        });
      }
      expect(await staff.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    }));
});

describe('the people registry in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('registers a person, warns of a duplicate, records a consent to an NGO, and the NGO sees exactly the consented fields', () =>
    journey('registry', pages, async () => {
      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.getByRole('link', { name: '人员登记' }).click();
      await caseworker.getByTestId('register-open').click();
      // The list stays on screen while the form's code comes (CI saw the list's 姓名 under /people/new): wait for the form.
      await caseworker.getByTestId('register-submit').waitFor();
      const register = async () => {
        await caseworker.getByLabel('姓名').fill('周桂英');
        await caseworker.getByLabel('证件号码').fill('110105195005060025');
        await caseworker.getByLabel('手机号').fill('13522223333');
        await caseworker.getByLabel('慢性病').fill('高血压');
        await caseworker.getByTestId('register-submit').click();
      };
      await register();
      await expectText(caseworker.getByTestId('person-name'), '周桂英');
      await expectText(caseworker.getByTestId('value-birthDate'), '1950-05-06');
      const personUrl = caseworker.url();

      // The same ID number again: refused, next to the field, with what was typed kept.
      await caseworker.goto('/people/new');
      await register();
      await expectText(caseworker.locator('.ant-form-item-explain-error'), '该证件号码已在助联体内登记');
      expect(await caseworker.getByLabel('姓名').inputValue()).toBe('周桂英');

      // Found again by the whole ID number, typed with spaces as people do.
      await caseworker.goto('/people');
      await search(caseworker.getByLabel('搜索人员'), '110105 19500506 0025',
        async () => (await caseworker.getByTestId('people-count').textContent())?.includes('共 1 人') ?? false);
      await caseworker.getByRole('link', { name: '周桂英' }).click();
      await caseworker.waitForURL(personUrl);
      // The organisations load with the consents: choose by typing once the option is there.
      const ngoOption = caseworker.locator('.ant-select-item-option', { hasText: '朝阳区夕阳红养老服务中心' });
      await caseworker.getByLabel('接收机构').click();
      await caseworker.getByLabel('接收机构').fill('夕阳红');
      await ngoOption.waitFor();
      await caseworker.getByLabel('接收机构').press('Enter');
      await tick(caseworker.getByRole('checkbox', { name: '联系方式' }));
      await caseworker.getByLabel('凭证编号').fill('知情同意书 2026-101');
      await caseworker.getByTestId('consent-submit').click();
      await expectText(caseworker.getByTestId('consent-state'), '有效');

      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto(personUrl);
      await expectText(ngo.getByTestId('person-name'), '周桂英');
      await expectText(ngo.getByTestId('value-phone'), '13522223333');
      await ngo.getByTestId('withheld-chronicIllness').waitFor();
      await ngo.getByTestId('withheld-idNumber').waitFor();
      await expectNotShown(ngo.getByTestId('consents'));
      await ngo.screenshot({ path: join(OUTPUT, 'person-as-ngo-zh.png'), fullPage: true });

      // The district's auditor sees who read what, on what grounds, and that the chain is intact.
      const auditor = await newPage();
      await signIn(auditor, 'auditor@zhulian.demo');
      await auditor.getByRole('link', { name: '审计日志' }).click();
      await expectText(auditor.getByTestId('chain-status'), '审计链完整');
      await auditor.getByText('张伟').first().waitFor();
      await expectNotShown(auditor.getByText('13522223333'));
      await auditor.screenshot({ path: join(OUTPUT, 'audit-trail-zh.png'), fullPage: true });
    }));

  it('founds a household, adds a member from the record, is warned of a duplicate, merges it with a reason, and exports the list', () =>
    journey('households-duplicates-export', pages, async () => {
      const page = await newPage();
      await signIn(page, 'jianwai@zhulian.demo');
      await page.getByRole('link', { name: '人员登记' }).click();
      await page.getByTestId('register-open').click();
      // The list's 姓名 column header is labelled too (it sorts): the form, once it has replaced the list.
      await page.getByTestId('people-table').waitFor({ state: 'detached' });
      await page.getByLabel('姓名').fill('欧阳振邦');
      await page.getByLabel('证件号码').fill('110105195203140317');
      await page.getByLabel('手机号').fill('13911112222');
      await page.getByLabel('住址', { exact: true }).fill('朝阳区建外街道光华里 8 号');
      await tick(page.getByRole('radio', { name: '新建家庭（此人为户主）' }));
      await page.getByLabel('家庭月收入（元）').fill('3200');
      await page.getByTestId('register-submit').click();
      await expectText(page.getByTestId('person-name'), '欧阳振邦');
      await expectText(page.getByTestId('household'), '户主');
      await expectText(page.getByTestId('value-household-monthlyIncomeCents'), '3200.00');
      await expectText(page.getByTestId('value-household-address'), '朝阳区建外街道光华里 8 号');
      const headUrl = page.url();
      const headId = headUrl.split('/').pop()!;

      // From the head's record: the household is chosen, its address offered, the relation asked.
      await page.getByTestId('household-add-member').click();
      await page.getByRole('heading', { name: '登记家庭成员' }).waitFor();
      await page.getByText('户主 欧阳振邦').waitFor();
      expect(await page.getByLabel('住址', { exact: true }).inputValue()).toBe('朝阳区建外街道光华里 8 号');
      await page.getByLabel('姓名').fill('柏玉琴');
      await page.getByLabel('出生日期').fill('1954-08-20');
      await page.getByLabel('与户主关系').click();
      await page.locator('.ant-select-item-option', { hasText: '配偶' }).click();
      await page.getByTestId('register-submit').click();
      await expectText(page.getByTestId('person-name'), '柏玉琴');
      const members = page.getByTestId('household-members');
      await members.getByRole('link', { name: '欧阳振邦' }).waitFor();
      await expectText(page.getByTestId(`household-member-${headId}`), '户主');
      await expectText(members, '配偶');

      // The same man again, from a community visit: his ID number is known, then he came without it.
      await page.goto('/people/new');
      await page.getByLabel('姓名').fill('欧阳振邦');
      await page.getByLabel('证件号码').fill('110105 19520314 0317');
      await expectText(page.locator('.ant-form-item-explain-warning'), '该证件号码已在助联体内登记');
      await page.getByLabel('证件号码').fill('');
      await page.getByLabel('出生日期').fill('1952-03-14');
      await page.getByLabel('手机号').fill('13700001111');
      const candidates = page.getByTestId('duplicate-candidates');
      await expectText(candidates, '姓名相近且出生日期相同');
      await expectText(page.getByTestId(`candidate-score-${headId}`), '相似度 95%');
      await expectNotShown(page.locator('.ant-form-item-explain-warning'));
      expect(await page.getByTestId(`candidate-open-${headId}`).getAttribute('href')).toBe(`/people/${headId}`);
      await page.screenshot({ path: join(OUTPUT, 'register-duplicate-zh.png'), fullPage: true });
      await page.getByTestId('register-submit').click();
      await expectText(page.getByTestId('person-name'), '欧阳振邦');
      const duplicateUrl = page.url();
      const duplicateId = duplicateUrl.split('/').pop()!;
      expect(duplicateId).not.toBe(headId);

      // The coordinator folds the second record into the first, saying why.
      await page.goto(headUrl);
      await page.getByTestId('merge-open').click();
      await tick(page.getByRole('radio', { name: /欧阳振邦/ }));
      expect(await page.getByTestId('merge-record-id').inputValue()).toBe(duplicateId);
      await page.getByLabel('合并理由').fill('同一人：社区走访时未带身份证，姓名与出生日期一致，已电话核实。');
      await page.screenshot({ path: join(OUTPUT, 'merge-dialog-zh.png') });
      await page.getByTestId('merge-submit').click();
      await clickUntilGone(page.getByRole('button', { name: '确认合并' }));
      await expectText(page.getByTestId('merge-result'), '已将「欧阳振邦」并入此档案');
      await expectText(page.getByTestId('merged-from'), '此档案由 1 份重复档案合并而来');
      // The merged record's id leads to the one that stays.
      await page.goto(duplicateUrl);
      await page.getByTestId('merged-into-note').waitFor();
      await expectText(page.getByTestId('value-phone'), '13911112222');
      await page.screenshot({ path: join(OUTPUT, 'person-merged-zh.png'), fullPage: true });

      // A caseworker of the office sees the household's members, not its address or income, and may add to it but not merge.
      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.goto(headUrl);
      await expectText(caseworker.getByTestId('household-members'), '柏玉琴');
      await caseworker.getByTestId('withheld-household-address').waitFor();
      await caseworker.getByTestId('withheld-household-monthlyIncomeCents').waitFor();
      await expectText(caseworker.getByTestId('value-household-regionCode'), '朝阳区');
      await caseworker.getByTestId('household-add-member').waitFor();
      await expectNotShown(caseworker.getByTestId('merge-open'));

      // The list, by name, downloaded as a spreadsheet with the merged record gone from it.
      await page.getByRole('link', { name: '人员登记' }).click();
      await page.getByText('按姓名').click();
      await page.getByTestId('people-order-hint').waitFor();
      // Asked what the list is for; ID numbers leave masked unless asked for with a reason.
      await page.getByTestId('people-export').click();
      await page.getByTestId('export-purpose').waitFor();
      // Submitted empty (once the dialog has opened — a click during its opening animation can land on nothing), it asks for the purpose.
      const asked = page.locator('.ant-form-item-explain-error').filter({ hasText: '请说明名单的用途' });
      await until(async () => (await asked.count()) > 0 || (await page.getByTestId('export-submit').click().then(() => false)));
      await page.getByTestId('export-purpose').fill('季度入户走访名单');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-submit').click()]);
      expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).split('\r\n');
      expect(lines[0]).toMatch(/^记录编号,姓名,性别,出生年份,出生日期,/);
      const rows = lines.filter((line) => line.includes('欧阳振邦'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(headId);
      expect(rows[0]).toContain('13911112222');
      expect(rows[0]).toContain('110105***********7');
      expect(rows[0]).not.toContain('110105195203140317');
      await page.getByText(/^已导出 \d+ 人$/).waitFor();
    }));

  it('lets the district’s auditor find the export highlighted, filter by identity data and by a staff member, and load more — on a phone too', () =>
    journey('auditor', pages, async () => {
      const caseworker = await apiAs(product().url, 'caseworker@zhulian.demo');
      for (const [width, height] of [[1280, 800], [390, 844]]) {
        const auditor = await newPage({ width, height });
        await signIn(auditor, 'auditor@zhulian.demo');
        await auditor.goto('/audit');
        await expectText(auditor.getByTestId('chain-status'), '审计链完整');
        if (width > 500) {
          // The export of the journey before: highlighted, with its purpose, and the office whose records left.
          const exported = auditor.getByTestId('audit-entry').filter({ hasText: '季度入户走访名单' }).first();
          await expectText(exported.getByTestId('audit-highlight'), '数据导出');
          await expectText(exported, '档案所属：朝阳区建外街道办事处');
          // Enough reads for more than one page: the caseworker opens the phones of a hundred of their people.
          await caseworker(`{ people(first: 100) { edges { node { phone } } } }`);
          await auditor.reload();
          await expectText(auditor.getByTestId('audit-entry').first(), '张伟');
        }
        // Load more appends the next fifty: the first entry stays, new ones come below it.
        const first = await auditor.getByTestId('audit-entry').first().innerText();
        const before = await auditor.getByTestId('audit-entry').count();
        await auditor.getByTestId('audit-more').click();
        await until(async () => (await auditor.getByTestId('audit-entry').count()) > before);
        expect(await auditor.getByTestId('audit-entry').first().innerText()).toBe(first);
        // Identity data only: every entry names an identity field, and none shows a value.
        await auditor.getByLabel('按信息类别').click();
        await auditor.locator('.ant-select-item-option', { hasText: '身份信息' }).click();
        await expectText(auditor.getByTestId('audit-entry').first(), '身份信息');
        const identity = await auditor.getByTestId('audit-entry').allInnerTexts();
        expect(identity.every((text) => text.includes('身份信息'))).toBe(true);
        expect(identity.join('\n')).not.toMatch(/\d{17}[\dX]/);
        // And one staff member's doing.
        await auditor.getByLabel('按工作人员').click();
        await auditor.getByLabel('按工作人员').fill('陈红');
        await auditor.locator('.ant-select-item-option', { hasText: '陈红' }).first().click();
        await until(async () => (await auditor.getByTestId('audit-entry').allInnerTexts()).every((text) => text.includes('陈红')));
        if (width < 500) expect(await auditor.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        await auditor.screenshot({ path: join(OUTPUT, `audit-trail-${width < 500 ? 'phone' : 'desktop'}-zh.png`), fullPage: true });
      }
    }), 180_000);
});
