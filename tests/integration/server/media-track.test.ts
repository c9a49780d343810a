// Media bytes (content-addressed, type- and size-checked, station-scoped), the public status
// query, and the calendar and configuration clients fetch.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCalendar } from '../../../server/settings/calendar.ts';
import { setSlaConfig } from '../../../server/settings/sla.ts';
import {
  parseCalendarData,
  SEED_CALENDAR,
  type CalendarData,
} from '../../../shared/calendar/index.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  api,
  ensureStation,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';
import { applicationDoc, eventDoc } from '../../support/server-docs.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (seed: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(seed),
    Buffer.from([0xff, 0xd9]),
  ]);

describe.each(databaseKinds())('media, track, calendar and config on %s', (kind) => {
  let server: TestServer;
  let a: Session;
  let c: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    await ensureStation(server.db, 'S2', '140105');
    a = await loginAs(server, { stationId: 'S1' });
    c = await loginAs(server, { stationId: 'S2' });
  });
  afterAll(async () => server.close());

  const put = (session: Session, hash: string, bytes: Buffer, type = 'image/jpeg') =>
    api(
      server,
      { method: 'PUT', url: `/media/${hash}`, payload: bytes, headers: { 'content-type': type } },
      session,
    );

  describe('media', () => {
    it('stores bytes by hash, idempotently, and answers HEAD', async () => {
      const bytes = jpeg('portrait-1');
      const hash = sha256(bytes);
      expect((await api(server, { method: 'HEAD', url: `/media/${hash}` }, a)).statusCode).toBe(
        404,
      );
      const first = await put(a, hash, bytes);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ sha256: hash, stored: true });
      const again = await put(a, hash, bytes, 'application/octet-stream');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ sha256: hash, stored: false });
      expect((await api(server, { method: 'HEAD', url: `/media/${hash}` }, a)).statusCode).toBe(
        200,
      );
      const file = join(server.dataDir, 'media', hash.slice(0, 2), hash.slice(2, 4), hash);
      expect((await stat(file)).size).toBe(bytes.length);
    });

    it('refuses a wrong hash, a file that is not JPEG/PNG/PDF, and more than 10 MiB', async () => {
      const bytes = jpeg('portrait-2');
      const wrong = await put(a, sha256(Buffer.from('other')), bytes);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('MEDIA_HASH_MISMATCH');
      const text = Buffer.from('<script>alert(1)</script>');
      const notImage = await put(a, sha256(text), text, 'image/png');
      expect(notImage.statusCode).toBe(415);
      expect(notImage.json().code).toBe('MEDIA_TYPE');
      const big = Buffer.concat([jpeg('x'), Buffer.alloc(10 * 1024 * 1024)]);
      const tooBig = await put(a, sha256(big), big);
      expect(tooBig.statusCode).toBe(413);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      expect((await put(a, sha256(png), png, 'image/png')).statusCode).toBe(201);
      const pdf = Buffer.from('%PDF-1.7\n%%EOF');
      expect((await put(a, sha256(pdf), pdf, 'application/pdf')).statusCode).toBe(201);
    });

    it('serves bytes only to devices whose scope holds a media document naming them', async () => {
      const bytes = jpeg('portrait-3');
      const hash = sha256(bytes);
      await put(a, hash, bytes);
      const get = (session: Session) =>
        api(server, { method: 'GET', url: `/media/${hash}` }, session);
      expect((await get(a)).statusCode).toBe(404); // no media document yet
      const media = {
        id: ulid(),
        stationId: 'S1',
        deviceId: a.deviceId,
        createdAt: 1_767_225_600_000,
        updatedAt: 1_767_225_600_000,
        sha256: hash,
        kind: 'portrait',
        mime: 'image/jpeg',
        bytes: bytes.length,
        _deleted: false,
      };
      expect((await pushDocs(server, a, 'media', inserts([media]))).rejected).toEqual([]);
      const mine = await get(a);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toBe('image/jpeg');
      expect(mine.headers['cache-control']).toContain('no-store');
      expect(mine.rawPayload.equals(bytes)).toBe(true);
      expect((await get(c)).statusCode).toBe(404);
    });
  });

  describe('public status query', () => {
    it('answers a masked timeline without the protocol header or a login', async () => {
      const app = applicationDoc('S1', { status: 'dispatched', waybillNo: 'EA000000080CN' });
      await pushDocs(server, a, 'applications', inserts([app]));
      await pushDocs(
        server,
        a,
        'events',
        inserts([
          eventDoc('S1', app.id, { type: 'dispatched', at: 1_767_229_200_000 }),
          eventDoc('S1', app.id, { type: 'accepted', at: 1_767_225_600_000 }),
        ]),
      );
      const response = await server.app.inject({
        method: 'GET',
        url: `/api/v1/track?acceptanceNo=${app.acceptanceNo}&birthDate=19900307`,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        acceptanceNo: app.acceptanceNo,
        business: { code: 'ID_RENEWAL', name: expect.any(String), nameEn: expect.any(String) },
        status: { code: 'dispatched', label: '已寄出', labelEn: 'Dispatched' },
        delivery: 'mail',
        recipient: { name: '张*', address: '山西省太原市迎泽区****' },
        waybillNo: 'EA000000080CN',
        dueAt: null,
        events: [
          {
            type: 'accepted',
            label: '受理',
            labelEn: 'Accepted',
            at: 1_767_225_600_000,
            place: '测试网点S1',
          },
          {
            type: 'dispatched',
            label: '寄出',
            labelEn: 'Dispatched',
            at: 1_767_229_200_000,
            place: '测试网点S1',
          },
        ],
      });
      for (const secret of ['张三', '110105199003071239', '13800138000', '迎泽大街', '502']) {
        expect(response.body).not.toContain(secret);
      }
    });

    it('answers an unknown number and a wrong birth date identically', async () => {
      const app = applicationDoc('S1', {
        applicant: { name: '李四', idNumber: '440305200002294564' },
      });
      await pushDocs(server, a, 'applications', inserts([app]));
      // No birthDate field: it is read from the ID number.
      const found = await server.app.inject({
        method: 'GET',
        url: `/api/v1/track?acceptanceNo=${app.acceptanceNo}&birthDate=20000229`,
      });
      expect(found.statusCode).toBe(200);
      const wrongDate = await server.app.inject({
        method: 'GET',
        url: `/api/v1/track?acceptanceNo=${app.acceptanceNo}&birthDate=20000228`,
      });
      const unknown = await server.app.inject({
        method: 'GET',
        url: '/api/v1/track?acceptanceNo=NOSUCH123&birthDate=20000229',
      });
      expect(wrongDate.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(wrongDate.body).toBe(unknown.body);
      expect(wrongDate.json().code).toBe('TRACK_NOT_FOUND');
    });
  });

  describe('calendar and configuration', () => {
    it('serves the packaged calendar merged with imported years', async () => {
      const before = await api(server, { method: 'GET', url: '/calendar' }, a);
      expect(before.statusCode).toBe(200);
      expect(unwrap(parseCalendarData(before.json()))).toEqual(SEED_CALENDAR);
      const year2027: CalendarData = {
        format: 1,
        source: '国办发明电〔2026〕测试',
        publishedYears: [2027],
        holidays: { '2027-01-01': 'new_year', '2027-02-06': 'spring_festival' },
        workdays: { '2027-02-14': 'spring_festival' },
      };
      unwrap(await importCalendar(server.db, year2027));
      const after = unwrap(
        parseCalendarData((await api(server, { method: 'GET', url: '/calendar' }, a)).json()),
      );
      expect(after.publishedYears).toContain(2027);
      expect(after.holidays['2027-01-01']).toBe('new_year');
      expect(after.workdays['2027-02-14']).toBe('spring_festival');
      expect((await importCalendar(server.db, { format: 2 })).ok).toBe(false);
    });

    it('serves SLA hours per province and the sync limits', async () => {
      const before = (await api(server, { method: 'GET', url: '/config' }, a)).json();
      expect(before).toMatchObject({
        protocolVersion: 1,
        sla: {},
        numberBlockSize: 200,
        serviceIndicators: ['EA'],
      });
      expect(before.limits.maxPushRows).toBe(2000);
      unwrap(
        await setSlaConfig(server.db, {
          provinces: { '14': { capital: 12, city: 24, county: 36, rural: 48 } },
        }),
      );
      const after = (await api(server, { method: 'GET', url: '/config' }, a)).json();
      expect(after.sla).toEqual({
        provinces: { '14': { capital: 12, city: 24, county: 36, rural: 48 } },
      });
      expect((await setSlaConfig(server.db, { provinces: { x: 1 } })).ok).toBe(false);
    });
  });
});
