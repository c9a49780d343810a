import { describe, expect, it } from 'vitest';
import { syncedSchemas } from '../../../shared/sync/collections.ts';
import { parseResidentId } from '../../../shared/validation/residentId.ts';
import { parseWaybillNumber } from '../../../shared/validation/waybill.ts';
import { parseMobile } from '../../../shared/validation/mobile.ts';
import {
  DEFAULT_BASE_TIME,
  photoVariant,
  s10WaybillNo,
  sha256Hex,
  syntheticIntake,
} from '../../../bench/lib/synthetic.ts';
import { Ajv } from 'ajv';

const ctx = {
  stationId: 'S001',
  deviceId: 'bench-device',
  clerkId: 'C0107',
  runTag: 'LB',
  baseTime: DEFAULT_BASE_TIME,
};

function validator(name: 'applications' | 'waybills' | 'events') {
  const schema: Record<string, unknown> = { ...syncedSchemas[name] };
  for (const key of ['primaryKey', 'version', 'encrypted', 'indexes', 'attachments'])
    delete schema[key];
  return new Ajv({ strict: false }).compile(schema);
}

describe('synthetic benchmark data', () => {
  it('is deterministic per index and valid against the shared schemas', () => {
    const apps = validator('applications');
    const waybills = validator('waybills');
    const events = validator('events');
    for (let i = 0; i < 200; i += 1) {
      const rows = syntheticIntake(i, ctx);
      expect(apps(rows.application), JSON.stringify(apps.errors)).toBe(true);
      expect(waybills(rows.waybill), JSON.stringify(waybills.errors)).toBe(true);
      expect(events(rows.event), JSON.stringify(events.errors)).toBe(true);
      expect(parseResidentId(rows.application.applicant.idNumber ?? '').ok).toBe(true);
      expect(parseMobile(rows.application.applicant.mobile ?? '').ok).toBe(true);
      expect(parseWaybillNumber(rows.waybill.waybillNo).ok).toBe(true);
      const again = syntheticIntake(i, ctx);
      expect(again.application.applicant).toEqual(rows.application.applicant);
    }
  });

  it('makes S10 numbers with a valid check digit', () => {
    expect(s10WaybillNo(12345678)).toBe('EA123456785CN');
    expect(s10WaybillNo(8)).toBe('EA000000080CN');
  });

  it('gives every photo variant its own hash and the same size', async () => {
    const base = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const a = photoVariant(base, 1);
    const b = photoVariant(base, 2);
    expect(a.length).toBe(b.length);
    expect([a[0], a[1], a[2], a[3]]).toEqual([0xff, 0xd8, 0xff, 0xfe]);
    expect(await sha256Hex(a)).not.toBe(await sha256Hex(b));
  });
});
