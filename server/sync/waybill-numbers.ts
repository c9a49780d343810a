// A waybill's S10 number must come from one of the pushing device's number blocks, and no
// two waybills may share a number. Domestic 13-digit numbers come from EMS's own system:
// only their uniqueness is checked. A push loads the device's blocks once and checks each
// number in memory; claiming a number is one statement.
import type { Queryable } from '../db/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { parseWaybill } from './domain.ts';

export interface NumberBlock {
  id: string;
  serviceIndicator: string;
  firstSerial: number;
  count: number;
}

/** The device's number blocks (a device holds a handful: one query per push). */
export async function loadNumberBlocks(tx: Queryable, deviceId: string): Promise<NumberBlock[]> {
  const { rows } = await tx.query<{
    id: string;
    service_indicator: string;
    first_serial: string;
    count: number;
  }>(
    `SELECT id, service_indicator, first_serial::text AS first_serial, count
       FROM number_blocks WHERE device_id = $1`,
    [deviceId],
  );
  return rows.map((r) => ({
    id: r.id,
    serviceIndicator: r.service_indicator,
    firstSerial: Number(r.first_serial),
    count: Number(r.count),
  }));
}

/** Whether a waybill row needs the device's blocks (a new S10 number). */
export function needsBlock(body: Record<string, unknown>, isNew: boolean): boolean {
  if (!isNew) return false;
  const parsed = parseWaybill(body);
  return parsed.ok && parsed.value.form === 's10';
}

export function checkWaybillNumber(
  blocks: readonly NumberBlock[],
  input: { body: Record<string, unknown>; isNew: boolean },
): Result<null> {
  if (!input.isNew) return ok(null);
  const parsed = parseWaybill(input.body);
  if (!parsed.ok) return parsed;
  const number = parsed.value;
  if (number.form !== 's10') return ok(null);
  const serial = Number(number.serial);
  const block = blocks.find(
    (b) =>
      b.serviceIndicator === number.serviceIndicator &&
      b.firstSerial <= serial &&
      serial < b.firstSerial + b.count,
  );
  if (!block) {
    return fail(
      'WAYBILL_NOT_IN_BLOCK',
      '邮件号码不在本机领取的号段内',
      "The waybill number is not in any of this device's number blocks",
      'waybillNo',
    );
  }
  const claimed = input.body.numberBlockId;
  if (typeof claimed === 'string' && claimed !== '' && claimed !== block.id) {
    return fail(
      'WAYBILL_BLOCK_MISMATCH',
      '邮件号码与所属号段不符',
      'The waybill number does not belong to the number block it names',
      'numberBlockId',
    );
  }
  return ok(null);
}

/** Reserves the number for this waybill; refused when another waybill holds it. */
export async function claimWaybillNumber(
  tx: Queryable,
  waybillId: string,
  waybillNo: string,
): Promise<Result<null>> {
  // The insert's own row, or else the row that already holds the number (the outer SELECT
  // sees the table as it was before this statement).
  const { rows } = await tx.query<{ waybill_id: string }>(
    `WITH claimed AS (
       INSERT INTO waybill_numbers (waybill_no, waybill_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING waybill_id
     )
     SELECT waybill_id FROM claimed
     UNION ALL
     SELECT waybill_id FROM waybill_numbers WHERE waybill_no = $1`,
    [waybillNo, waybillId],
  );
  if (rows[0]?.waybill_id !== waybillId) {
    return fail(
      'WAYBILL_NUMBER_USED',
      '该邮件号码已被其他面单使用',
      'This waybill number is already used by another waybill',
      'waybillNo',
    );
  }
  return ok(null);
}
