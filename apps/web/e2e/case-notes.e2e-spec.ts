import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCase, makeConsent, makePerson, makeReferral } from '@zhulian/testing';
import { acceptInvitation, apiAs, browserJourneys, choose, clickUntilGone, expectNotShown, expectText, journey, OUTPUT, pick, signIn, tick } from './e2e-harness';

const ELDERLY_NGO_ID = '0193a000-0000-7000-8000-000000000004';
const JIANWAI = '朝阳区建外街道办事处';
const SIGNED_CONSENT = join(__dirname, 'fixtures/signed-consent.pdf');
/** Five people sign in, write, upload, accept, route and close: longer than jest's minute on a busy two-core machine. */
const JOURNEY_TIMEOUT = 300_000;

/** A date and time as the screens show it in Chinese: Beijing time, e.g. 2026/12/05 19:42. */
const BEIJING = /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/;

describe('case notes, attachments and the referral’s hand-over in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();
  let caseId: string;
  let referralId: string;
  let colleague: string;

  beforeAll(async () => {
    // Set up as the office would have: a person, their case assigned to 张伟, their consent to a referral,
    // and a referral the elderly-care NGO has not answered yet; the NGO has a caseworker to hand it to.
    const office = await apiAs(product().url, 'jianwai@zhulian.demo');
    const person = await makePerson(office, { fullName: '邱桂芝', birthDate: '1942-05-06', phone: '13911112222' });
    caseId = (await makeCase(office, person.id, { priority: 'HIGH', summary: '独居老人，行动不便' })).id;
    const { assignableCaseworkers } = await office<{ assignableCaseworkers: { userId: string; displayName: string }[] }>(
      `query ($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName } }`, { caseId });
    await office(`mutation ($input: AssignCaseInput!) { assignCase(input: $input) { id } }`,
      { input: { caseId, userId: assignableCaseworkers.find((c) => c.displayName === '张伟')!.userId } });
    await makeConsent(office, { personId: person.id, recipientOrganisationId: ELDERLY_NGO_ID, categories: ['basic', 'contact'], evidence: '转介知情同意书 2026-207' });
    const { services } = await office<{ services: { edges: { node: { id: string; capacity: { available: number } | null } }[] } }>(
      `query { services(first: 100, filter: { organisationId: "${ELDERLY_NGO_ID}", category: "ELDERLY_CARE", status: ACTIVE }) { edges { node { id capacity { available } } } } }`);
    const serviceId = services.edges.map((e) => e.node).find((s) => !s.capacity || s.capacity.available > 0)!.id;
    referralId = (await makeReferral(office, { caseId, serviceId, urgency: 'HIGH', noteForReceiver: '独居老人，希望每周有人上门助餐。' })).id;

    const ngoAdmin = await apiAs(product().url, 'orgadmin@zhulian.demo');
    const { inviteMember } = await ngoAdmin<{ inviteMember: { token: string } }>(`mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
      { input: { email: 'homecare@zhulian.demo', role: 'CASEWORKER' } });
    colleague = '王晓红';
    await acceptInvitation(product().url, { token: inviteMember.token, displayName: colleague, password: 'zhulian-demo-colleague' });
  });

  it('a caseworker writes signed notes and attaches the signed consent; others see what they may; the NGO hands the referral to a colleague; the case proposes the next step', () =>
    journey('case-notes', pages, async () => {
      // 张伟 opens his case and writes a note kept for the office, then one for everyone working the case.
      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.goto(`/cases/${caseId}`);
      await expectText(caseworker.getByTestId('case-person'), '邱桂芝');
      await caseworker.getByTestId('note-body').fill('入户走访：老人独居，冰箱几乎空了；女儿在外地，与老人关系紧张，勿向外单位透露。');
      await tick(caseworker.getByRole('radio', { name: /^仅本机构/ }));
      await caseworker.getByTestId('note-submit').click();
      await caseworker.getByText('记录已保存').first().waitFor();
      await caseworker.getByTestId('note-body').fill('下次探访：周三上午。');
      await tick(caseworker.getByRole('radio', { name: /^所有跟进此个案的机构/ }));
      await caseworker.getByTestId('note-submit').click();
      const notes = caseworker.getByTestId('case-note');
      await expectText(notes, '下次探访：周三上午。');
      // Each entry on the timeline: who wrote it, for which organisation, when (Beijing time), and who may read it.
      const first = caseworker.getByTestId('case-timeline-event').filter({ hasText: '冰箱几乎空了' });
      await expectText(first, `张伟（${JIANWAI}）`);
      await expectText(first, '仅本机构');
      expect(await first.textContent()).toMatch(BEIJING);
      await expectText(caseworker.getByTestId('case-timeline-event').filter({ hasText: '下次探访' }), '所有跟进此个案的机构');

      // A mistake is corrected by a new entry; the first keeps its text, marked as corrected.
      await caseworker.getByTestId('case-timeline-event').filter({ hasText: '下次探访：周三上午。' }).getByTestId('case-note-correct').click();
      await caseworker.getByTestId('note-correcting').waitFor();
      await caseworker.getByTestId('note-body').fill('更正：下次探访改为周四上午。');
      await caseworker.getByTestId('note-submit').click();
      await expectText(caseworker.getByTestId('case-timeline-event'), '更正了一条记录');
      await expectText(caseworker.getByTestId('case-timeline-event').filter({ hasText: '下次探访：周三上午。' }), '已被后续记录更正');

      // The signed consent form, attached with its category; a page dressed up as a PDF is refused by its content.
      await pick(caseworker, caseworker.getByTestId('attachment-category'), '签字同意书');
      await caseworker.getByTestId('attachment-file').setInputFiles(SIGNED_CONSENT);
      await expectText(caseworker.getByTestId('attachment-name'), 'signed-consent.pdf');
      await expectText(caseworker.getByTestId('case-timeline-event'), '上传了附件：signed-consent.pdf（签字同意书）');
      const fake = join(tmpdir(), '同意书.pdf');
      writeFileSync(fake, '<html><body><script>alert(document.cookie)</script></body></html>');
      await pick(caseworker, caseworker.getByTestId('attachment-category'), '其他');
      await caseworker.getByTestId('attachment-file').setInputFiles(fake);
      await expectText(caseworker.getByTestId('attachment-problem'), '只能上传 PDF、PNG 或 JPEG 文件');
      await expectNotShown(caseworker.getByTestId('attachment-name').filter({ hasText: '同意书.pdf' }).filter({ hasNotText: 'signed' }));
      // Downloaded as it was uploaded.
      const [download] = await Promise.all([caseworker.waitForEvent('download'), caseworker.getByRole('button', { name: /下\s?载/ }).first().click()]);
      expect(download.suggestedFilename()).toBe('signed-consent.pdf');
      expect(readFileSync((await download.path())!)).toEqual(readFileSync(SIGNED_CONSENT));
      await caseworker.screenshot({ path: join(OUTPUT, 'case-notes-zh.png'), fullPage: true });

      // A colleague of the office not assigned to the case sees the case, not its notes nor its files.
      const colleagueAtOffice = await newPage();
      await signIn(colleagueAtOffice, 'caseworker2@zhulian.demo');
      await colleagueAtOffice.goto(`/cases/${caseId}`);
      await expectText(colleagueAtOffice.getByTestId('case-person'), '邱桂芝');
      await expectText(colleagueAtOffice.getByTestId('case-notes-withheld'), '您无权查看此个案的记录');
      await expectText(colleagueAtOffice.getByTestId('case-attachments'), '暂无附件');
      await expectNotShown(colleagueAtOffice.getByText('冰箱几乎空了'));
      await expectNotShown(colleagueAtOffice.getByText('signed-consent.pdf'));
      // Done with this browser: two cores are shared by everyone's journeys.
      await colleagueAtOffice.context().close();

      // The NGO's staff accept the referral: they see the person now, never the office's case, its notes or files…
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto(`/referrals/${referralId}`);
      await ngo.getByTestId('referral-action-accept').click();
      await expectText(ngo.getByTestId('referral-person'), '邱桂芝');
      await expectText(ngo.getByTestId('referral-status'), '已接受');
      await expectNotShown(ngo.getByText('冰箱几乎空了'));
      await expectNotShown(ngo.getByTestId('referral-case'));
      await ngo.goto(`/cases/${caseId}`);
      await ngo.getByRole('alert').filter({ hasText: '找不到该个案' }).waitFor();
      await expectNotShown(ngo.getByText('冰箱几乎空了'));

      // …and hand it to the colleague who will visit: the page says who has it.
      await ngo.goto(`/referrals/${referralId}`);
      await expectText(ngo.getByTestId('referral-status'), '已接受');
      await ngo.getByTestId('referral-route').click();
      await choose(ngo, ngo.getByLabel('同事', { exact: true }), colleague);
      await ngo.getByTestId('route-submit').click();
      await ngo.getByText(`已分派给 ${colleague}`).first().waitFor();
      await expectText(ngo.getByTestId('referral-timeline-event'), '分派');
      await ngo.getByText(colleague).first().waitFor();
      await ngo.screenshot({ path: join(OUTPUT, 'referral-routed-zh.png'), fullPage: true });
      await ngo.context().close();

      // The colleague finds it as theirs, starts and completes the service.
      const homecare = await newPage();
      await signIn(homecare, 'homecare@zhulian.demo', 'zhulian-demo-colleague');
      await homecare.goto(`/referrals/${referralId}`);
      await homecare.getByTestId('referral-action-start').click();
      await expectText(homecare.getByTestId('referral-status'), '服务中');
      await homecare.getByTestId('referral-action-complete').click();
      await tick(homecare.getByRole('radio', { name: '已提供服务' }));
      await homecare.getByLabel('结果说明').fill('已安排每周三次上门助餐。');
      await homecare.getByTestId('referral-outcome-submit').click();
      await expectText(homecare.getByTestId('referral-status'), '已完成');

      // Every referral of the case has ended: the case proposes the next step — refer again, or close with an outcome.
      await caseworker.reload();
      const next = caseworker.getByTestId('ready-to-close');
      await expectText(next, '此个案的转介均已结束');
      await caseworker.getByTestId('ready-to-close-refer').click();
      await caseworker.getByRole('dialog').filter({ hasText: '转介' }).first().waitFor();
      await caseworker.keyboard.press('Escape');
      await caseworker.getByRole('dialog').first().waitFor({ state: 'hidden' });
      await caseworker.getByTestId('ready-to-close-action').click();
      await tick(caseworker.getByRole('radio', { name: '需求已满足' }));
      await caseworker.getByLabel('结案说明').fill('助餐服务已落实。');
      await clickUntilGone(caseworker.getByTestId('case-close-submit'));
      await expectText(caseworker.getByTestId('case-status'), '已结案');
      await expectNotShown(caseworker.getByTestId('ready-to-close'));
      // Closed: no more notes; what was written stays.
      await expectNotShown(caseworker.getByTestId('note-body'));
      await expectText(caseworker.getByTestId('case-note-body'), '冰箱几乎空了');
    }), JOURNEY_TIMEOUT);
});
