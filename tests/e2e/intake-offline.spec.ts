// Done-when: a whole intake done offline — ID-card renewal with photo, waybill and receipt
// printed to the virtual printer; back online, the server holds the application, waybill and
// photo (hash verified) within 10 s.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { zbarRead } from '../support/printer-zbar.ts';
import {
  fakeCameraLaunchOptions,
  grantedNumbers,
  serverDocuments,
  serverMediaVerified,
  STAFF,
  useIntakeEnv,
} from './intake-env.ts';
import {
  chooseAddress,
  enrol,
  login,
  pickBusiness,
  scan,
  selectPayment,
  takePortrait,
} from './intake-steps.ts';

test.use({
  launchOptions: fakeCameraLaunchOptions('portrait'),
});

const intakeEnv = useIntakeEnv();

test('an ID-card renewal taken offline prints, then reaches the server within 10 s', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const env = intakeEnv();
  await enrol(page, env);
  await login(page, STAFF.clerk);
  // Online first: the device syncs and receives its block of waybill numbers.
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  await expect.poll(() => grantedNumbers(env.server), { timeout: 30_000 }).toBeGreaterThan(0);

  env.link.disconnect();
  await expect(page.getByTestId('sync-problem')).toContainText(
    '无法连接服务器 — 数据已保存在本机',
    { timeout: 30_000 },
  );

  await pickBusiness(page, '有效期满换领');
  await scan(page, 'acceptance-no', 'A140106202605040001');
  await expect(page.getByText('已扫描', { exact: true })).toBeVisible();
  await page.getByTestId('read-id-card').click();
  await expect(page.getByTestId('applicant-id')).toHaveValue('110105199003071239');
  await page.getByTestId('applicant-mobile').fill('13812345678');
  await takePortrait(page);
  await chooseAddress(page, '小店', '坞城街道');
  await expect(page.getByTestId('sla-tier')).toHaveText('省会城市');
  await page.getByTestId('address-detail').fill('坞城路92号3单元502室');
  await selectPayment(page, '现金');
  await page.keyboard.press('F2');

  const outcome = page.getByTestId('intake-outcome');
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  await expect(outcome).toHaveAttribute('data-outcome', 'printed');
  const waybillNo = (await page.getByTestId('outcome-waybill').textContent()) ?? '';
  expect(waybillNo).toMatch(/^[A-Z]{2}\d{9}CN$/);
  await expect(page.getByTestId('sync-pending')).toContainText('待上传');

  // The waybill (TSPL label) and the receipt (ESC/POS) reached the virtual printers.
  expect(env.labelPrinter.labels).toHaveLength(1);
  expect(env.receiptPrinter.labels).toHaveLength(1);
  const dir = mkdtempSync(join(tmpdir(), 'waypost-e2e-labels-'));
  expect(zbarRead(env.labelPrinter.savePngs(dir, 'waybill'), 'code128')).toContain(waybillNo);
  // Nothing reached the server while offline.
  expect(await serverDocuments(env.server, 'applications')).toHaveLength(0);

  env.link.reconnect();
  const back = Date.now();
  let synced: {
    application?: Record<string, unknown>;
    waybill?: Record<string, unknown>;
    photo?: boolean | null;
  } = {};
  await expect
    .poll(
      async () => {
        const [application] = await serverDocuments(env.server, 'applications');
        const waybill = (await serverDocuments(env.server, 'waybills')).find(
          (w) => w.waybillNo === waybillNo,
        );
        const sha = typeof application?.photoSha256 === 'string' ? application.photoSha256 : '';
        synced = {
          application,
          waybill,
          photo: sha ? await serverMediaVerified(env.server, sha) : null,
        };
        // What is still missing, so a failure says which part was late.
        return [
          application ? '' : 'application',
          waybill ? '' : 'waybill',
          synced.photo === true ? '' : 'photo',
        ]
          .filter(Boolean)
          .join(',');
      },
      { timeout: 10_000, intervals: [250] },
    )
    .toBe('');
  test.info().annotations.push({
    type: 'synced after reconnect (ms)',
    description: String(Date.now() - back),
  });
  expect(synced.application).toMatchObject({
    acceptanceNo: 'A140106202605040001',
    businessCode: 'ID_RENEWAL',
    waybillNo,
  });
  expect(synced.waybill).toMatchObject({ applicationId: synced.application?.id });
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });

  // 一照通用: the same person's next application reuses the accepted portrait.
  await page.getByTestId('next-applicant').click();
  await pickBusiness(page, '遗失补领');
  await page.getByTestId('applicant-id').fill('110105199003071239');
  await page.getByTestId('reuse-photo').click();
  await expect(page.getByTestId('reuse-note')).toContainText('沿用');
  await expect(page.getByTestId('portrait-thumb')).toBeVisible();
});
