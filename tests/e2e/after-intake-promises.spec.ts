// Done-when, in the real app: an item past its due time is listed overdue with its postage
// refund flag; a refund work order and a complaint are raised from it the afternoon before
// National Day (the browser's clock is set there), and the complaint's deadline is the end of
// the first working day after the holiday — on screen and on the server.
import { expect, test, type Page } from '@playwright/test';
import type { ApplicationDoc } from '../../shared/sync/collections.ts';
import { inserts, loginAs, pushDocs } from '../support/server-app.ts';
import { application, statusEvent } from '../unit/after-intake/fixtures.ts';
import { serverDocuments, STAFF, STATION, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import { login } from './intake-steps.ts';

const NOW = Date.parse('2026-09-30T17:00:00+08:00');
const HOUR = 3_600_000;
const DEADLINE = Date.parse('2026-10-08T23:59:59.999+08:00');

let env: IntakeEnv;
let late: ApplicationDoc;

async function goto(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#/${p}`;
  }, path);
}

test.beforeAll(async () => {
  env = await startIntakeEnv();
  const device = await loginAs(env.server, { stationId: STATION.code });
  // Packed (taken in by the post) 13 h ago for the provincial capital: due 12 h after.
  late = {
    ...application({
      n: 990,
      stationId: STATION.code,
      acceptedAt: NOW - 72 * HOUR,
      tier: 'capital',
      status: 'packed',
    }),
    deviceId: device.deviceId,
  };
  const packed = statusEvent(late.id, 'packed', NOW - 13 * HOUR, {
    stationId: STATION.code,
    deviceId: device.deviceId,
  });
  expect(
    (await pushDocs(env.server, device, 'applications', inserts([{ ...late, _deleted: false }])))
      .rejected,
  ).toEqual([]);
  expect(
    (await pushDocs(env.server, device, 'events', inserts([{ ...packed, _deleted: false }])))
      .rejected,
  ).toEqual([]);
});

test.afterAll(async () => {
  await env?.close();
});

test('overdue item flagged for refund; complaint before National Day due after the holiday', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(NOW);
  await page.goto(env.appUrl);
  await page.getByTestId('enrol-code').fill(await env.newEnrolmentCode());
  await page.getByTestId('enrol-submit').click();
  await login(page, STAFF.clerk);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });

  await goto(page, 'promises');
  const row = page
    .getByTestId('promises-overdue')
    .locator(`tr[data-acceptance-no="${late.acceptanceNo}"]`);
  await expect(async () => {
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText('已超时 1小时0分');
  await expect(row.getByTestId('refund-flag')).toHaveText('应退邮费');

  // The refund, raised from the overdue item.
  await row.getByRole('button', { name: '登记退费工单' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已登记工单，办结时限 10-08 23:59')).toBeVisible();
  await expect(row.getByTestId('refund-flag')).toHaveText('退费处理中');

  // A complaint about the same item, raised by its acceptance number.
  await goto(page, 'work-orders');
  await page.getByTestId('work-order-new').click();
  await page.getByTestId('work-order-item').fill(late.acceptanceNo);
  await page.getByTestId('work-order-kind').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '投诉' })
    .click();
  await page.getByTestId('work-order-note').fill('来电投诉：证件未按时送达');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  const orders = page.getByTestId('work-orders');
  await expect(orders.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(orders).toContainText('10-08 23:59');
  await expect(orders).toContainText('投诉');

  await expect
    .poll(
      async () =>
        (await serverDocuments(env.server, 'workOrders')).map((w) => [w.kind, w.deadlineAt]).sort(),
      { timeout: 30_000 },
    )
    .toEqual([
      ['complaint', DEADLINE],
      ['overdue_refund', DEADLINE],
    ]);
});
