// Domain checks beyond the JSON schema that need no database: known status values and
// business codes, well-formed waybill numbers, status never moving backwards.
import { isBusinessCode } from '../../shared/catalogue/index.ts';
import {
  canTransition,
  isApplicationStatus,
  statusRank,
  STATUS_LABELS,
} from '../../shared/lifecycle/index.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { parseWaybillNumber, type WaybillNumber } from '../../shared/validation/index.ts';

type Body = Record<string, unknown>;

export function checkDocument(collection: SyncedCollection, body: Body): Result<null> {
  if (collection === 'applications') {
    const status = String(body.status);
    if (!isApplicationStatus(status)) {
      return fail(
        'STATUS_UNKNOWN',
        `未知的业务状态：${status}`,
        `Unknown application status: ${status}`,
        'status',
      );
    }
    const business = String(body.businessCode);
    if (!isBusinessCode(business)) {
      return fail(
        'BUSINESS_UNKNOWN',
        `未知的业务类型：${business}`,
        `Unknown business code: ${business}`,
        'businessCode',
      );
    }
  }
  if (collection === 'waybills') {
    const parsed = parseWaybill(body);
    if (!parsed.ok) return parsed;
  }
  return ok(null);
}

export function parseWaybill(body: Body): Result<WaybillNumber> {
  const given = String(body.waybillNo);
  const parsed = parseWaybillNumber(given);
  if (!parsed.ok)
    return fail(parsed.error.code, parsed.error.message, parsed.error.messageEn, 'waybillNo');
  if (parsed.value.waybillNo !== given) {
    return fail(
      'WAYBILL_NOT_NORMALISED',
      '邮件号码须为规范格式（大写、无空格）',
      'The waybill number must be stored normalised (upper case, no separators)',
      'waybillNo',
    );
  }
  return parsed;
}

/**
 * Status never moves backwards (DESIGN.md "Conflicts"): an edit may lower the rank only
 * through a transition the lifecycle allows (a new delivery attempt, leaving an exception).
 */
export function checkStatusChange(previous: Body, next: Body): Result<null> {
  const from = String(previous.status);
  const to = String(next.status);
  if (from === to || !isApplicationStatus(from) || !isApplicationStatus(to)) return ok(null);
  if (statusRank(to) >= statusRank(from) || canTransition(from, to)) return ok(null);
  return fail(
    'STATUS_BACKWARDS',
    `业务状态不能从“${STATUS_LABELS[from].zh}”退回到“${STATUS_LABELS[to].zh}”`,
    `The status cannot move back from "${STATUS_LABELS[from].en}" to "${STATUS_LABELS[to].en}"`,
    'status',
  );
}
