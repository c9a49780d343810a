// 工单: an exception or complaint raised from an item, due within one working day.
import {
  baseProperties,
  baseRequired,
  noteText,
  refField,
  staffField,
  timeField,
} from './common.ts';

export const workOrderSchema = {
  title: 'work order',
  description: '工单 — exception or complaint with a working-day deadline',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    applicationId: refField,
    kind: {
      type: 'string',
      enum: [
        'lost',
        'damaged',
        'wrong_address',
        'unreachable',
        'complaint',
        'overdue_refund',
        'other',
      ],
    },
    status: { type: 'string', enum: ['open', 'assigned', 'resolved'], maxLength: 10 },
    raisedBy: staffField,
    raisedAt: timeField,
    deadlineAt: timeField,
    assigneeId: staffField,
    /** Notes are a union on conflict: each has its own id. */
    notes: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: { id: refField, at: timeField, staffId: staffField, text: noteText },
        required: ['id', 'at', 'staffId', 'text'],
        additionalProperties: false,
      },
    },
    resolution: noteText,
    resolvedAt: timeField,
  },
  required: [
    ...baseRequired,
    'applicationId',
    'kind',
    'status',
    'raisedBy',
    'raisedAt',
    'deadlineAt',
    'notes',
  ],
  indexes: ['status', 'deadlineAt', 'applicationId'],
  additionalProperties: false,
} as const;
