// Login as the issue asks: online staff login; offline login for staff who logged in on this
// device before (local verifier); lock after idle, unlocked with the password; and back
// online, one password entry turns the offline session into a syncing one. Each online login
// also fetches the working-day calendar, so holidays an operator imported reach the device.
import { expect, test, type Page } from '@playwright/test';
import { unwrap } from '../../shared/result.ts';
import { importCalendarFile } from '../../server/admin/commands.ts';
import { STAFF, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import { enrol, login } from './intake-steps.ts';

let env: IntakeEnv;
test.beforeAll(async () => {
  env = await startIntakeEnv();
  await env.hostCall('settings.set', { idleLockMinutes: 1 });
  // Next year's schedule, published after this build: only the server knows it.
  unwrap(
    await importCalendarFile(env.server.db, {
      format: 1,
      source: 'e2e',
      publishedYears: [2099],
      holidays: { '2099-01-01': 'new_year' },
      workdays: {},
    }),
  );
});
test.afterAll(async () => {
  await env?.close();
});

const calendarFetched = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/calendar');

/** The calendar the app keeps for offline use (renderer/features/after-intake/data/calendar.ts). */
const storedYears = (page: Page) =>
  page.evaluate(() => {
    const stored: unknown = JSON.parse(localStorage.getItem('waypost.calendar') ?? 'null');
    return typeof stored === 'object' && stored !== null && 'publishedYears' in stored
      ? stored.publishedYears
      : null;
  });

test('offline login, idle lock and going back online', async ({ page }) => {
  test.setTimeout(240_000);
  await enrol(page, env);
  const calendar = calendarFetched(page);
  await login(page, STAFF.clerk);
  expect((await calendar).status()).toBe(200);
  await expect.poll(() => storedYears(page)).toContain(2099);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByTestId('login-page')).toBeVisible();

  env.link.disconnect();
  const calendarRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/calendar')) calendarRequests.push(r.url());
  });
  const attempt = async (username: string, password: string) => {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  };
  await attempt(STAFF.clerk.username, 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('用户名或密码错误');
  await attempt(STAFF.supervisor.username, STAFF.supervisor.password);
  await expect(
    page.getByTestId('login-error').filter({ hasText: '该账号未在本机联网登录过' }),
  ).toBeVisible();
  await attempt(STAFF.clerk.username, STAFF.clerk.password);
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await expect(page.getByText('离线登录', { exact: true })).toBeVisible();
  // An offline login asks no server for the calendar; the one kept from before stays.
  expect(calendarRequests).toEqual([]);
  expect(await storedYears(page)).toContain(2099);

  // No keyboard, mouse or touch for a minute: the screen locks and hides the work.
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('main-menu')).toHaveCount(0);
  await page.getByTestId('unlock-password').fill('wrong');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
  await page.getByTestId('unlock-password').fill(STAFF.clerk.password);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();

  // The network is back: log in online once and sync starts.
  env.link.reconnect();
  await page.getByTestId('reauth').click();
  await page.getByTestId('reauth-password').fill(STAFF.clerk.password);
  const refreshed = calendarFetched(page);
  await page.getByTestId('reauth-password').press('Enter');
  expect((await refreshed).status()).toBe(200);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });
  await expect(page.getByText('离线登录', { exact: true })).toHaveCount(0);
});
