// Label content for a saved intake: the privacy waybill (the layout masks it) and the
// applicant's receipt. Pure: the data function prints what these return.
import type { BusinessType } from '../../../shared/catalogue/index.ts';
import type {
  PostalAddress,
  ReceiptData,
  SlipData,
  WaybillLabelData,
} from '../../../shared/printing/types.ts';
import { sortCodeFor } from '../../../shared/sorting/index.ts';
import type { AddressNames } from './draft.ts';

export interface StationInfo {
  readonly name: string;
  readonly phone: string;
  readonly address: PostalAddress;
}

/** EMS customer service: printed when a station has no phone of its own on record. */
export const EMS_HOTLINE = '11185';

/**
 * The sort code printed on a mailed item's waybill and stored with it: shared/sorting's rule
 * (the destination's 6-digit county code), so the label, the batch and the sort list agree.
 */
export function mailSortCode(divisionCode: string): string {
  return sortCodeFor({ delivery: { method: 'mail' }, destination: { divisionCode } }).code;
}

export function waybillLabel(input: {
  waybillNo: string;
  acceptanceNo: string;
  business: BusinessType;
  recipient: { name: string; mobile: string; names: AddressNames; detail: string };
  sortCode: string;
  station: StationInfo;
  printedAt: number;
}): WaybillLabelData {
  return {
    waybillNo: input.waybillNo,
    acceptanceNo: input.acceptanceNo,
    sortCode: input.sortCode,
    businessNameZh: input.business.nameZh,
    contents: '文件',
    printedAt: input.printedAt,
    recipient: {
      name: input.recipient.name,
      mobile: input.recipient.mobile,
      address: { ...input.recipient.names, detail: input.recipient.detail },
    },
    sender: input.station,
  };
}

export function receipt(input: {
  acceptanceNo: string;
  business: BusinessType;
  method: 'mail' | 'collect';
  acceptedAt: number;
  station: StationInfo;
  applicantName: string;
  waybillNo?: string;
  clerkCode: string;
  trackingUrl?: string;
}): ReceiptData {
  const how = input.method === 'mail' ? '邮寄到家' : '自行领取';
  return {
    acceptanceNo: input.acceptanceNo,
    businessNameZh: `${input.business.nameZh}（${how}）`,
    acceptedAt: input.acceptedAt,
    stationName: input.station.name,
    stationPhone: input.station.phone,
    applicantName: input.applicantName,
    ...(input.waybillNo ? { waybillNo: input.waybillNo } : {}),
    ...(input.trackingUrl ? { trackingUrl: input.trackingUrl } : {}),
    clerkCode: input.clerkCode,
    notes: [
      '凭受理单号和出生日期可查询办理进度。',
      input.method === 'mail'
        ? '证件制作完成后由邮政寄递，投递前电话预约，请保持电话畅通。'
        : '证件制作完成后请本人持回执到受理点领取。',
    ],
  };
}

export function slip(
  title: string,
  lines: SlipData['lines'],
  extra: Partial<SlipData> = {},
): SlipData {
  return { title, lines, printedAt: Date.now(), ...extra };
}
