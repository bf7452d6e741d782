import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addressSays, browserJourneys, choose, clickUntilShown, expectNotShown, expectText, journey, openFromMenu, OUTPUT, search, signIn, tick } from './e2e-harness';

const ELDERLY_NGO = '朝阳区夕阳红养老服务中心';
const HSDS_FILE = join(__dirname, 'fixtures/three-services.hsds.json');
/** The HSDS 3.0 specification's own examples (CC BY-SA 4.0, © Open Referral; see their README). */
const STANDARD = join(__dirname, '../../../libs/directory/src/hsds/fixtures/hsds-3.0');
/** Sign-ins and two imports on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 180_000;

describe('the service directory in a real browser', () => {
  const { newPage, pages } = browserJourneys();

  it('lets the NGO’s admin mark a service full and free again, and import services from an HSDS file, dry run first', () =>
    journey('directory-capacity-import', pages, async () => {
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await admin.getByRole('link', { name: '服务目录' }).click();
      await search(admin.getByLabel('搜索服务'), '日间照料', addressSays(admin, 'q', '日间照料'));
      await admin.getByRole('link', { name: '日间照料', exact: true }).click();
      await expectText(admin.getByTestId('service-organisation'), ELDERLY_NGO);
      await admin.getByTestId('service-criterion').filter({ hasText: '年满 60 周岁' }).waitFor();
      const before = (await admin.getByTestId('capacity-available').inputValue());

      // No place left today: the service shows as full, in the list too.
      await admin.getByTestId('capacity-available').fill('0');
      await admin.getByTestId('capacity-submit').click();
      await admin.getByTestId('service-capacity').getByTestId('places-full').waitFor();
      await admin.screenshot({ path: join(OUTPUT, 'service-full-zh.png'), fullPage: true });
      await clickUntilShown(admin.getByText('← 返回服务目录'), admin.getByRole('row', { name: /日间照料/ }).getByTestId('places-full'));
      await admin.getByRole('link', { name: '日间照料', exact: true }).click();
      await admin.getByTestId('capacity-available').fill(before);
      await admin.getByTestId('capacity-submit').click();
      await expectText(admin.getByTestId('service-capacity').getByTestId('places-left'), `余 ${before} 人`);

      // An HSDS file of three services, one of them wrong: the dry run names the bad row and writes nothing.
      await clickUntilShown(admin.getByText('← 返回服务目录'), admin.getByTestId('hsds-import'));
      const importer = admin.getByTestId('hsds-import');
      await importer.locator('input[type=file]').setInputFiles(HSDS_FILE);
      await expectText(admin.getByTestId('hsds-file'), '3 项服务');
      await admin.getByTestId('hsds-dry-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '试运行完成');
      await expectText(admin.getByTestId('hsds-created'), '2');
      await expectText(admin.getByTestId('hsds-failed'), '1');
      const badRow = admin.getByTestId('hsds-rows').getByRole('row', { name: /e2e-hsds-0003/ });
      await expectText(badRow.getByTestId('hsds-outcome'), '失败');
      await expectText(badRow.getByTestId('hsds-problem'), '最低年龄大于最高年龄');
      await admin.screenshot({ path: join(OUTPUT, 'hsds-dry-run-zh.png'), fullPage: true });
      await expectNotShown(admin.getByRole('link', { name: '社区老年助浴' }));

      // The import itself: two created, one failed, the bar full; the new services are in the directory.
      await admin.getByTestId('hsds-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '导入完成');
      await importer.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
      await expectText(admin.getByTestId('hsds-created'), '2');
      await expectText(admin.getByTestId('hsds-failed'), '1');
      await expectText(admin.getByTestId('hsds-rows').getByTestId('hsds-problem'), '最低年龄大于最高年龄');
      await admin.getByRole('link', { name: '社区老年助浴' }).waitFor();
      await admin.screenshot({ path: join(OUTPUT, 'hsds-imported-zh.png'), fullPage: true });

      // The same file again: nothing to create, the two services unchanged.
      await admin.reload();
      await admin.getByTestId('hsds-import').locator('input[type=file]').setInputFiles(HSDS_FILE);
      await admin.getByTestId('hsds-dry-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '试运行完成');
      await admin.getByTestId('hsds-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '导入完成');
      await expectText(admin.getByTestId('hsds-unchanged'), '2');
      await expectText(admin.getByTestId('hsds-created'), '0');

      // The imported service reads as its organisation wrote it.
      await admin.getByRole('link', { name: '社区老年助浴' }).click();
      await admin.getByTestId('service-criterion').filter({ hasText: '年满 60 周岁' }).waitFor();
      await expectText(admin.getByTestId('service-schedule'), '每周 周一、周三、周五 09:00–16:30');
      await expectText(admin.getByTestId('service-capacity').getByTestId('places-left'), '余 4 户');

      // The standard's own full service example, as /services/{id} answers it: one service; its latitude of 100 is left out with a warning on the row.
      await clickUntilShown(admin.getByText('← 返回服务目录'), admin.getByTestId('hsds-import'));
      await admin.getByTestId('hsds-import').locator('input[type=file]').setInputFiles(join(STANDARD, 'service_full.json'));
      await expectText(admin.getByTestId('hsds-file'), '1 项服务');
      await admin.getByTestId('hsds-dry-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '试运行完成');
      await expectText(admin.getByTestId('hsds-created'), '1');
      await expectText(admin.getByTestId('hsds-failed'), '0');
      await admin.getByTestId('hsds-warning').filter({ hasText: 'service_at_locations.0.location.latitude' }).first().waitFor();
      await admin.getByTestId('hsds-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '导入完成');
      await expectText(admin.getByTestId('hsds-created'), '1');
      await admin.getByTestId('hsds-warning').first().waitFor();
      await admin.screenshot({ path: join(OUTPUT, 'hsds-standard-example-zh.png'), fullPage: true });

      // Its tabular example, every table as published (the same service, by its id): the tables the directory does not read are named.
      await admin.reload();
      const tables = readdirSync(join(STANDARD, 'csv')).map((name) => join(STANDARD, 'csv', name));
      await admin.getByTestId('hsds-import').locator('input[type=file]').setInputFiles(tables);
      await expectText(admin.getByTestId('hsds-file'), `${tables.length} 个表格文件`);
      await admin.getByTestId('hsds-dry-run').click();
      await expectText(admin.getByTestId('hsds-phase'), '试运行完成');
      await expectText(admin.getByTestId('hsds-updated'), '1');
      await expectText(admin.getByTestId('hsds-failed'), '0');
      await expectText(admin.getByTestId('hsds-ignored'), 'organization.csv');
      await expectText(admin.getByTestId('hsds-ignored'), 'language.csv');
      await admin.screenshot({ path: join(OUTPUT, 'hsds-standard-tables-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);

  it('lets the NGO’s admin say how unanswered referrals are chased', () =>
    journey('referral-settings', pages, async () => {
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await openFromMenu(admin, '转介', '/referrals');
      const settings = admin.getByTestId('referral-settings');
      await settings.getByLabel('提醒时间').fill('12');
      await settings.getByLabel('升级时间').fill('6');
      await admin.getByTestId('referral-settings-submit').click();
      await expectText(settings, '升级时间不能早于提醒时间');
      await settings.getByLabel('升级时间').fill('36');
      await settings.getByLabel('访问宽限期').fill('14');
      await admin.getByTestId('referral-settings-submit').click();
      await admin.getByText('转介设置已保存').waitFor();
      await admin.reload();
      await admin.getByTestId('settings-remindAfterHours').and(admin.locator('[value="12"]')).waitFor();
      expect(await admin.getByTestId('referral-settings').getByLabel('访问宽限期').inputValue()).toBe('14');

      // Its staff do not set them.
      const staff = await newPage();
      await signIn(staff, 'ngo@zhulian.demo');
      await openFromMenu(staff, '转介', '/referrals');
      await staff.getByTestId('referrals-count-received').waitFor();
      await expectNotShown(staff.getByTestId('referral-settings'));
    }), JOURNEY_TIMEOUT);

  it('lets the NGO’s admin add a service with a confidential place and edit it, and hides where that place is from another organisation', () =>
    journey('directory-add-edit', pages, async () => {
      const admin = await newPage();
      await signIn(admin, 'orgadmin@zhulian.demo');
      await admin.getByRole('link', { name: '服务目录' }).click();
      await admin.getByTestId('service-add').click();
      await admin.getByTestId('service-form-name').fill('失智老人临时托养');
      await admin.getByTestId('service-form-description').fill('家属临时外出时，为失智老人提供短期托养。');
      // A multiple choice stays open for more: done choosing, look elsewhere.
      const done = async () => {
        await admin.getByRole('heading', { name: '新增服务' }).click();
        await admin.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
      };
      await choose(admin, admin.getByLabel('需求类别'), '养老');
      await done();
      // Typed and left as typed, a district's name is refused on the form: it must be picked (or a code typed).
      await admin.getByLabel('服务区域').fill('朝阳');
      await admin.getByLabel('服务区域').press('Enter');
      await done();
      await admin.getByTestId('service-form-submit').click();
      await admin.getByText('行政区划代码为 6 位数字（区，例如 110105）或 9 位数字（街道，例如 110105001）。').waitFor();
      await admin.locator('.ant-select-selection-item', { hasText: '朝阳' }).locator('.ant-select-selection-item-remove').click();
      await admin.getByLabel('服务区域').fill('朝阳');
      // The district itself, not one of its streets (朝阳区建外街道, …) that the same search offers.
      await admin.locator('.ant-select-item-option', { hasText: /^朝阳区$/ }).click();
      await done();
      await admin.getByTestId('service-form-available').fill('2');
      await admin.getByTestId('service-form-unit').fill('床位');
      await admin.getByRole('button', { name: '添加地点' }).click();
      await admin.getByLabel('地点名称').fill('托养点');
      await admin.getByLabel('地址', { exact: true }).fill('北京市朝阳区某小区3号楼（保密）');
      await tick(admin.getByRole('checkbox', { name: '保密地点' }));
      await admin.screenshot({ path: join(OUTPUT, 'service-new-zh.png'), fullPage: true });
      await admin.getByTestId('service-form-submit').click();
      await admin.getByText('服务已创建').waitFor();
      await expectText(admin.getByTestId('service-name'), '失智老人临时托养');
      await admin.getByTestId('location-confidential').waitFor();
      await expectText(admin.getByTestId('location-address'), '北京市朝阳区某小区3号楼（保密）');
      await expectText(admin.getByTestId('service-capacity').getByTestId('places-left'), '余 2 床位');
      const serviceUrl = admin.url();

      // Editing keeps the place (by its id) and changes what it offers.
      await admin.getByTestId('service-edit').click();
      await admin.getByTestId('service-form-description').fill('家属临时外出时，为失智老人提供 1 至 7 天的托养。');
      await admin.getByTestId('service-form-submit').click();
      await admin.getByText('服务已保存').waitFor();
      await admin.getByText('家属临时外出时，为失智老人提供 1 至 7 天的托养。').waitFor();
      await expectText(admin.getByTestId('location-address'), '北京市朝阳区某小区3号楼（保密）');

      // Another organisation's staff see the service and that the place is confidential, never where.
      const other = await newPage();
      await signIn(other, 'ngo2@zhulian.demo');
      await other.goto(serviceUrl);
      await expectText(other.getByTestId('service-name'), '失智老人临时托养');
      await expectText(other.getByTestId('location-withheld'), '地址保密');
      await expectNotShown(other.getByText('某小区3号楼'));
      await expectNotShown(other.getByTestId('service-edit'));
      await expectNotShown(other.getByTestId('capacity-submit'));
      await other.screenshot({ path: join(OUTPUT, 'service-confidential-zh.png'), fullPage: true });
    }), JOURNEY_TIMEOUT);
});
