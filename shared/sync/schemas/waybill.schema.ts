// EMS waybill (面单) of a mailed application. The number comes from the device's number block.
import {
  baseProperties,
  baseRequired,
  noteText,
  refField,
  shortText,
  timeField,
} from './common.ts';

export const waybillSchema = {
  title: 'waybill',
  description: 'EMS waybill of a mailed application',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    applicationId: refField,
    /** S10 (EA123456785CN) or 13-digit domestic number. */
    waybillNo: { type: 'string', minLength: 13, maxLength: 13 },
    numberBlockId: refField,
    labelKind: { type: 'string', enum: ['ems100x150', 'ems76x130'] },
    /** allocated → printed; voided with a reason; pending_print when saved without a printer. */
    state: {
      type: 'string',
      enum: ['allocated', 'pending_print', 'printed', 'voided'],
      maxLength: 16,
    },
    printCount: { type: 'integer', minimum: 0, maximum: 1000 },
    lastPrintedAt: timeField,
    voidReason: noteText,
    sortCode: { type: 'string', maxLength: 16 },
    weightGrams: { type: 'integer', minimum: 0, maximum: 100_000 },
    contents: shortText,
  },
  required: [...baseRequired, 'applicationId', 'waybillNo', 'labelKind', 'state', 'printCount'],
  indexes: ['waybillNo', 'applicationId'],
  additionalProperties: false,
} as const;
