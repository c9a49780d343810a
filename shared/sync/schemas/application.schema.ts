// 受理单: one accepted piece of police-document business and how its result travels home.
import {
  addressProperties,
  baseProperties,
  baseRequired,
  noteText,
  personProperties,
  refField,
  sha256Field,
  shortText,
  staffField,
  timeField,
} from './common.ts';

export const applicationSchema = {
  title: 'application',
  description: '受理单 — accepted police-document business',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    /** 受理单号 printed on the police form; with the birth date it answers status queries. */
    acceptanceNo: { type: 'string', minLength: 4, maxLength: 32 },
    businessCode: { type: 'string', minLength: 1, maxLength: 40 },
    status: { type: 'string', minLength: 1, maxLength: 32 },
    priority: { type: 'string', enum: ['normal', 'exam', 'urgent'], maxLength: 8 },
    clerkId: staffField,
    acceptedAt: timeField,
    applicant: {
      type: 'object',
      properties: personProperties,
      required: ['name', 'idNumber'],
      additionalProperties: false,
    },
    delivery: {
      type: 'object',
      properties: {
        method: { type: 'string', enum: ['mail', 'collect'] },
        /** Why the applicant declined mailing (mail conversion rate). */
        declineReason: shortText,
        /** Police station or hall where a collected item waits. */
        collectPointCode: shortText,
      },
      required: ['method'],
      additionalProperties: false,
    },
    /** Recipient of the mailed item; absent when collected in person. Encrypted at rest. */
    recipient: {
      type: 'object',
      properties: {
        name: personProperties.name,
        mobile: personProperties.mobile,
        address: {
          type: 'object',
          properties: addressProperties,
          required: ['divisionCode', 'detail'],
          additionalProperties: false,
        },
      },
      required: ['name', 'mobile', 'address'],
      additionalProperties: false,
    },
    /** Plain routing data (no personal detail): where the item goes and when it is due. */
    destination: {
      type: 'object',
      properties: {
        divisionCode: { type: 'string', maxLength: 12 },
        tier: { type: 'string', enum: ['capital', 'city', 'county', 'rural'] },
        tierOverridden: { type: 'boolean' },
        sortCode: { type: 'string', maxLength: 16 },
        dueAt: timeField,
      },
      required: ['divisionCode', 'tier', 'sortCode', 'dueAt'],
      additionalProperties: false,
    },
    /** Masked copies for lists and labels; the only personal data shown without a reveal. */
    display: {
      type: 'object',
      properties: {
        applicantName: shortText,
        idNumber: { type: 'string', maxLength: 18 },
        mobile: { type: 'string', maxLength: 20 },
      },
      required: ['applicantName', 'idNumber'],
      additionalProperties: false,
    },
    fee: {
      type: 'object',
      properties: {
        amountFen: { type: 'integer', minimum: 0, maximum: 10_000_000 },
        payment: { type: 'string', enum: ['cash', 'wechat', 'alipay', 'unionpay', 'government'] },
      },
      required: ['amountFen', 'payment'],
      additionalProperties: false,
    },
    waybillNo: { type: 'string', maxLength: 16 },
    vehicleId: refField,
    photoSha256: sha256Field,
    mediaIds: { type: 'array', maxItems: 50, items: refField },
    note: noteText,
  },
  required: [
    ...baseRequired,
    'acceptanceNo',
    'businessCode',
    'status',
    'priority',
    'clerkId',
    'acceptedAt',
    'applicant',
    'delivery',
    'display',
  ],
  encrypted: ['applicant', 'recipient'],
  indexes: ['acceptanceNo', 'acceptedAt', 'status', ['stationId', 'acceptedAt']],
  additionalProperties: false,
} as const;
