import { join } from 'node:path';
import { browserJourneys, expectNotShown, expectText, journey, OUTPUT, pick, signIn } from './e2e-harness';

const JOURNEY_TIMEOUT = 180_000;

describe('tuning early-warning rules in a real browser', () => {
  const { newPage, pages } = browserJourneys();

  it('the district office raises the age of the elderly-alone rule for Chaoyang; the street office sees the district’s version and cannot tune it', () =>
    journey('insight-rules-tune', pages, async () => {
      const office = await newPage();
      await signIn(office, 'coordinator@zhulian.demo');
      await office.goto('/alerts/rules');
      await office.getByTestId('rule-ELDERLY_ALONE_NO_CONTACT-110000').waitFor();
      await office.getByTestId('rule-tune-ELDERLY_ALONE_NO_CONTACT-110000').click();
      const minAge = office.getByTestId('rule-tune-minAge');
      await minAge.fill('75');
      await pick(office, office.getByTestId('rule-tune-severity'), '紧急');
      await office.getByTestId('rule-tune-description-zh').fill('75岁及以上、独自居住、登记有慢性病或残疾，且30天内没有任何个案记录的老人。请尽快上门探访。');
      await office.screenshot({ path: join(OUTPUT, 'insight-rule-tune-zh.png'), fullPage: true });
      await office.getByTestId('rule-tune-save').click();
      // The district's own version is listed beside the city's, with its parameters; it is the one tuned from now on.
      const own = office.locator('tr', { has: office.getByTestId('rule-ELDERLY_ALONE_NO_CONTACT-110105') });
      await expectText(own, '年龄 ≥ 75');
      await expectText(own, 'v1');
      await expectText(own, '紧急');
      await expectNotShown(office.getByRole('button', { name: '为朝阳区调整' }).and(office.getByTestId('rule-tune-ELDERLY_ALONE_NO_CONTACT-110000')));
      await office.screenshot({ path: join(OUTPUT, 'insight-rules-tuned-zh.png'), fullPage: true });

      // A street office under the district reads the district's version, and is offered no tuning.
      const street = await newPage();
      await signIn(street, 'jianwai@zhulian.demo');
      await street.goto('/alerts/rules');
      await expectText(street.locator('tr', { has: street.getByTestId('rule-ELDERLY_ALONE_NO_CONTACT-110105') }), '年龄 ≥ 75');
      await expectNotShown(street.getByTestId('rule-tune-ELDERLY_ALONE_NO_CONTACT-110105'));
    }), JOURNEY_TIMEOUT);
});
