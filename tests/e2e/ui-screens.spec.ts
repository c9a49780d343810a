// Screenshots of every clerk screen in zh-CN at 1366×768 (docs/screenshots/), taken along a
// real session against the real server and host; each screen is also checked for CSP
// violations and for i18n keys or English leaking into the Chinese UI.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from './playwright.config.ts';
import { loginAs, pushDocs, inserts } from '../support/server-app.ts';
import { applicationDoc, waybillDoc } from '../support/server-docs.ts';
import { cameraFile, STAFF, STATION, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import {
  chooseAddress,
  cspViolations,
  login,
  openScreen,
  pickBusiness,
  scan,
  selectPayment,
  takePortrait,
  watchCsp,
} from './intake-steps.ts';

const OUT = join(process.cwd(), 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...chromiumArgs,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile('portrait')}`,
    ],
  },
});

const KEY_LEAK =
  /\b(app|common|nav|header|enrol|login|lock|intake|priority|delivery|decline|payment|tier|photo|rubbing|vehicle|plateKind|records|sync|van|settings|errors|event|audit|period)\.[A-Za-z_]+/;

/** Screenshot, plus the checks every screen must pass. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let antd's open/close animations finish
  const text = await page.evaluate(() => document.body.innerText);
  expect(text, `${name}: an i18n key shows`).not.toMatch(KEY_LEAK);
  // English words in the Chinese UI (URLs and upper-case codes such as ID_CHECKSUM are fine).
  const prose = text.replace(/\b[a-z]+:\/\/\S+/g, '').replace(/\d+\.\d+\.\d+(-[\w.]+)?/g, '');
  expect(prose.match(/\b[a-z][a-zA-Z]{2,}\b/g) ?? [], `${name}: English in the zh-CN UI`).toEqual(
    [],
  );
  expect(await cspViolations(page), `${name}: CSP violations`).toEqual([]);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

let env: IntakeEnv;
test.beforeAll(async () => {
  env = await startIntakeEnv();
});
test.afterAll(async () => {
  await env?.close();
});

test('every window screen, zh-CN, 1366×768', async ({ page }) => {
  test.setTimeout(600_000);
  await watchCsp(page);
  await page.goto(env.appUrl);
  await expect(page.getByTestId('enrol-code')).toBeVisible();
  await shot(page, '01-enrol-code');
  await page.getByRole('button', { name: '修改' }).click();
  await shot(page, '02-enrol-server');
  await page.getByTestId('enrol-next').click();
  await page.getByTestId('enrol-code').fill(await env.newEnrolmentCode());
  await page.getByTestId('enrol-submit').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
  await page.getByTestId('login-username').fill(STAFF.clerk.username);
  await shot(page, '03-login');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await shot(page, '04-login-wrong-password');
  await login(page, STAFF.clerk);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  await shot(page, '05-intake-empty');

  await page.keyboard.press('F2');
  await expect(page.getByTestId('intake-errors')).toBeVisible();
  await shot(page, '06-intake-errors');

  await pickBusiness(page, '有效期满换领');
  await scan(page, 'acceptance-no', 'A140106202605040011');
  await page.getByTestId('read-id-card').click();
  await expect(page.getByTestId('applicant-id')).not.toHaveValue('');
  await page.getByTestId('applicant-mobile').fill('13812345678');
  await page.getByTestId('take-photo').click();
  await expect(page.getByTestId('photo-capture')).toBeEnabled({ timeout: 20_000 });
  await shot(page, '07-photo-camera');
  await page.getByTestId('photo-capture').click();
  await expect(page.getByTestId('check-background')).toBeVisible();
  await shot(page, '08-photo-checked');
  await page.getByTestId('photo-accept').click();
  await expect(page.getByTestId('portrait-thumb')).toBeVisible();

  await page.getByTestId('address-search').locator('input').click();
  await page.keyboard.type('小店');
  await expect(page.locator('.ant-select-dropdown:visible')).toBeVisible();
  await shot(page, '09-address-search');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('address-cascader').click();
  await expect(page.locator('.ant-cascader-menu-item', { hasText: '坞城街道' })).toBeVisible();
  await shot(page, '10-address-cascader');
  await page.locator('.ant-cascader-menu-item', { hasText: '坞城街道' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('address-detail').fill('坞城路92号3单元502室');
  await selectPayment(page, '微信');
  await page.getByTestId('sla-hint').scrollIntoViewIfNeeded();
  await shot(page, '11-intake-filled');

  await page.getByTestId('scan-documents').click();
  await expect(page.getByTestId('scan-page')).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId('scan-page').click();
  await expect(page.getByText('第 1 页')).toBeVisible();
  await shot(page, '12-document-scan');
  await page.keyboard.press('Escape');

  await page.keyboard.press('F2');
  await expect(page.getByTestId('intake-outcome')).toBeVisible({ timeout: 30_000 });
  await shot(page, '13-intake-saved');
  await page.getByTestId('next-applicant').click();

  // Collect in person: the one-tap reasons for not mailing.
  await pickBusiness(page, '驾驶证有效期满换证');
  await page.getByTestId('delivery-method').getByText('自行领取').click();
  await expect(page.getByTestId('decline-reasons')).toBeVisible();
  await shot(page, '14-intake-collect-reasons');

  // While this device is offline, another device uses pre-printed waybill 1012345678901;
  // this clerk scans the same label. Only the server can see the clash: it refuses ours.
  env.link.disconnect();
  const other = await loginAs(env.server, { stationId: STATION.code });
  const taken = applicationDoc(STATION.code, { deviceId: other.deviceId });
  await pushDocs(env.server, other, 'applications', inserts([taken]));
  await pushDocs(
    env.server,
    other,
    'waybills',
    inserts([
      waybillDoc(STATION.code, '1012345678901', {
        deviceId: other.deviceId,
        applicationId: taken.id,
      }),
    ]),
  );
  await page.getByTestId('delivery-method').getByText('邮寄到家').click();
  await scan(page, 'acceptance-no', 'A140106202605040012');
  await page.getByTestId('read-id-card').click();
  await page.getByTestId('applicant-mobile').fill('13812345678');
  await takePortrait(page).catch(() => undefined);
  await chooseAddress(page, '迎泽', '柳巷街道');
  await page.getByTestId('address-detail').fill('柳巷南路12号');
  await selectPayment(page, '现金');
  await page.getByText('扫描预印运单').click();
  await scan(page, 'waybill-scan', '1012345678901');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('intake-outcome')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('next-applicant').click();
  env.link.reconnect();
  await expect(page.getByTestId('sync-rejected')).toBeVisible({ timeout: 30_000 });
  await shot(page, '15-sync-bar-rejected');
  await page.getByTestId('sync-rejected').click();
  await expect(page.getByTestId('sync-issues-page')).toBeVisible();
  await shot(page, '16-sync-issues');
  await page.getByRole('button', { name: '修改并重新提交' }).first().click();
  await shot(page, '17-sync-issue-edit');
  await page.keyboard.press('Escape');

  await openScreen(page, '业务查询');
  await expect(
    page.getByTestId('records-table').locator('tbody tr.ant-table-row').first(),
  ).toBeVisible();
  await shot(page, '18-records');
  await scan(page, 'records-search', 'A140106202605040011');
  await expect(page.getByTestId('records-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await page.getByTestId('records-table').locator('tbody tr.ant-table-row').first().click();
  await expect(page.getByTestId('record-drawer')).toBeVisible();
  await shot(page, '19-record-detail');
  await page.getByRole('tab', { name: '打印台账' }).click();
  await shot(page, '20-record-ledger');
  await page.getByTestId('reprint-waybill').click();
  await page.getByTestId('reason-input').fill('面单被雨淋湿');
  await shot(page, '21-record-reprint-reason');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('reason-input')).toHaveCount(0);
  await page.locator('.ant-drawer-close').click();

  await openScreen(page, '号牌登记');
  await expect(page.getByTestId('vehicle-section')).toBeVisible();
  await page.getByTestId('vehicle-plate').fill('晋A1234学');
  await shot(page, '22-vehicle');

  await openScreen(page, '设置');
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await shot(page, '23-settings-clerk');

  await page.getByTestId('lock-button').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await shot(page, '24-lock');
  await page.getByTestId('unlock-password').fill(STAFF.clerk.password);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();

  // Offline: the sync bar says so in plain words.
  env.link.disconnect();
  await openScreen(page, '业务受理');
  await expect(page.getByTestId('sync-problem')).toBeVisible({ timeout: 30_000 });
  await shot(page, '25-offline-sync-bar');
  env.link.reconnect();

  // A supervisor: full ID number on an explicit, audited click; device settings.
  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, STAFF.supervisor);
  await openScreen(page, '业务查询');
  await page.getByTestId('records-table').locator('tbody tr.ant-table-row').first().click();
  await page.getByTestId('reveal-id').click();
  await shot(page, '26-record-reveal-confirm');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('record-id-number')).toHaveText(/^\d{17}[\dX]$/);
  await page.locator('.ant-drawer-close').click();
  await openScreen(page, '设置');
  await shot(page, '27-settings-supervisor');
});
