import { join } from 'node:path';
import { apiAs, browserJourneys, clickUntilShown, expectText, journey, openFromMenu, OUTPUT, signIn } from './e2e-harness';

const ELDERLY_NGO = '朝阳区夕阳红养老服务中心';
const ELDERLY_NGO_ID = '0193a000-0000-7000-8000-000000000004';
/** Two sign-ins, a consent and a referral on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 180_000;

type Api = Awaited<ReturnType<typeof apiAs>>;

interface Match { serviceId: string; serviceName: string; organisationId: string; placesAvailable: number | null; reasons: { code: string; status: string; values: string[] }[] }

/**
 * One of the caseworker's assigned, active demo cases for which matching suggests a service of the
 * elderly-care NGO with places left and an age criterion met, and whose person has not yet consented to
 * referral to the NGO: the wizard's whole path, consent included.
 */
async function caseToRefer(caseworker: Api, assignedToMe = true): Promise<{ caseId: string; personId: string; match: Match }> {
  const { cases } = await caseworker<{ cases: { edges: { node: { id: string; person: { id: string } | null } }[] } }>(
    `query ($mine: Boolean) { cases(first: 100, filter: { assignedToMe: $mine, status: [OPEN, IN_PROGRESS], need: "ELDERLY_CARE" }) { edges { node { id person { id } } } } }`,
    { mine: assignedToMe || null });
  for (const { node } of cases.edges) {
    if (!node.person) continue;
    const { referrals } = await caseworker<{ referrals: { edges: unknown[] } }>(`query ($id: ID!) { referrals(first: 1, filter: { caseId: $id }) { edges { node { id } } } }`, { id: node.id });
    if (referrals.edges.length > 0) continue;
    const { matchServices } = await caseworker<{ matchServices: Match[] }>(
      `query ($id: ID!) { matchServices(caseId: $id, first: 20) { serviceId serviceName organisationId placesAvailable reasons { code status values } } }`, { id: node.id });
    const match = matchServices.find((m) => m.organisationId === ELDERLY_NGO_ID && (m.placesAvailable ?? 0) > 0
      && m.reasons.some((r) => r.code === 'AGE_AT_LEAST' && r.status === 'MET'));
    if (!match) continue;
    const { consents } = await caseworker<{ consents: { recipientOrganisationId: string; purpose: string; withdrawnAt: string | null }[] }>(
      `query ($id: ID!) { consents(personId: $id) { recipientOrganisationId purpose withdrawnAt } }`, { id: node.person.id });
    if (consents.some((c) => c.recipientOrganisationId === ELDERLY_NGO_ID && c.purpose === 'REFERRAL' && !c.withdrawnAt)) continue;
    return { caseId: node.id, personId: node.person.id, match };
  }
  throw new Error('No assigned demo case of the caseworker fits the journey: the demo data changed.');
}

