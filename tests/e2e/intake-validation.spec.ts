// Done-when: bad input — a wrong ID check character, a plate with I, a VIN with a wrong
// check digit, an unknown address — gets a clear Chinese message beside its field, and
// nothing is saved half-way.
import { expect, test } from '@playwright/test';
import { serverDocuments, STAFF, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import { enrol, localDocumentCounts, login, openScreen, selectPayment } from './intake-steps.ts';

let env: IntakeEnv;
test.beforeAll(async () => {
  env = await startIntakeEnv();
});
test.afterAll(async () => {
  await env?.close();
});

test('bad identifiers and an unknown address are refused beside their fields; nothing is saved', async ({
  page,
}) => {
  await enrol(page, env);
  await login(page, STAFF.clerk);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  const before = await localDocumentCounts(page);

  await openScreen(page, '号牌登记');
  await expect(page.getByTestId('vehicle-section')).toBeVisible();
  await page.getByTestId('vehicle-plate').fill('京AI2345');
  await page.getByTestId('vehicle-vin').fill('1M8GDM9A1KP042788');
  await page.getByTestId('vehicle-engine').fill('K24Z71234567');
  await page.getByTestId('acceptance-no').fill('V140106202605040007');
  await page.getByTestId('applicant-id').fill('110105199003071230');
  await page.getByTestId('applicant-name').fill('张三');
  await page.getByTestId('applicant-mobile').fill('13912345678');
  const search = page.getByTestId('address-search').locator('input');
  await search.click();
  await page.keyboard.type('火星市');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error-recipient.address')).toContainText('地址无法识别');
  await page.getByTestId('address-detail').fill('幸福路1号');
  await selectPayment(page, '微信');
  await page.keyboard.press('F2');

  await expect(page.getByTestId('intake-errors')).toContainText('未保存任何内容');
  await expect(page.getByTestId('error-applicant.idNumber')).toHaveText('身份证号码校验位错误');
  await expect(page.getByTestId('error-vehicle.plate')).toHaveText('号牌序号不能使用字母I或O');
  await expect(page.getByTestId('error-vehicle.vin')).toHaveText('车辆识别代号校验位（第9位）错误');
  await expect(page.getByTestId('error-recipient.address')).toContainText('地址无法识别：“火星市”');
  // Each message sits inside its own field's form row.
  for (const field of ['applicant.idNumber', 'vehicle.plate', 'vehicle.vin', 'recipient.address']) {
    await expect(
      page.locator(`[data-field="${field}"]`).getByTestId(`error-${field}`),
    ).toBeVisible();
  }

  // Nothing was written: locally, to the printers, or to the server.
  expect(await localDocumentCounts(page)).toEqual(before);
  expect(env.labelPrinter.labels).toHaveLength(0);
  expect(env.receiptPrinter.labels).toHaveLength(0);
  await page.waitForTimeout(2_000);
  expect(await serverDocuments(env.server, 'applications')).toHaveLength(0);
  expect(await serverDocuments(env.server, 'vehicles')).toHaveLength(0);

  // Fixing one field clears only its message; the others stay until fixed.
  await page.getByTestId('applicant-id').fill('110105199003071239');
  await expect(page.getByTestId('error-applicant.idNumber')).toHaveCount(0);
  await expect(page.getByTestId('error-vehicle.vin')).toBeVisible();
});
