// Screenshots of the van screens (docs/screenshots/van-*.png) on the crew's 10-inch tablet:
// 1280×800, touch (large targets, ≥ 44 px), zh-CN; with the CSP and language checks.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from './playwright.config.ts';
import { cameraFile, STAFF, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import {
  alignRubbingCorners,
  cspViolations,
  enrol,
  login,
  openScreen,
  watchCsp,
} from './intake-steps.ts';

const OUT = join(process.cwd(), 'docs', 'screenshots');

test.use({
  viewport: { width: 1280, height: 800 },
  hasTouch: true,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...chromiumArgs,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile('rubbing')}`,
    ],
  },
});

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  const text = await page.evaluate(() => document.body.innerText);
  const prose = text.replace(/\b[a-z]+:\/\/\S+/g, '').replace(/\d+\.\d+\.\d+(-[\w.]+)?/g, '');
  expect(prose.match(/\b[a-z][a-zA-Z]{2,}\b/g) ?? [], `${name}: English in the zh-CN UI`).toEqual(
    [],
  );
  expect(await cspViolations(page), `${name}: CSP violations`).toEqual([]);
  // Every button and input a finger must hit is at least 44 px high.
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, .ant-input, .ant-input-affix-wrapper, .ant-select, .ant-radio-button-wrapper',
      ),
    ]
      .filter(
        (el) =>
          el.offsetParent !== null &&
          !el.closest('.ant-modal-close, .ant-drawer-close, .ant-pagination'),
      )
      // An input inside an affix wrapper (prefix/suffix) is measured by its wrapper.
      .filter((el) => !(el.matches('input') && el.closest('.ant-input-affix-wrapper')))
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map(
        (el) =>
          `${el.tagName}.${el.className.toString().slice(0, 40)} "${el.innerText.slice(0, 12)}" ${Math.round(el.getBoundingClientRect().height)}px`,
      ),
  );
  expect(small, `${name}: touch targets under 44 px`).toEqual([]);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

let env: IntakeEnv;
test.beforeAll(async () => {
  env = await startIntakeEnv();
});
test.afterAll(async () => {
  await env?.close();
});

test('van screens, zh-CN, 1280×800 touch', async ({ page }) => {
  test.setTimeout(300_000);
  await watchCsp(page);
  await enrol(page, env);
  await login(page, STAFF.van);
  await expect(page.getByTestId('check-numbers')).toHaveAttribute('data-level', 'ok', {
    timeout: 30_000,
  });
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('check-printer')).toHaveAttribute('data-level', 'ok');
  await shot(page, 'van-01-shift-start');
  await page.getByTestId('start-shift').click();
  await expect(page.getByText('已出车，出车单已打印')).toBeVisible();

  await openScreen(page, '号牌登记');
  await page.getByTestId('vehicle-plate').fill('晋AD12345');
  await page.getByTestId('vehicle-vin').fill('LJCPCBLCX11000237');
  await page.getByTestId('vehicle-engine').fill('K24Z71234567');
  await shot(page, 'van-02-plate-registration');
  await page.getByTestId('capture-rubbing').click();
  await expect(page.getByTestId('rubbing-capture')).toBeEnabled({ timeout: 20_000 });
  await shot(page, 'van-03-rubbing-camera');
  await page.getByTestId('rubbing-capture').click();
  await expect(page.getByTestId('rubbing-corners')).toBeVisible();
  await alignRubbingCorners(page);
  await shot(page, 'van-04-rubbing-corners');
  await page.getByTestId('rubbing-straighten').click();
  await expect(page.getByTestId('rubbing-result')).toBeVisible();
  await shot(page, 'van-05-rubbing-straightened');
  await page.getByTestId('rubbing-accept').click();
  await expect(page.getByTestId('rubbing-count')).toHaveText('拓印 1 张');
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  await page.getByTestId('vehicle-plate').fill('晋A12345临');
  await expect(page.getByTestId('vehicle-plate')).toHaveValue('晋A12345临');
  await expect(page.getByTestId('plate-temporary-confirm')).toBeVisible();
  await shot(page, 'van-06-temporary-plate');

  await openScreen(page, '收车对账');
  await expect(page.getByTestId('recon-accepted')).toBeVisible();
  await shot(page, 'van-07-shift-end');
});
