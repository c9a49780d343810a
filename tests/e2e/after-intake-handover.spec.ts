// Done-when, in the real app: a clerk scans 50 items into a finished run with the keyboard
// (as a wedge scanner types); one wrong document is blocked by a modal; the batch is sealed
// and its manifest printed to the virtual printer; the mail centre's own app (a second
// browser host, enrolled at the centre) opens the batch from the manifest QR, scans the
// items and confirms; the batch and its events are on the server.
// The after-intake screens are reached at #/<path> of afterIntakeRoutes (wired by the shell).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { runBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/run.ts';
import { addStaff, addStation, createEnrolmentCode } from '../../server/admin/commands.ts';
import { unwrap } from '../../shared/result.ts';
import type { ApplicationDoc } from '../../shared/sync/collections.ts';
import { zbarRead } from '../support/printer-zbar.ts';
import { inserts, loginAs, pushDocs, TEST_SCRYPT_COST } from '../support/server-app.ts';
import { application } from '../unit/after-intake/fixtures.ts';
import {
  RENDERER_DIR,
  serverDocuments,
  STAFF,
  STATION,
  startIntakeEnv,
  type IntakeEnv,
} from './intake-env.ts';
import { login, scan } from './intake-steps.ts';

const CENTRE = { code: 'C001', name: '太原邮件处理中心', division: '140106' } as const;
const CENTRE_CLERK = {
  username: 'centre1',
  password: 'centre-pass-1',
  name: '孙中心',
  role: 'clerk',
} as const;

let env: IntakeEnv;
let centreHost: RunningBrowserHost;
let centreUrl: string;
let centreDir: string;
let apps: ApplicationDoc[];

async function goto(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#/${p}`;
  }, path);
}

/**
 * A keyboard-wedge scanner: it types into whatever has the focus and ends with Enter. No
 * click first — the scan box must already hold the focus, as it does for a clerk.
 */
async function wedge(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 1 });
  await page.keyboard.press('Enter');
}

async function enrolAt(page: Page, url: string, code: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('enrol-code').fill(code);
  await page.getByTestId('enrol-submit').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
}

test.beforeAll(async () => {
  env = await startIntakeEnv();
  unwrap(await addStation(env.server.db, { ...CENTRE, kind: 'centre' }));
  unwrap(
    await addStaff(env.server.db, { ...CENTRE_CLERK, station: CENTRE.code }, TEST_SCRYPT_COST),
  );
  // 50 produced items of the station, taken in earlier on another device of the station.
  const other = await loginAs(env.server, { stationId: STATION.code });
  apps = Array.from({ length: 50 }, (_, i) => ({
    ...application({
      n: 700 + i,
      stationId: STATION.code,
      acceptedAt: Date.now() - 3 * 86_400_000,
      status: 'produced',
    }),
    deviceId: other.deviceId,
  }));
  const pushed = await pushDocs(
    env.server,
    other,
    'applications',
    inserts(apps.map((a) => ({ ...a, _deleted: false }))),
  );
  expect(pushed.rejected).toEqual([]);
  centreDir = await mkdtemp(join(tmpdir(), 'waypost-centre-'));
  const secret = randomBytes(24).toString('base64url');
  centreHost = await runBrowserHost({
    dataDir: centreDir,
    rendererDir: RENDERER_DIR,
    port: 0,
    sessionSecret: secret,
    serverUrl: env.link.url,
  });
  centreUrl = `${centreHost.origin}/#waypost-session=${secret}`;
});

test.afterAll(async () => {
  await centreHost?.close();
  await env?.close();
  if (centreDir) await rm(centreDir, { recursive: true, force: true });
});

