// 打印台账 mirrored from the host's print ledger: each label printed once, reprints and voids with reasons.
import {
  baseProperties,
  baseRequired,
  noteText,
  refField,
  staffField,
  timeField,
} from './common.ts';

export const printRecordSchema = {
  title: 'print record',
  description: 'print ledger entry (print, reprint, void)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    labelKey: { type: 'string', minLength: 1, maxLength: 64 },
    labelKind: { type: 'string', maxLength: 16 },
    action: { type: 'string', enum: ['print', 'reprint', 'void'] },
    applicationId: refField,
    waybillNo: { type: 'string', maxLength: 16 },
    staffId: staffField,
    reason: noteText,
    at: timeField,
  },
  required: [...baseRequired, 'labelKey', 'labelKind', 'action', 'staffId', 'at'],
  indexes: ['labelKey', 'at'],
  additionalProperties: false,
} as const;
