// Done-when: the van flow — plate registration with rubbing photos; shift-start and
// shift-end slips. On the van's 10-inch tablet (1280×800, touch mode).
import { expect, test, type Page } from '@playwright/test';
import {
  fakeCameraLaunchOptions,
  serverDocuments,
  serverMediaVerified,
  STAFF,
  useIntakeEnv,
} from './intake-env.ts';
import {
  alignRubbingCorners,
  chooseAddress,
  enrol,
  login,
  openScreen,
  scan,
  selectPayment,
} from './intake-steps.ts';

test.use({
  viewport: { width: 1280, height: 800 },
  hasTouch: true,
  launchOptions: fakeCameraLaunchOptions('rubbing'),
});

const intakeEnv = useIntakeEnv();

async function captureRubbing(page: Page, kind: '车架号拓印' | '发动机号拓印') {
  await page.getByTestId('capture-rubbing').click();
  await page.getByTestId('rubbing-kind').getByText(kind, { exact: true }).click();
  await expect(page.getByTestId('rubbing-capture')).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId('rubbing-capture').click();
  // Drag the corners onto the slanted rubbing, as a crew member would with a finger.
  await alignRubbingCorners(page);
  await page.getByTestId('rubbing-straighten').click();
  await expect(page.getByTestId('rubbing-result')).toBeVisible();
  await page.getByTestId('rubbing-accept').click();
  await expect(page.getByTestId('rubbing-result')).toHaveCount(0);
}

test('van crew: shift-start slip, plate registration with rubbings, shift-end slip', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const env = intakeEnv();
  await enrol(page, env);
  // The tablet starts in touch mode (coarse pointer): large targets.
  await login(page, STAFF.van);
  await expect(page.getByTestId('van-start-page')).toBeVisible();
  const startButton = page.getByTestId('start-shift');
  expect((await startButton.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

  // Shift start: numbers, printer test page, last sync, disk, camera.
  await expect(page.getByTestId('check-numbers')).toHaveAttribute('data-level', 'ok', {
    timeout: 30_000,
  });
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('check-printer')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('check-camera')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('check-disk')).not.toHaveAttribute('data-level', 'pending');
  await startButton.click();
  await expect(page.getByText('已出车，出车单已打印')).toBeVisible();
  expect(env.receiptPrinter.labels).toHaveLength(2); // test page + shift-start slip

  // Plate registration (号牌登记) with VIN and engine-number rubbings.
  await openScreen(page, '号牌登记');
  await page.getByTestId('vehicle-plate').fill('晋A12345');
  await expect(page.getByTestId('plate-kind')).toHaveText('普通号牌');
  await expect(page.getByTestId('vehicle-plate-type')).toContainText('02 小型汽车');
  await page.getByTestId('vehicle-vin').fill('LJCPCBLCX11000237');
  await page.getByTestId('vehicle-engine').fill('K24Z71234567');
  await captureRubbing(page, '车架号拓印');
  await captureRubbing(page, '发动机号拓印');
  await expect(page.getByTestId('rubbing-count')).toHaveText('拓印 2 张');
  await scan(page, 'acceptance-no', 'V140106202605040002');
  await page.getByTestId('read-id-card').click();
  await expect(page.getByTestId('applicant-name')).not.toHaveValue('');
  await page.getByTestId('applicant-mobile').fill('13712345678');
  await chooseAddress(page, '迎泽', '柳巷街道');
  await page.getByTestId('address-detail').fill('柳巷南路12号');
  await selectPayment(page, '支付宝');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('intake-outcome')).toHaveAttribute('data-outcome', 'printed', {
    timeout: 30_000,
  });
  expect(env.labelPrinter.labels).toHaveLength(1);
  expect(env.receiptPrinter.labels).toHaveLength(3);

  // The vehicle and both rubbing images reach the server (bytes checked against their hashes).
  await expect
    .poll(
      async () => {
        const [vehicle] = await serverDocuments(env.server, 'vehicles');
        const ids = Array.isArray(vehicle?.rubbingMediaIds)
          ? (vehicle.rubbingMediaIds as string[])
          : [];
        const media = (await serverDocuments(env.server, 'media')).filter((m) =>
          ids.includes(String(m.id)),
        );
        const verified = await Promise.all(
          media.map((m) => serverMediaVerified(env.server, String(m.sha256))),
        );
        return { plate: vehicle?.plate, rubbings: media.map((m) => m.kind).sort(), verified };
      },
      { timeout: 30_000 },
    )
    .toEqual({
      plate: '晋A12345',
      rubbings: ['engine_rubbing', 'vin_rubbing'],
      verified: [true, true],
    });

  // Shift end: the reconciliation counts and its slip.
  await page.getByTestId('next-applicant').click();
  await openScreen(page, '收车对账');
  await expect(page.getByTestId('recon-accepted')).toContainText('1');
  await expect(page.getByTestId('recon-printed')).toContainText('1');
  await page.getByTestId('end-shift').click();
  await expect(page.getByText('对账单已打印')).toBeVisible();
  expect(env.receiptPrinter.labels).toHaveLength(4);
});
