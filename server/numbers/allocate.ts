// Waybill number blocks. Each service indicator has one counter row; a block is carved off
// it with a single UPDATE ... RETURNING, so concurrent requests (any number of server
// processes) get disjoint ranges.
import { ulid } from 'ulid';
import type { Db } from '../db/types.ts';
import { writeAudit } from '../auth/repository.ts';
import { ok, type Result, fail } from '../../shared/result.ts';
import { s10CheckDigit } from '../../shared/validation/index.ts';

/** S10 serials are 8 digits. */
export const SERIAL_LIMIT = 100_000_000;

export interface NumberBlock {
  id: string;
  serviceIndicator: string;
  firstSerial: number;
  count: number;
  /** Every number of the block in S10 form, when asked for. */
  numbers?: string[];
}

export interface AllocateInput {
  deviceId: string;
  stationId: string;
  staffId: string;
  serviceIndicator: string;
  count: number;
  firstSerial: number;
  includeNumbers: boolean;
}

export function s10Number(serviceIndicator: string, serial: number): string {
  const digits = String(serial).padStart(8, '0');
  return `${serviceIndicator}${digits}${s10CheckDigit(digits)}CN`;
}

export async function allocateBlock(db: Db, input: AllocateInput): Promise<Result<NumberBlock>> {
  const id = ulid();
  const first = await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO number_counters (service_indicator, next_serial) VALUES ($1, $2)
       ON CONFLICT (service_indicator) DO NOTHING`,
      [input.serviceIndicator, input.firstSerial],
    );
    const { rows } = await tx.query<{ first: string }>(
      `UPDATE number_counters SET next_serial = next_serial + $2
        WHERE service_indicator = $1 AND next_serial + $2 <= $3
        RETURNING (next_serial - $2)::text AS first`,
      [input.serviceIndicator, input.count, SERIAL_LIMIT],
    );
    const firstSerial = rows[0]?.first;
    if (firstSerial === undefined) return null;
    await tx.query(
      `INSERT INTO number_blocks (id, device_id, station_code, staff_id, service_indicator, first_serial, count)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        input.deviceId,
        input.stationId,
        input.staffId,
        input.serviceIndicator,
        firstSerial,
        input.count,
      ],
    );
    await writeAudit(tx, {
      staffId: input.staffId,
      deviceId: input.deviceId,
      stationId: input.stationId,
      action: 'number_block',
      detail: `${input.serviceIndicator}:${firstSerial}+${input.count}`,
    });
    return Number(firstSerial);
  });
  if (first === null) {
    return fail(
      'NUMBERS_EXHAUSTED',
      `号段 ${input.serviceIndicator} 已用完，请联系管理员配置新的业务代码`,
      `Service indicator ${input.serviceIndicator} has no numbers left`,
    );
  }
  const block: NumberBlock = {
    id,
    serviceIndicator: input.serviceIndicator,
    firstSerial: first,
    count: input.count,
  };
  if (input.includeNumbers) {
    block.numbers = Array.from({ length: input.count }, (_, i) =>
      s10Number(input.serviceIndicator, first + i),
    );
  }
  return ok(block);
}
