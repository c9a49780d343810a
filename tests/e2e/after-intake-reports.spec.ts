// Done-when, in the real app: a supervisor runs the central report for their region and
// exports it; the downloaded XLSX, parsed back, carries the figures an independent count of
// the seeded data gives. The screen's headline figures agree too.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/universal';
import { addStation } from '../../server/admin/commands.ts';
import { findBusiness } from '../../shared/catalogue/index.ts';
import { unwrap } from '../../shared/result.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { inserts, loginAs, pushDocs, type Session } from '../support/server-app.ts';
import {
  oracle,
  seedReportData,
  SEED_DAYS,
  SEED_FROM,
  type SeedData,
} from '../unit/after-intake/report-seed.ts';
import { STAFF, STATION, startIntakeEnv, type IntakeEnv } from './intake-env.ts';
import { login } from './intake-steps.ts';

const OTHER = { code: 'TY002', name: '太原市小店区警邮合作服务站', division: '140105' } as const;
const FAR = { code: 'DT001', name: '大同市平城区警邮合作服务站', division: '140213' } as const;
const bjDate = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

let env: IntakeEnv;
let data: SeedData;

async function goto(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#/${p}`;
  }, path);
}

test.beforeAll(async () => {
  env = await startIntakeEnv();
  unwrap(await addStation(env.server.db, { ...OTHER, kind: 'window' }));
  unwrap(await addStation(env.server.db, { ...FAR, kind: 'window' }));
  const devices: Record<string, Session> = {
    [STATION.code]: await loginAs(env.server, { stationId: STATION.code }),
    [OTHER.code]: await loginAs(env.server, { stationId: OTHER.code }),
    [FAR.code]: await loginAs(env.server, { stationId: FAR.code }),
  };
  data = seedReportData(
    [
      { code: STATION.code, clerks: ['c1', 'c2'] },
      { code: OTHER.code, clerks: ['c3'] },
      { code: FAR.code, clerks: ['c4'] },
    ],
    { perDay: 4, deviceOf: (s) => devices[s]!.deviceId },
  );
  const push = async (
    collection: SyncedCollection,
    docs: readonly { id: string; stationId: string }[],
  ) => {
    for (const [station, session] of Object.entries(devices)) {
      const mine = docs
        .filter((d) => d.stationId === station)
        .map((d) => ({ ...d, _deleted: false }));
      const result = await pushDocs(env.server, session, collection, inserts(mine));
      expect(result.rejected).toEqual([]);
    }
  };
  await push('applications', data.applications);
  await push('events', data.events);
  await push('workOrders', data.workOrders);
  await push('printRecords', data.printRecords);
});

test.afterAll(async () => {
  await env?.close();
});

test('a supervisor’s region report, exported to XLSX, matches an independent count', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(env.appUrl);
  await page.getByTestId('enrol-code').fill(await env.newEnrolmentCode());
  await page.getByTestId('enrol-submit').click();
  await login(page, STAFF.supervisor);
  await expect(page.getByTestId('sync-state')).toHaveText('在线', { timeout: 30_000 });

  await goto(page, 'reports');
  const from = bjDate(SEED_FROM);
  const to = bjDate(SEED_FROM + (SEED_DAYS - 1) * 86_400_000);
  await page.getByTestId('report-from').fill(from);
  await page.getByTestId('report-to').fill(to);
  await page.getByTestId('report-group-by').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '按网点' })
    .click();
  await page.getByTestId('report-run').click();

  const now = Date.now();
  const region: SeedData = {
    applications: data.applications.filter((a) => a.stationId !== FAR.code),
    events: data.events.filter((e) => e.stationId !== FAR.code),
    workOrders: data.workOrders.filter((w) => w.stationId !== FAR.code),
    printRecords: data.printRecords.filter((p) => p.stationId !== FAR.code),
  };
  const expected = oracle(region, 'station', SEED_FROM, SEED_FROM + SEED_DAYS * 86_400_000, now);
  const totalApps = [...expected.values()].reduce((n, f) => n + f.applications, 0);
  await expect(page.getByTestId('stat-applications')).toContainText(String(totalApps), {
    timeout: 30_000,
  });
  await expect(page.getByTestId('report-table')).toContainText(OTHER.name);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-xlsx').click(),
  ]);
  const bytes = await readFile((await download.path())!);
  const sheet = await readSheet(new Uint8Array(bytes).buffer);
  const header = sheet[0]!.map(String);
  const col = (title: string) => {
    const i = header.indexOf(title);
    expect(i, title).toBeGreaterThanOrEqual(0);
    return i;
  };
  const names: Record<string, string> = { [STATION.code]: STATION.name, [OTHER.code]: OTHER.name };
  expect(sheet.slice(1).map((r) => r[0])).toEqual([STATION.name, OTHER.name, '合计']);
  for (const [station, f] of expected) {
    const row = sheet.find((r) => r[0] === names[station])!;
    expect(row[col('受理量')]).toBe(f.applications);
    expect(row[col('邮寄量')]).toBe(f.mailed);
    expect(row[col('未选邮寄')]).toBe(f.declined);
    expect(row[col('按时妥投')]).toBe(f.met);
    expect(row[col('超时妥投')]).toBe(f.missed);
    expect(row[col('应退邮费')]).toBe(f.refundsDue);
    expect(row[col('工单')]).toBe(f.woRaised);
    expect(row[col('工单超期')]).toBe(f.woOverdue);
    expect(row[col('面单打印')]).toBe(f.printed);
    expect(row[col('面单作废')]).toBe(f.voided);
    expect(row[col('邮寄转化率')]).toBeCloseTo(f.mailed / f.applications, 4);
    for (const [code, n] of Object.entries(f.byBusiness)) {
      expect(row[col(`受理量·${unwrap(findBusiness(code)).nameZh}`)]).toBe(n);
    }
  }
});
