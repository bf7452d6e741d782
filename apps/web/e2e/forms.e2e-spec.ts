import { join } from 'node:path';
import { checkCharacter } from '@zhulian/registry';
import type { Locator, Page } from 'playwright-core';
import { acceptInvitation, apiAs, browserJourneys, expectNotShown, expectText, journey, OUTPUT, signIn, until } from './e2e-harness';

/** Several sign-ins on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 180_000;

/** A resident ID number that passes every check, for a region, a birth date and a sequence. */
const validId = (region: string, birth: string, sequence: string) => `${region}${birth}${sequence}${checkCharacter(`${region}${birth}${sequence}`)}`;
/** The same number with any other last character: only the check digit is wrong. */
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

/** Whether the whole of an element is on screen now. */
async function onScreen(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= viewport.height;
}

/**
 * The forms and the roles as people meet them: a wrong ID check digit is said at the field, as it is
 * left and again on submit, with the page brought there; a half-filled form asks before it is left and
 * keeps what was typed; a used or forged invitation link says so; a volunteer who types an address that
 * is not for them is told so; a switch of organisation on a case lands on the cases list.
 */
describe('forms and roles in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('says a wrong ID check digit at the field on blur and on submit, scrolled there, on a phone; asks before half-filled work is left; saves without asking', () =>
    journey('forms-id-check-digit', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'caseworker@zhulian.demo');
      await page.goto('/people/new');
      const idField = page.getByTestId('register-id-number');
      const idItem = page.locator('.ant-form-item', { has: idField });
      const id = validId('110105', '19620415', '337');

      // Leaving the field with a wrong last digit: the reason, there and then.
      await page.getByLabel('姓名', { exact: true }).fill('欧阳秀兰');
      await idField.fill(wrongCheckDigit(id));
      await idField.press('Tab');
      await expectText(idItem.locator('.ant-form-item-explain-error'), '证件号码最后一位校验不通过');
      await page.screenshot({ path: join(OUTPUT, 'forms-id-check-digit-blur-zh.png') });

      // On submit, from the bottom of the form, with a second field wrong: both said at once, the page back at the first.
      await page.getByLabel('手机号', { exact: true }).fill('138001380');
      await page.getByTestId('register-submit').scrollIntoViewIfNeeded();
      expect(await onScreen(page, idField)).toBe(false);
      await page.getByTestId('register-submit').click();
      await expectText(idItem.locator('.ant-form-item-explain-error'), '证件号码最后一位校验不通过');
      await expectText(page.locator('.ant-form-item-explain-error'), '请输入 11 位手机号');
      await until(() => onScreen(page, idField));
      await page.screenshot({ path: join(OUTPUT, 'forms-id-check-digit-submit-zh.png') });
      expect(page.url()).toMatch(/\/people\/new$/);

      // The error goes as soon as the number is corrected, before the field is left.
      await idField.fill(id);
      await idItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      // Still in the field: corrected as it was typed, not when left.
      expect(await page.locator(':focus').getAttribute('data-testid')).toBe('register-id-number');

      // Leaving for another section with the form half filled: asked; staying keeps every character.
      await page.getByRole('navigation').getByRole('link', { name: '个案' }).click();
      await page.getByTestId('unsaved-stay').waitFor();
      await expectText(page.locator('.ant-modal'), '您填写的内容还没有保存');
      await page.screenshot({ path: join(OUTPUT, 'forms-unsaved-ask-zh.png') });
      await page.getByTestId('unsaved-stay').click();
      await page.getByTestId('unsaved-stay').waitFor({ state: 'hidden' });
      expect(page.url()).toMatch(/\/people\/new$/);
      expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('欧阳秀兰');
      expect(await idField.inputValue()).toBe(id);

      // Closing the tab asks too (the browser's own question); dismissed, the page and its input stay.
      const asked = page.waitForEvent('dialog');
      await page.close({ runBeforeUnload: true });
      const dialog = await asked;
      expect(dialog.type()).toBe('beforeunload');
      await dialog.dismiss();
      expect(page.isClosed()).toBe(false);
      expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('欧阳秀兰');

      // Saved: on to the new record without a question.
      await page.getByLabel('手机号', { exact: true }).fill('138 0013 8377');
      await page.getByTestId('register-submit').click();
      await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
      await expectText(page.getByTestId('person-name'), '欧阳秀兰');
      await expectNotShown(page.getByTestId('unsaved-stay'));
    }), JOURNEY_TIMEOUT);

  it('leaves a half-filled form when told to, and stays away', () =>
    journey('forms-unsaved-leave', pages, async () => {
      const page = await newPage();
      await signIn(page, 'jianwai@zhulian.demo');
      await page.goto('/people/new');
      await page.getByLabel('姓名', { exact: true }).fill('司马春燕');
      await page.getByRole('menu').getByRole('link', { name: '个案' }).click();
      await page.getByTestId('unsaved-leave').click();
      await page.waitForURL(/\/cases$/);
      // Back on an untouched form, nothing is asked.
      await page.goto('/people/new');
      await page.getByLabel('姓名', { exact: true }).waitFor();
      await page.getByRole('menu').getByRole('link', { name: '个案' }).click();
      await page.waitForURL(/\/cases$/);
      await expectNotShown(page.getByTestId('unsaved-stay'));
    }), JOURNEY_TIMEOUT);

  it('says an invitation link already used, or never issued, cannot be used, instead of showing the form', () =>
    journey('forms-invitation-spent', pages, async () => {
      const admin = await apiAs(product().url, 'orgadmin@zhulian.demo');
      const { inviteMember } = await admin<{ inviteMember: { token: string } }>(
        `mutation { inviteMember(input: { email: "xu.lan@example.org", role: STAFF }) { token } }`);
      await acceptInvitation(product().url, { token: inviteMember.token, displayName: '徐岚', password: 'a-long-password-1' });

      const page = await newPage({ width: 390, height: 844 });
      await page.goto(`/accept-invitation?token=${encodeURIComponent(inviteMember.token)}`);
      await expectText(page.getByTestId('accept-invalid'), '此邀请链接已不能使用（已接受）');
      await expectText(page.getByTestId('accept-used'), '如果是您本人接受的，请直接登录');
      await expectNotShown(page.getByLabel('密码', { exact: true }));
      await page.screenshot({ path: join(OUTPUT, 'forms-invitation-used-zh.png') });

      await page.goto('/accept-invitation?token=forged-link-that-was-never-issued-0123456789abcdef');
      await expectText(page.getByTestId('accept-invalid'), '此邀请链接无效');
      await expectNotShown(page.getByLabel('密码', { exact: true }));
    }), JOURNEY_TIMEOUT);

  it('tells a volunteer who types /members or /audit that the page is not for their role, and offers neither', () =>
    journey('forms-volunteer-role-pages', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'volunteer@zhulian.demo');
      const nav = page.getByRole('navigation');
      await nav.getByRole('link').first().waitFor();
      expect(await nav.getByRole('link', { name: /成员管理|审计日志/ }).count()).toBe(0);
      for (const path of ['/members', '/audit']) {
        await page.goto(path);
        await expectText(page.getByTestId('not-for-role'), '此页面不适用于您当前的角色');
        await expectText(page.getByTestId('not-for-role'), '您正以「志愿者」身份代表朝阳区“邻里守望”志愿者服务队');
        await expectNotShown(page.locator('.ant-alert-error'));
      }
      await page.screenshot({ path: join(OUTPUT, 'forms-not-for-role-zh.png') });
      await page.getByTestId('not-for-role-home').click();
      await page.waitForURL(/\/$/);
    }), JOURNEY_TIMEOUT);

  it('lands a switch of organisation made on a case on the cases list, without an error', () =>
    journey('forms-switch-on-detail', pages, async () => {
      const sanlitun = '0193a000-0000-7000-8000-000000000003';
      const social = await apiAs(product().url, 'social@zhulian.demo', undefined, sanlitun);
      const { cases } = await social<{ cases: { edges: { node: { id: string } }[] } }>('{ cases(first: 1) { edges { node { id } } } }');
      const caseId = cases.edges[0].node.id;

      const page = await newPage();
      await signIn(page, 'social@zhulian.demo');
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('organisation-switch').waitFor();
      await expectNotShown(page.locator('.ant-alert-error'), 500);
      await page.getByTestId('organisation-switch').click();
      await page.getByRole('option', { name: /朝阳区童心儿童与家庭服务社/ }).click();
      await page.waitForURL(/\/cases$/);
      await expectText(page.locator('.ant-message'), '已切换到 朝阳区童心儿童与家庭服务社');
      await expectText(page.getByTestId('organisation-switch'), '朝阳区童心儿童与家庭服务社');
      await expectNotShown(page.locator('.ant-alert-error, .ant-result-error, .ant-result-404'));
      await page.screenshot({ path: join(OUTPUT, 'forms-switch-on-case-zh.png') });
    }), JOURNEY_TIMEOUT);
});
