// The intake form's state: everything the clerk has typed, scanned or captured, before it is
// validated. Strings stay as typed; validation normalises them (validate.ts).
import type { BusinessCode } from '../../../shared/catalogue/index.ts';

export const PRIORITIES = ['normal', 'exam', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PAYMENTS = ['cash', 'wechat', 'alipay', 'unionpay', 'government'] as const;
export type Payment = (typeof PAYMENTS)[number];

/** One-tap reasons when the applicant declines mailing (mail conversion rate KPI). */
export const DECLINE_REASONS = [
  'collect_nearby',
  'needs_urgently',
  'privacy_worry',
  'fee',
  'no_fixed_address',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const SLA_TIERS = ['capital', 'city', 'county', 'rural'] as const;
export type SlaTierCode = (typeof SLA_TIERS)[number];

export interface AddressNames {
  readonly province?: string;
  readonly city?: string;
  readonly county?: string;
  readonly street?: string;
}

export interface AddressDraft {
  /** The deepest division chosen: a 6-digit county or 9-digit street code. */
  divisionCode: string;
  names: AddressNames;
  detail: string;
  /** A place name the clerk typed that matches no division (shown as the field's error). */
  unknownText?: string;
}

/** A photo or scan held in memory until the intake is saved. */
export interface CapturedImage {
  readonly localId: string;
  readonly kind: 'portrait' | 'document' | 'vin_rubbing' | 'engine_rubbing' | 'id_card';
  readonly mime: 'image/jpeg' | 'image/png';
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly page?: number;
  /** Photo spec code the portrait was checked against. */
  readonly spec?: string;
  /** Set when an earlier accepted portrait is reused (一照通用): its media id. */
  readonly reusedMediaId?: string;
}

export interface VehicleDraft {
  plate: string;
  /** Temporary plates have no fixed format: the clerk confirms them by hand. */
  temporaryConfirmed: boolean;
  plateType: string;
  vin: string;
  engineNo: string;
  ownerName: string;
  ownerIdNumber: string;
  ownerSameAsApplicant: boolean;
}

export interface IntakeDraft {
  businessCode: BusinessCode | '';
  acceptanceNo: string;
  priority: Priority;
  applicant: {
    idNumber: string;
    name: string;
    mobile: string;
    /** Filled by the ID-card reader (the clerk may still correct it). */
    fromReader: boolean;
  };
  delivery: {
    method: 'mail' | 'collect';
    declineReason: DeclineReason | '';
  };
  recipient: {
    sameAsApplicant: boolean;
    name: string;
    mobile: string;
    address: AddressDraft;
  };
  tierOverride: SlaTierCode | '';
  fee: { amountYuan: string; payment: Payment | '' };
  /** A pre-printed waybill scanned by the clerk; empty = take a number from the pool. */
  waybillNo: string;
  portrait: CapturedImage | null;
  documents: CapturedImage[];
  rubbings: CapturedImage[];
  vehicle: VehicleDraft;
  note: string;
}

export function emptyVehicle(): VehicleDraft {
  return {
    plate: '',
    temporaryConfirmed: false,
    plateType: '',
    vin: '',
    engineNo: '',
    ownerName: '',
    ownerIdNumber: '',
    ownerSameAsApplicant: true,
  };
}

export function emptyDraft(): IntakeDraft {
  return {
    businessCode: '',
    acceptanceNo: '',
    priority: 'normal',
    applicant: { idNumber: '', name: '', mobile: '', fromReader: false },
    delivery: { method: 'mail', declineReason: '' },
    recipient: {
      sameAsApplicant: true,
      name: '',
      mobile: '',
      address: { divisionCode: '', names: {}, detail: '' },
    },
    tierOverride: '',
    fee: { amountYuan: '', payment: '' },
    waybillNo: '',
    portrait: null,
    documents: [],
    rubbings: [],
    vehicle: emptyVehicle(),
    note: '',
  };
}

/** The priority a business implies (加急 / 考生绿色通道 are businesses of their own too). */
export function impliedPriority(code: BusinessCode | ''): Priority | null {
  if (code === 'ID_EXAM_GREEN_CHANNEL') return 'exam';
  if (code === 'ID_URGENT') return 'urgent';
  return null;
}

export function yuanToFen(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(trimmed)) return null;
  const [whole = '0', frac = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}