describe('the referral wizard in a real browser', () => {
  const { newPage, pages, product } = browserJourneys();

  it('refers an assigned case through the wizard: matched services with reasons, the missing consent recorded, sent, and in the NGO’s inbox', () =>
    journey('referral-wizard', pages, async () => {
      const { caseId, personId, match } = await caseToRefer(await apiAs(product().url, 'caseworker@zhulian.demo'));

      const caseworker = await newPage();
      await signIn(caseworker, 'caseworker@zhulian.demo');
      await caseworker.goto(`/cases/${caseId}`);
      await caseworker.getByTestId('refer-open').click();

      // Step 1: the matched services, each with why; the NGO's with an age criterion met and places left.
      const suggested = caseworker.getByTestId(`refer-match-${match.serviceId}`);
      await expectText(suggested.getByTestId('refer-match-name'), match.serviceName);
      await suggested.locator('[data-testid=match-reason][data-status=MET]').filter({ hasText: /年龄 \d+(–\d+)? ≥ \d+/ }).waitFor();
      await expectText(suggested.getByTestId('refer-match-places'), '余 ');
      await caseworker.screenshot({ path: join(OUTPUT, 'refer-wizard-matches-zh.png') });
      await caseworker.getByTestId(`refer-choose-${match.serviceId}`).click();

      // Step 2: the person has not consented to referral to the NGO: record it on their page.
      await expectText(caseworker.getByTestId('refer-consent-missing'), `此人尚未同意向 ${ELDERLY_NGO} 转介`);
      await caseworker.screenshot({ path: join(OUTPUT, 'refer-wizard-consent-missing-zh.png') });
      await caseworker.getByTestId('refer-record-consent').click();
      await caseworker.waitForURL(`**/people/${personId}*`);
      await caseworker.getByTestId('consent-for-referral').waitFor();
      await caseworker.getByLabel('凭证编号').fill('转介知情同意书 2026-121');
      await caseworker.getByTestId('consent-submit').click();
      await expectText(caseworker.getByTestId('consents'), '转介');
      await expectText(caseworker.getByTestId('consent-for-referral'), '已记录转介同意');

      // Back on the case the wizard opens where it was left, now with the consent in place.
      await caseworker.getByTestId('consent-back-to-referral').click();
      await expectText(caseworker.getByTestId('refer-consent-ok'), `此人已同意向 ${ELDERLY_NGO} 转介`);
      await caseworker.getByTestId('refer-next').click();

      // Step 3: a note that does not name the person, and send.
      await caseworker.getByLabel('给接收机构的说明').fill('独居老人，行动不便，希望尽快安排服务。');
      await caseworker.getByRole('dialog').getByText('高', { exact: true }).click();
      await caseworker.getByTestId('refer-submit').click();
      await caseworker.getByText(`已转介至 ${ELDERLY_NGO}`).waitFor();
      await caseworker.waitForURL('**/referrals/*');
      await expectText(caseworker.getByTestId('referral-status'), '待接收');
      const referralId = caseworker.url().split('/').pop()!;

      // The NGO finds it among the referrals waiting for an answer.
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await openFromMenu(ngo, '转介', '/referrals');
      await ngo.getByText('待回应', { exact: true }).click();
      await ngo.getByTestId(`referral-${referralId}`).waitFor();
      // A click on the row while the filtered list is still coming can be lost on a loaded machine.
      await clickUntilShown(ngo.getByTestId(`referral-${referralId}`), ngo.getByTestId('referral-note'));
      await expectText(ngo.getByTestId('referral-note'), '独居老人，行动不便');
      await expectText(ngo.getByTestId('referral-urgency'), '高');
    }), JOURNEY_TIMEOUT);

  it('lets a coordinator send without the person’s consent, with a written reason the receiver reads', () =>
    journey('referral-wizard-override', pages, async () => {
      const { caseId, match } = await caseToRefer(await apiAs(product().url, 'jianwai@zhulian.demo'), false);

      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      await coordinator.goto(`/cases/${caseId}`);
      await coordinator.getByTestId('refer-open').click();
      await coordinator.getByTestId(`refer-choose-${match.serviceId}`).click();
      await expectText(coordinator.getByTestId('refer-consent-missing'), '作为协调员，您也可以在下一步说明理由后直接发送');
      await coordinator.getByTestId('refer-next').click();
      // The override comes ticked, since the consent is missing: the reason is what is asked for.
      expect(await coordinator.getByRole('checkbox', { name: /未取得本人同意/ }).isChecked()).toBe(true);
      await coordinator.getByTestId('refer-override-reason').fill('老人独居且近日摔倒，本人暂时无法签字，需先安排上门探访。');
      await coordinator.getByTestId('refer-submit').click();
      await coordinator.waitForURL('**/referrals/*');
      await expectText(coordinator.getByTestId('referral-override'), '老人独居且近日摔倒，本人暂时无法签字，需先安排上门探访。');

      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto(new URL(coordinator.url()).pathname);
      await expectText(ngo.getByTestId('referral-override'), '老人独居且近日摔倒，本人暂时无法签字');
      await ngo.getByTestId('referral-person-locked').waitFor();
    }), JOURNEY_TIMEOUT);

  it('refers someone from a service’s page: one of the coordinator’s open cases, found by its number, into the wizard with the service chosen', () =>
    journey('refer-from-service', pages, async () => {
      const api = await apiAs(product().url, 'jianwai@zhulian.demo');
      const { caseId, personId, match } = await caseToRefer(api, false);
      const { case: found } = await api<{ case: { caseNumber: string } }>(`query ($id: ID!) { case(id: $id) { caseNumber } }`, { id: caseId });

      const coordinator = await newPage();
      await signIn(coordinator, 'jianwai@zhulian.demo');
      // The person's page names their district, not its code.
      await coordinator.goto(`/people/${personId}`);
      await expectText(coordinator.getByTestId('value-household-regionCode'), '朝阳区');

      await coordinator.goto(`/directory/${match.serviceId}`);
      await coordinator.getByTestId('refer-here').click();
      await coordinator.getByRole('dialog').getByLabel('按个案编号查找').fill(found.caseNumber);
      await coordinator.getByTestId(`refer-here-choose-${caseId}`).click();
      await coordinator.waitForURL(`**/cases/${caseId}`);
      // The wizard opens at what the receiver will see, with the service already chosen.
      await expectText(coordinator.getByTestId('refer-consent-missing'), `此人尚未同意向 ${ELDERLY_NGO} 转介`);
      await coordinator.getByTestId('refer-next').click();
      await coordinator.getByTestId('refer-override-reason').fill('老人独居，子女在外地，需尽快安排助餐服务。');
      await coordinator.getByTestId('refer-submit').click();
      await coordinator.waitForURL('**/referrals/*');
      await expectText(coordinator.getByTestId('referral-status'), '待接收');
      await expectText(coordinator.getByTestId('referral-service'), match.serviceName);
    }), JOURNEY_TIMEOUT);

  it('does not offer "refer someone here" to those who do not work cases, nor on the organisation’s own service', () =>
    journey('refer-from-service-not-offered', pages, async () => {
      const { services } = await (await apiAs(product().url, 'ngo@zhulian.demo'))<{ services: { edges: { node: { id: string } }[] } }>(
        `query ($org: ID!) { services(first: 1, filter: { organisationId: $org, status: ACTIVE }) { edges { node { id } } } }`, { org: ELDERLY_NGO_ID });
      const ngo = await newPage();
      await signIn(ngo, 'ngo@zhulian.demo');
      await ngo.goto(`/directory/${services.edges[0].node.id}`);
      await ngo.getByTestId('service-name').waitFor();
      expect(await ngo.getByTestId('refer-here').count()).toBe(0);
    }), JOURNEY_TIMEOUT);
});
