// Waybill number blocks and the waybill rules that depend on them: numbers come from the
// pushing device's blocks, never overlap, and belong to one waybill only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWaybillNumber } from '../../../shared/validation/index.ts';
import { s10Number } from '../../../server/numbers/allocate.ts';
import {
  api,
  ensureStation,
  enrolDevice,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';
import { waybillDoc } from '../../support/server-docs.ts';

interface Block {
  id: string;
  serviceIndicator: string;
  firstSerial: number;
  count: number;
  numbers?: string[];
}

describe.each(databaseKinds())('number blocks on %s', (kind) => {
  let server: TestServer;
  let a: Session;
  let b: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    a = await loginAs(server, { stationId: 'S1' });
    b = await loginAs(server, { stationId: 'S1' });
  });
  afterAll(async () => server.close());

  const block = async (session: Session, payload: object = {}): Promise<Block> => {
    const response = await api(
      server,
      { method: 'POST', url: '/numbers/blocks', payload },
      session,
    );
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('grants a block of 200 EA serials; the numbers are valid S10 with check digits', async () => {
    const granted = await block(a, { includeNumbers: true });
    expect(granted).toMatchObject({ serviceIndicator: 'EA', count: 200 });
    expect(granted.numbers).toHaveLength(200);
    granted.numbers?.forEach((number, i) => {
      const parsed = parseWaybillNumber(number);
      expect(parsed.ok && parsed.value.form === 's10' && Number(parsed.value.serial)).toBe(
        granted.firstSerial + i,
      );
    });
    const plain = await block(a, { count: 10 });
    expect(plain.numbers).toBeUndefined();
    expect(plain.count).toBe(10);
  });

  it('never hands out overlapping blocks, even to concurrent requests', async () => {
    const devices = [a, b, await loginAs(server, { stationId: 'S1' })];
    const blocks = await Promise.all(
      Array.from({ length: 24 }, (_, i) => block(devices[i % 3]!, { count: 50 })),
    );
    const sorted = [...blocks].sort((x, y) => x.firstSerial - y.firstSerial);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.firstSerial).toBeGreaterThanOrEqual(
        sorted[i - 1]!.firstSerial + sorted[i - 1]!.count,
      );
    }
  });

  it('refuses blocks above the maximum size, unknown service indicators, and an exhausted range', async () => {
    const big = await api(
      server,
      { method: 'POST', url: '/numbers/blocks', payload: { count: 5000 } },
      a,
    );
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('BLOCK_TOO_LARGE');
    await server.db.query(
      `UPDATE number_counters SET next_serial = 99999900 WHERE service_indicator = 'EA'`,
    );
    const exhausted = await api(server, { method: 'POST', url: '/numbers/blocks', payload: {} }, a);
    expect(exhausted.statusCode).toBe(409);
    expect(exhausted.json()).toMatchObject({
      code: 'NUMBERS_EXHAUSTED',
      message: expect.stringMatching(/EA/),
    });
    expect((await block(a, { count: 100 })).firstSerial).toBe(99_999_900);
    // Later tests need numbers again.
    await server.db.query(
      `UPDATE number_counters SET next_serial = 1000000 WHERE service_indicator = 'EA'`,
    );
  });

  it("accepts a waybill numbered from the device's own block, once", async () => {
    const mine = await block(a, { count: 5 });
    const number = s10Number('EA', mine.firstSerial);
    const waybill = waybillDoc('S1', number, { numberBlockId: mine.id });
    expect((await pushDocs(server, a, 'waybills', inserts([waybill]))).rejected).toEqual([]);
    // Printed later on another device of the station: an edit, no block check.
    const printed = { ...waybill, state: 'printed' as const, printCount: 1 };
    expect(
      (
        await pushDocs(server, b, 'waybills', [
          { assumedMasterState: waybill, newDocumentState: printed },
        ])
      ).rejected,
    ).toEqual([]);
    // The same number on a second waybill is refused.
    const twin = waybillDoc('S1', number, { numberBlockId: mine.id });
    expect((await pushDocs(server, a, 'waybills', inserts([twin]))).rejected[0]).toMatchObject({
      code: 'WAYBILL_NUMBER_USED',
      field: 'waybillNo',
    });
  });

  it("refuses numbers outside the device's blocks, a wrong check digit, and a mismatched block id", async () => {
    const ofA = await block(a, { count: 5 });
    const ofB = await block(b, { count: 5 });
    const cases: [string, string | undefined, string][] = [
      [s10Number('EA', ofB.firstSerial), undefined, 'WAYBILL_NOT_IN_BLOCK'],
      [s10Number('EA', 99_000_000), undefined, 'WAYBILL_NOT_IN_BLOCK'],
      [
        `${s10Number('EA', ofA.firstSerial + 1).slice(0, 10)}${(Number(s10Number('EA', ofA.firstSerial + 1)[10]) + 1) % 10}CN`,
        undefined,
        'WAYBILL_CHECKSUM',
      ],
      [s10Number('EA', ofA.firstSerial + 2), ofB.id, 'WAYBILL_BLOCK_MISMATCH'],
      ['ea' + s10Number('EA', ofA.firstSerial + 3).slice(2), undefined, 'WAYBILL_NOT_NORMALISED'],
    ];
    for (const [number, blockId, code] of cases) {
      const doc = waybillDoc('S1', number, blockId ? { numberBlockId: blockId } : {});
      expect(
        (await pushDocs(server, a, 'waybills', inserts([doc]))).rejected[0]?.code,
        number,
      ).toBe(code);
    }
  });

  it('accepts a domestic 13-digit number once, without a block', async () => {
    const first = waybillDoc('S1', '1234567890123');
    expect((await pushDocs(server, a, 'waybills', inserts([first]))).rejected).toEqual([]);
    const again = waybillDoc('S1', '1234567890123');
    expect((await pushDocs(server, b, 'waybills', inserts([again]))).rejected[0]?.code).toBe(
      'WAYBILL_NUMBER_USED',
    );
  });

  it('requires a signed-in device', async () => {
    const device = await enrolDevice(server, 'S1');
    const response = await api(server, {
      method: 'POST',
      url: '/numbers/blocks',
      payload: { deviceId: device.deviceId },
    });
    expect(response.statusCode).toBe(401);
  });
});