test('50 items: one wrong document blocked, sealed, manifest printed, received and confirmed at the centre', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.goto(env.appUrl);
  await page.getByTestId('enrol-code').fill(await env.newEnrolmentCode());
  await page.getByTestId('enrol-submit').click();
  await login(page, STAFF.clerk);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });

  await goto(page, 'handover');
  await page.getByTestId('batch-to-station').fill(CENTRE.code);
  // The device pulls the station's items; wait until all 50 can be checked here.
  await expect(async () => {
    await page.getByTestId('known-items-refresh').click();
    await expect(page.getByTestId('known-items')).toHaveAttribute('data-count', '50', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await page.getByTestId('batch-create').click();
  await expect(page.getByTestId('batch-status')).toHaveText('扫描中');

  await page.getByTestId('scan-input').click();
  for (const [i, app] of apps.entries()) {
    if (i === 16) {
      // Document 17 was packed with applicant 18's waybill: blocked, loudly.
      await wedge(page, apps[17]!.waybillNo!);
      await expect(page.getByTestId('pair-pending')).toBeVisible();
      await wedge(page, app.acceptanceNo);
      const modal = page.locator('.ant-modal-confirm-error');
      await expect(modal).toContainText('错证');
      await expect(modal).toContainText(app.acceptanceNo);
      await expect(page.getByTestId('scan-input')).toBeDisabled();
      await page.keyboard.press('Enter'); // a scanner's Enter must not dismiss it
      await expect(modal).toBeVisible();
      await page.getByTestId('scan-error-ok').click();
      await expect(modal).toBeHidden();
      await expect(page.getByTestId('scan-input')).toBeFocused();
      await expect(page.getByTestId('batch-count')).toHaveText('已扫 16 件');
    }
    await wedge(page, app.waybillNo!);
    await wedge(page, app.acceptanceNo);
  }
  await expect(page.getByTestId('batch-count')).toHaveText('已扫 50 件');
  await expect(page.getByTestId('last-scan')).toHaveText(`已扫入：${apps[49]!.acceptanceNo}`);

  await page.getByTestId('batch-seal').click();
  await page.locator('.ant-modal-confirm-confirm').getByRole('button', { name: '封包' }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('已封包');
  await expect.poll(() => env.receiptPrinter.labels.length, { timeout: 30_000 }).toBe(1);
  const batchNo = (await page.getByTestId('batch-no').textContent()) ?? '';
  const qr = zbarRead(env.receiptPrinter.savePngs(join(centreDir, 'png'), 'manifest'), 'qrcode');
  expect(qr).toEqual([`WPB1:${batchNo}`]);

  // The sealed batch and its 50 'packed' events reach the server.
  await expect
    .poll(
      async () =>
        (await serverDocuments(env.server, 'batches')).find((b) => b.batchNo === batchNo)?.status,
      { timeout: 30_000 },
    )
    .toBe('sealed');
  await expect
    .poll(
      async () =>
        (await serverDocuments(env.server, 'events')).filter((e) => e.type === 'packed').length,
      { timeout: 30_000 },
    )
    .toBe(50);

  // --- The mail centre, on its own device.
  const centre = await (await browser.newContext()).newPage();
  await enrolAt(
    centre,
    centreUrl,
    unwrap(await createEnrolmentCode(env.server.db, { station: CENTRE.code })).code,
  );
  await login(centre, CENTRE_CLERK);
  await expect(centre.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  await goto(centre, 'handover');
  await centre.getByRole('tab', { name: '接收确认' }).click();
  await expect(async () => {
    await scan(centre, 'manifest-scan', qr[0]!);
    await expect(centre.getByTestId('receive-batch-no')).toHaveText(batchNo, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(centre.getByTestId('receive-scan')).toBeFocused();
  for (const app of apps) await wedge(centre, app.waybillNo!);
  await expect(centre.getByTestId('received-items').locator('tbody tr.ant-table-row')).toHaveCount(
    50,
  );
  await centre.getByTestId('receipt-confirm').click();
  await expect(centre.getByTestId('receive-status')).toHaveText('已接收');

  await expect
    .poll(
      async () =>
        (await serverDocuments(env.server, 'batches')).find((b) => b.batchNo === batchNo)?.status,
      { timeout: 30_000 },
    )
    .toBe('received');
  const onServer = (await serverDocuments(env.server, 'batches')).find(
    (b) => b.batchNo === batchNo,
  );
  expect((onServer?.receivedItems as unknown[]).length).toBe(50);
});
