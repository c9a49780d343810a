// A waybill's S10 number must come from one of the pushing device's number blocks, and no
// two waybills may share a number. Domestic 13-digit numbers come from EMS's own system:
// only their uniqueness is checked.
import type { Queryable } from '../db/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { parseWaybill } from './domain.ts';

export async function checkWaybillNumber(
  tx: Queryable,
  input: { body: Record<string, unknown>; deviceId: string; isNew: boolean },
): Promise<Result<null>> {
  if (!input.isNew) return ok(null);
  const parsed = parseWaybill(input.body);
  if (!parsed.ok) return parsed;
  const number = parsed.value;
  if (number.form !== 's10') return ok(null);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM number_blocks
      WHERE device_id = $1 AND service_indicator = $2
        AND first_serial <= $3::bigint AND first_serial + count > $3::bigint
      LIMIT 1`,
    [input.deviceId, number.serviceIndicator, number.serial],
  );
  const block = rows[0];
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
  await tx.query(
    'INSERT INTO waybill_numbers (waybill_no, waybill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [waybillNo, waybillId],
  );
  const { rows } = await tx.query<{ waybill_id: string }>(
    'SELECT waybill_id FROM waybill_numbers WHERE waybill_no = $1',
    [waybillNo],
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
