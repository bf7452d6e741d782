import { join } from 'node:path';
import { apiAs, browserJourneys, choose, clickUntilShown, expectNotShown, expectText, journey, openFromMenu, OUTPUT, search, signIn, tick } from './e2e-harness';

const ELDERLY_NGO = '朝阳区夕阳红养老服务中心';
const ELDERLY_NGO_ID = '0193a000-0000-7000-8000-000000000004';
const JIANWAI_ID = '0193a000-0000-7000-8000-000000000002';
/** Four people sign in and a referral goes round its whole loop: longer than jest's minute on a busy two-core machine. */
const JOURNEY_TIMEOUT = 180_000;

interface DemoPerson {
  id: string;
  fullName: string;
}

type Api = Awaited<ReturnType<typeof apiAs>>;

/** Every row of a connection the user may see, page by page. */
async function all(api: Api, connection: 'people' | 'cases', fields: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (let after: string | null = null; ;) {
    const page: Record<string, { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }> = await api(
      `query ($after: String) { ${connection}(first: 100, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`, { after });
    rows.push(...page[connection].edges.map((e) => e.node));
    if (!page[connection].pageInfo.hasNextPage) return rows;
    after = page[connection].pageInfo.endCursor;
  }
}

describe('cases and referrals in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();
  /** A service of the elderly-care NGO to refer to, and two of 建外街道's elderly people the NGO may not see yet. */
  let service: string;
  let people: DemoPerson[];

  beforeAll(async () => {
    // A service of the NGO with a free place (the demo directory has some; else one is made here).
    const admin = await apiAs(product().url, 'orgadmin@zhulian.demo');
    const offered = await admin<{ services: { edges: { node: { name: string; capacity: { available: number } | null } }[] } }>(
      `query { services(first: 100, filter: { organisationId: "${ELDERLY_NGO_ID}", category: "ELDERLY_CARE", status: ACTIVE, regionCode: "110105" }) {
        edges { node { name capacity { available } } } } }`);
    service = offered.services.edges.map((e) => e.node).find((s) => !s.capacity || s.capacity.available > 0)?.name
      ?? (await admin<{ createService: { name: string } }>(`mutation ($input: CreateServiceInput!) { createService(input: $input) { name } }`, {
        input: {
          name: '居家养老上门服务', categories: ['ELDERLY_CARE'], serviceAreaCodes: ['110105'], description: '为独居、失能老人提供上门助餐、助洁与探访。',
          capacity: { available: 5, maximum: 10, unit: '户' }, idempotencyKey: 'e2e-elderly-home-care',
        },
      })).createService.name;

    // Elderly people of the office with no case yet, no consent to the NGO, and whom the NGO cannot see.
    const ngo = await apiAs(product().url, 'ngo@zhulian.demo');
    const office = await apiAs(product().url, 'jianwai@zhulian.demo');
    const seen = new Set((await all(ngo, 'people', 'id')).map((p) => p.id));
    const withCases = new Set((await all(office, 'cases', 'person { id }')).map((c) => (c.person as { id: string } | null)?.id));
    const held = (await all(office, 'people', 'id fullName birthYear holdingOrganisationId')) as unknown as (DemoPerson & { birthYear: number | null; holdingOrganisationId: string })[];
    const candidates = held
      .filter((p) => p.holdingOrganisationId === JIANWAI_ID && !seen.has(p.id) && !withCases.has(p.id) && (p.birthYear ?? 2000) < 1960)
      // A name the office holds once, so that a search and a text match find this person only.
      .filter((p, _, all) => all.filter((q) => q.fullName === p.fullName).length === 1);
    people = [];
    for (const p of candidates) {
      const { consents } = await office<{ consents: { recipientOrganisationId: string }[] }>(
        `query ($id: ID!) { consents(personId: $id) { recipientOrganisationId } }`, { id: p.id });
      if (!consents.some((c) => c.recipientOrganisationId === ELDERLY_NGO_ID)) people.push(p);
      if (people.length === 2) break;
    }
    expect(people).toHaveLength(2);
  });

  it('opens a case, assigns it, refers it with consent, the NGO accepts blind and completes it, and the caseworker closes the case', () =>
    journey('case-referral-loop', pages, async () => {
      const person = people[0];

      // 建外街道's coordinator finds the person and opens a case from their record.
      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      await coordinator.getByRole('link', { name: '人员登记' }).click();
      await search(coordinator.getByLabel('搜索人员'), person.fullName, () => coordinator.getByTestId(`person-${person.id}`).isVisible());
      await coordinator.getByTestId(`person-${person.id}`).click();
      await expectText(coordinator.getByTestId('person-name'), person.fullName);
      const personUrl = coordinator.url();
      await expectText(coordinator.getByTestId('person-cases'), '此人暂无您可查看的个案');
      await coordinator.getByTestId('case-open').click();
      await choose(coordinator, coordinator.getByLabel('需求', { exact: true }), '养老');
      // A multiple choice stays open for more: done choosing, look elsewhere.
      await coordinator.getByText('为此人开立个案').click();
      await coordinator.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
      // A button-style radio's input is hidden: press the button a person sees.
      const dialog = coordinator.getByRole('dialog');
      await dialog.getByText('高', { exact: true }).click();
      await dialog.getByLabel('情况摘要').fill('独居老人，腿脚不便，近期做饭困难。');
      await dialog.getByLabel('个案记录').fill('10 月入户走访：冰箱几乎空了，女儿在外地，每月回来一次。');
      await coordinator.getByTestId('case-open-submit').click();
      await coordinator.waitForURL('**/cases/*');
      const caseUrl = coordinator.url();
      await expectText(coordinator.getByTestId('case-person'), person.fullName);
      await expectText(coordinator.getByTestId('case-status'), '待处理');
      await expectText(coordinator.getByTestId('case-priority'), '高');
      await expectText(coordinator.getByTestId('need'), '养老');
      await expectText(coordinator.getByTestId('case-timeline-event'), '开立个案');

      // …and assigns the office's caseworker, seeing which organisation each assignable person is with.
      await coordinator.getByTestId('assign-open').click();
      await choose(coordinator, coordinator.getByLabel('社工', { exact: true }), '张伟', '张伟 · 朝阳区建外街道办事处');
      await coordinator.getByTestId('assign-submit').click();
      await expectText(coordinator.getByTestId('case-assignees'), '朝阳区建外街道办事处');
      await expectText(coordinator.getByTestId('case-timeline-event'), '指派 张伟');

      // The person agrees, on paper, to be referred to the elderly-care NGO with their contact details.
      await coordinator.goto(personUrl);
      await expectText(coordinator.getByTestId('person-cases'), '养老');
      await choose(coordinator, coordinator.getByLabel('接收机构'), '夕阳红', ELDERLY_NGO);
      await tick(coordinator.getByRole('checkbox', { name: '联系方式' }));
      await coordinator.getByLabel('用途').click();
      await coordinator.locator('.ant-select-item-option', { hasText: '转介' }).click();
      await coordinator.getByLabel('凭证编号').fill('转介知情同意书 2026-118');
      await coordinator.getByTestId('consent-submit').click();
      await expectText(coordinator.getByTestId('consents'), '转介');

      // The caseworker finds the case among those assigned to them and refers it to the NGO's service.
      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.getByRole('link', { name: '个案', exact: true }).click();
      const everyone = (await caseworker.getByTestId('cases-count').textContent())!;
      await caseworker.getByRole('switch', { name: '只看指派给我的' }).click();
      await caseworker.getByTestId('cases-count').filter({ hasNotText: everyone }).waitFor();
      await caseworker.getByRole('link', { name: person.fullName }).click();
      await caseworker.waitForURL(caseUrl);
      await caseworker.getByTestId('refer-open').click();
      // The service by name from the directory, below the matched ones; the consent recorded above covers it.
      await clickUntilShown(caseworker.getByTestId('refer-search-directory').getByText('在服务目录中查找其他服务'), caseworker.getByRole('dialog').getByLabel('搜索服务'));
      await search(caseworker.getByRole('dialog').getByLabel('搜索服务'), service,
        () => caseworker.getByTestId('refer-search-directory').locator('.ant-list-item', { hasText: service }).first().isVisible());
      await caseworker.getByTestId('refer-search-directory').locator('.ant-list-item', { hasText: service }).getByRole('button', { name: /^选\s?择$/ }).click();
      await expectText(caseworker.getByTestId('refer-consent-ok'), `此人已同意向 ${ELDERLY_NGO} 转介`);
      await caseworker.getByTestId('refer-next').click();
      await caseworker.getByLabel('给接收机构的说明').fill('七十多岁独居老人，行动不便，希望每周有人上门助餐和探访。');
      await caseworker.screenshot({ path: join(OUTPUT, 'refer-dialog-zh.png') });
      await caseworker.getByTestId('refer-submit').click();
      await caseworker.getByText(`已转介至 ${ELDERLY_NGO}`).waitFor();
      await caseworker.waitForURL('**/referrals/*');
      await expectText(caseworker.getByTestId('referral-status'), '待接收');
      const referralId = caseworker.url().split('/').pop()!;

      // The NGO's staff see the request without the name: needs, urgency, age band, district and the note.
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await openFromMenu(ngo, '转介', '/referrals');
      await ngo.getByText('待回应', { exact: true }).click();
      await ngo.getByTestId('referrals-count-received').waitFor();
      await ngo.screenshot({ path: join(OUTPUT, 'referral-inbox-zh.png'), fullPage: true });
      await clickUntilShown(ngo.getByTestId(`referral-${referralId}`), ngo.getByTestId('referral-note'));
      await expectText(ngo.getByTestId('referral-person-locked'), '接受后显示');
      await expectText(ngo.getByTestId('referral-note'), '七十多岁独居老人');
      await expectText(ngo.getByTestId('need'), '养老');
      await ngo.getByText(/^\d0-\d9 岁$|^90\+ 岁$/).waitFor();
      await expectNotShown(ngo.getByText(person.fullName));
      await ngo.screenshot({ path: join(OUTPUT, 'referral-before-accept-zh.png'), fullPage: true });
      await ngo.getByTestId('referral-action-accept').click();
      await expectText(ngo.getByTestId('referral-person'), person.fullName);
      await expectText(ngo.getByTestId('referral-status'), '已接受');

      // Its admin hands it to the colleague who will visit.
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await admin.goto(ngo.url());
      await admin.getByTestId('referral-route').click();
      await choose(admin, admin.getByLabel('同事', { exact: true }), '刘芳');
      await admin.getByTestId('route-submit').click();
      await admin.getByText('已分派给 刘芳').waitFor();

      // The staff member starts the service and completes it with what was provided.
      await ngo.reload();
      await ngo.getByText('刘芳').first().waitFor();
      await ngo.getByTestId('referral-action-start').click();
      await expectText(ngo.getByTestId('referral-status'), '服务中');
      await ngo.getByTestId('referral-action-complete').click();
      await tick(ngo.getByRole('radio', { name: '已提供服务' }));
      await ngo.getByLabel('结果说明').fill('已安排每周三次上门助餐，每月一次探访。');
      await ngo.getByTestId('referral-outcome-submit').click();
      await expectText(ngo.getByTestId('referral-status'), '已完成');
      await expectText(ngo.getByTestId('referral-timeline-event'), '服务中 → 已完成');

      // Back at the office: the outcome on the case, and the case offers to close.
      await caseworker.goto(caseUrl);
      await expectText(caseworker.getByTestId('case-referral-outcome'), '已提供服务：已安排每周三次上门助餐，每月一次探访。');
      await expectText(caseworker.getByTestId('case-timeline-event'), `转介至 ${ELDERLY_NGO}：已完成`);
      await caseworker.getByTestId('ready-to-close').waitFor();
      await caseworker.screenshot({ path: join(OUTPUT, 'case-ready-to-close-zh.png'), fullPage: true });
      await caseworker.getByTestId('ready-to-close-action').click();
      await tick(caseworker.getByRole('radio', { name: '需求已满足' }));
      await caseworker.getByLabel('结案说明').fill('助餐服务已落实，女儿知悉。');
      await caseworker.getByTestId('case-close-submit').click();
      await expectText(caseworker.getByTestId('case-status'), '已结案');
      await expectText(caseworker.getByTestId('value-case-outcome'), '需求已满足');
      await expectText(caseworker.getByTestId('case-timeline-event'), '状态：待处理 → 已结案');
      await expectNotShown(caseworker.getByTestId('ready-to-close'));
    }), JOURNEY_TIMEOUT);

  it('shows the sender why the NGO declined a referral', () =>
    journey('referral-declined', pages, async () => {
      const person = people[1];
      // Set up as the office would have: a case, the person's consent, a referral with a note.
      const office = await apiAs(product().url, 'jianwai@zhulian.demo');
      const opened = await office<{ openCase: { id: string } }>(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
        { input: { personId: person.id, needs: ['ELDERLY_CARE', 'MEDICAL'], priority: 'NORMAL', summary: '术后康复期需要照护' } });
      await office(`mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
        { input: { personId: person.id, recipientOrganisationId: ELDERLY_NGO_ID, categories: ['basic', 'contact'], purpose: 'REFERRAL', givenBy: 'SELF', evidence: '知情同意书 T-1' } });
      const services = await office<{ services: { edges: { node: { id: string; name: string } }[] } }>(`query { services(first: 100, filter: { category: "ELDERLY_CARE" }) { edges { node { id name } } } }`);
      const serviceId = services.services.edges.find((e) => e.node.name === service)!.node.id;
      const sent = await office<{ createReferral: { referral: { id: string } } }>(`mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`,
        { input: { caseId: opened.openCase.id, serviceId, urgency: 'HIGH', noteForReceiver: '髋关节术后，出院后需要短期上门护理。' } });

      // The NGO declines, with a reason and words the office can act on.
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await openFromMenu(ngo, '转介', '/referrals');
      await ngo.getByText('待回应', { exact: true }).click();
      await ngo.getByTestId(`referral-${sent.createReferral.referral.id}`).click();
      await expectText(ngo.getByTestId('referral-urgency'), '高');
      await ngo.getByTestId('referral-person-locked').waitFor();
      await ngo.getByTestId('referral-action-decline').click();
      await ngo.getByLabel('原因', { exact: true }).click();
      await ngo.locator('.ant-select-item-option', { hasText: '不符合服务条件' }).click();
      await ngo.getByLabel('说明', { exact: true }).fill('本中心不提供术后医疗护理，建议转介社区卫生服务中心的家庭病床。');
      await ngo.screenshot({ path: join(OUTPUT, 'referral-decline-zh.png') });
      await ngo.getByTestId('reason-submit').click();
      await expectText(ngo.getByTestId('referral-status'), '已拒绝');
      await ngo.getByTestId('referral-person-withheld').waitFor();

      // The office sees the answer in its sent referrals, on the referral and on the case.
      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      await openFromMenu(coordinator, '转介', '/referrals');
      await coordinator.getByRole('tab', { name: /发出的/ }).click();
      await coordinator.getByRole('row', { name: new RegExp(person.fullName) }).getByRole('link', { name: service }).click();
      await expectText(coordinator.getByTestId('referral-reason'), '不符合服务条件：本中心不提供术后医疗护理，建议转介社区卫生服务中心的家庭病床。');
      await expectText(coordinator.getByTestId('referral-timeline-event'), '待接收 → 已拒绝');
      await expectText(coordinator.getByTestId('referral-timeline-event'), `刘芳（${ELDERLY_NGO}）`);
      await coordinator.getByTestId('referral-case').click();
      await expectText(coordinator.getByTestId('case-referral-reason'), '不符合服务条件');
      await coordinator.getByTestId('ready-to-close').waitFor();
      await coordinator.screenshot({ path: join(OUTPUT, 'case-declined-referral-zh.png'), fullPage: true });

      // The same case in English: the API's codes and the need taxonomy follow the language.
      await coordinator.getByTestId('language-switch').click();
      await coordinator.getByRole('option', { name: 'English' }).click();
      await expectText(coordinator.getByTestId('ready-to-close'), 'Every referral of this case has ended');
      await expectText(coordinator.getByTestId('case-referral-reason'), 'Not eligible: 本中心不提供术后医疗护理');
      await expectText(coordinator.getByTestId('need'), 'Elderly care');
      await expectText(coordinator.getByTestId('case-timeline-event'), `Referral to ${ELDERLY_NGO}: Declined`);
    }), JOURNEY_TIMEOUT);
});
