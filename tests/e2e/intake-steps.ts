// What a clerk does, as Playwright steps (shared by the intake and UI specs).
import { expect, type Page } from '@playwright/test';
import type { IntakeEnv } from './intake-env.ts';

export interface StaffLogin {
  readonly username: string;
  readonly password: string;
}

/** CSP violations of the page, collected from the first script on (see ui-screens). */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const list: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: list });
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}

export async function enrol(page: Page, env: IntakeEnv): Promise<void> {
  await page.goto(env.appUrl);
  await page.getByTestId('enrol-code').fill(await env.newEnrolmentCode());
  await page.getByTestId('enrol-submit').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
}

export async function login(page: Page, staff: StaffLogin): Promise<void> {
  await page.getByTestId('login-username').fill(staff.username);
  await page.getByTestId('login-password').fill(staff.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

export async function openScreen(page: Page, label: string): Promise<void> {
  await page.getByTestId('main-menu').getByText(label, { exact: true }).click();
}

export async function pickBusiness(page: Page, search: string): Promise<void> {
  await page.getByTestId('business-select').click();
  await page.keyboard.type(search);
  await page.keyboard.press('Enter');
}

/**
 * A keyboard-wedge scanner: characters 4 ms apart, then Enter. The key events carry the
 * scanner's own timing (CDP timestamps, as the OS stamps hardware keys on arrival), however
 * long the page takes to handle each key — keyboard.type would time the page instead.
 */
export async function scan(page: Page, testId: string, code: string): Promise<void> {
  await page.getByTestId(testId).click();
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  for (const [i, ch] of [...code, 'Enter'].entries()) {
    const enter = ch === 'Enter';
    const key = {
      key: ch,
      timestamp: start + i * 0.004,
      ...(enter ? { code: 'Enter', windowsVirtualKeyCode: 13 } : { text: ch }),
    };
    await cdp.send('Input.dispatchKeyEvent', { type: enter ? 'rawKeyDown' : 'keyDown', ...key });
    if (enter) await cdp.send('Input.dispatchKeyEvent', { type: 'char', ...key, text: '\r' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }
  await cdp.detach();
}

export async function chooseAddress(page: Page, place: string, street: string): Promise<void> {
  const search = page.getByTestId('address-search').locator('input');
  await search.click();
  await page.keyboard.type(place);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('address-cascader').click();
  await page.locator('.ant-cascader-menu-item', { hasText: street }).click();
  // A street is a leaf: choosing it closes the popup by itself. No Escape here — once the
  // popup has closed, Escape reaches the intake page and asks to clear the whole form.
  await expect(page.locator('.ant-cascader-dropdown:visible')).toHaveCount(0);
  await expect(page.getByTestId('address-cascader')).toContainText(street);
}

export async function takePortrait(page: Page): Promise<void> {
  await page.getByTestId('take-photo').click();
  const capture = page.getByTestId('photo-capture');
  await expect(capture).toBeEnabled({ timeout: 20_000 });
  await capture.click();
  await expect(page.getByTestId('check-background')).toHaveText('白色背景');
  await expect(page.getByTestId('photo-accept')).toBeEnabled();
  await page.getByTestId('photo-accept').click();
  await expect(page.getByTestId('portrait-thumb')).toBeVisible();
}

export async function selectPayment(page: Page, label: string): Promise<void> {
  await page.getByTestId('payment').getByText(label, { exact: true }).click();
}

/**
 * Rows per RxDB collection in the page's IndexedDB (documents stay encrypted; only counted).
 * Keys are collection names, e.g. { applications: 0, media: 0 }.
 */
export async function localDocumentCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      const name = info.name ?? '';
      const match = /^rxdb-dexie-waypost--\d+--(.+)$/.exec(name);
      // Replication checkpoints appear when sync starts; they hold no business data.
      if (!match?.[1] || match[1].startsWith('rx-replication-meta-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const stores = [...db.objectStoreNames].filter((s) => s.startsWith('docs'));
      let total = 0;
      for (const store of stores) {
        total += await new Promise<number>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
      counts[match[1]] = (counts[match[1]] ?? 0) + total;
    }
    return counts;
  });
}

/**
 * Drags the four corner handles onto the corners of the rubbing in the fake camera picture
 * (tests/fixtures/camera/portrait.ts: a strip 500×120 px rotated 6° in a 640×480 frame).
 */
export async function alignRubbingCorners(page: Page): Promise<void> {
  const angle = (6 * Math.PI) / 180;
  const corners = [
    [70, 180],
    [570, 180],
    [570, 300],
    [70, 300],
  ].map(([x = 0, y = 0]) => ({
    x: 320 + (x - 320) * Math.cos(angle) - (y - 240) * Math.sin(angle),
    y: 240 + (x - 320) * Math.sin(angle) + (y - 240) * Math.cos(angle),
  }));
  const svg = await page.getByTestId('rubbing-corners').boundingBox();
  if (!svg) throw new Error('corner editor not shown');
  const scale = svg.width / 640;
  for (const [i, corner] of corners.entries()) {
    const handle = await page.getByTestId(`rubbing-corner-${i}`).boundingBox();
    if (!handle) throw new Error(`corner ${i} not shown`);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(svg.x + corner.x * scale, svg.y + corner.y * scale, { steps: 6 });
    await page.mouse.up();
  }
}
