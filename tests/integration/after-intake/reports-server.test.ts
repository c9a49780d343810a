// GET /api/v1/reports/summary against a real server and database: the seeded documents of
// three stations are pushed through the sync API by their own devices; a supervisor's report
// covers exactly the stations of their region and equals the independent oracle's figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../shared/result.ts';
import type { SyncedCollection } from '../../../shared/sync/collections.ts';
import { addStation } from '../../../server/admin/commands.ts';
import { databaseKinds } from '../../support/server-db.ts';
import {
  api,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import {
  comparable,
  oracle,
  seedReportData,
  SEED_DAYS,
  SEED_FROM,
  type SeedData,
} from '../../unit/after-intake/report-seed.ts';

const DAY = 86_400_000;
const bjDate = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

for (const kind of databaseKinds()) {
  describe(`reports summary (${kind})`, () => {
    let server: TestServer;
    let data: SeedData;
    let supervisor: Session;
    let admin: Session;
    let clerk: Session;

    beforeAll(async () => {
      server = await startTestServer({ kind });
      // Region 1401 (太原): S001, S002 and the supervisor's office; X001 is in 大同 (1402).
      for (const [code, division] of [
        ['S001', '140106'],
        ['S002', '140107'],
        ['SUP1', '140105'],
        ['X001', '140202'],
      ] as const) {
        unwrap(
          await addStation(server.db, { code, name: `网点${code}`, division, kind: 'window' }),
        );
      }
      const clerks = {
        S001: await loginAs(server, { stationId: 'S001' }),
        S002: await loginAs(server, { stationId: 'S002' }),
        X001: await loginAs(server, { stationId: 'X001' }),
      };
      clerk = clerks.S001;
      supervisor = await loginAs(server, { stationId: 'SUP1', role: 'supervisor' });
      admin = await loginAs(server, { stationId: 'X001', role: 'admin' });
      data = seedReportData(
        [
          { code: 'S001', clerks: ['c1', 'c2'] },
          { code: 'S002', clerks: ['c3'] },
          { code: 'X001', clerks: ['x1'] },
        ],
        { perDay: 6, deviceOf: (s) => clerks[s as keyof typeof clerks].deviceId },
      );
      const push = async (
        collection: SyncedCollection,
        docs: readonly { id: string; stationId: string }[],
      ) => {
        for (const [station, session] of Object.entries(clerks)) {
          const mine = docs
            .filter((d) => d.stationId === station)
            .map((d) => ({ ...d, _deleted: false }));
          for (let i = 0; i < mine.length; i += 500) {
            const result = await pushDocs(
              server,
              session,
              collection,
              inserts(mine.slice(i, i + 500)),
            );
            expect(result.status).toBe(200);
            expect(result.rejected).toEqual([]);
          }
        }
      };
      await push('applications', data.applications);
      await push('events', data.events);
      await push('workOrders', data.workOrders);
      await push('printRecords', data.printRecords);
    });

    afterAll(async () => {
      await server?.close();
    });

    const from = bjDate(SEED_FROM);
    const to = bjDate(SEED_FROM + (SEED_DAYS - 1) * DAY);
    const summary = (session: Session, query: Record<string, string>) =>
      api(
        server,
        { method: 'GET', url: `/reports/summary?${new URLSearchParams(query)}` },
        session,
      );

    const only = (stations: string[]): SeedData => ({
      applications: data.applications.filter((a) => stations.includes(a.stationId)),
      events: data.events.filter((e) => stations.includes(e.stationId)),
      workOrders: data.workOrders.filter((w) => stations.includes(w.stationId)),
      printRecords: data.printRecords.filter((p) => stations.includes(p.stationId)),
    });

    it('gives a supervisor the figures of their region, equal to an independent count', async () => {
      const now = Date.now();
      for (const groupBy of ['station', 'day'] as const) {
        const response = await summary(supervisor, { from, to, groupBy });
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json();
        expect([...body.stations].sort()).toEqual(['S001', 'S002', 'SUP1']);
        const got = new Map(
          body.rows
            .filter(
              (r: {
                figures: {
                  applications: number;
                  exceptions: { raised: number };
                  labels: { printed: number };
                };
              }) =>
                r.figures.applications + r.figures.exceptions.raised + r.figures.labels.printed > 0,
            )
            .map((r: { key: string; figures: Parameters<typeof comparable>[0] }) => [
              r.key,
              comparable(r.figures),
            ]),
        );
        const window = { from: SEED_FROM, to: SEED_FROM + SEED_DAYS * DAY };
        expect(got).toEqual(oracle(only(['S001', 'S002']), groupBy, window.from, window.to, now));
      }
    });

    it('names stations and lets an admin see every station', async () => {
      const supervised = (await summary(supervisor, { from, to, groupBy: 'station' })).json();
      expect(supervised.names).toMatchObject({ S001: '网点S001', S002: '网点S002' });
      const all = (await summary(admin, { from, to, groupBy: 'station' })).json();
      expect(all.rows.map((r: { key: string }) => r.key)).toEqual(['S001', 'S002', 'X001']);
      const expected = only(['S001', 'S002', 'X001']).applications.length;
      expect(all.total.applications).toBe(expected);
    });

    it('narrows to one station in scope and refuses one outside it', async () => {
      const one = (
        await summary(supervisor, { from, to, groupBy: 'day', stationId: 'S002' })
      ).json();
      expect(one.total.applications).toBe(only(['S002']).applications.length);
      const outside = await summary(supervisor, { from, to, groupBy: 'day', stationId: 'X001' });
      expect(outside.statusCode).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'REPORT_STATION_OUT_OF_SCOPE' });
    });

    it('refuses clerks, bad dates, reversed and over-long ranges with clear errors', async () => {
      expect((await summary(clerk, { from, to, groupBy: 'day' })).statusCode).toBe(403);
      const bad = await summary(supervisor, { from: '2026-02-30', to, groupBy: 'day' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'REPORT_DATE_INVALID' });
      expect(
        (await summary(supervisor, { from: to, to: from, groupBy: 'day' })).json(),
      ).toMatchObject({ code: 'REPORT_RANGE_INVALID' });
      expect(
        (await summary(supervisor, { from: '2024-01-01', to, groupBy: 'day' })).json(),
      ).toMatchObject({ code: 'REPORT_RANGE_TOO_LONG' });
      expect((await summary(supervisor, { from, to, groupBy: 'year' })).statusCode).toBe(400);
      const unauthenticated = await api(server, {
        method: 'GET',
        url: `/reports/summary?from=${from}&to=${to}&groupBy=day`,
      });
      expect(unauthenticated.statusCode).toBe(401);
    });
  });
}
