// Sample labels that differ label by label the way a day's labels do: waybill and
// acceptance numbers, recipient name, phone, house number and time change; the
// station, headings and notices stay. Benchmarks use them so the raster's ink cache
// only helps where a real batch would let it (constant strings), never a whole label.
import {
  sampleManifest,
  sampleReceipt,
  sampleSlip,
  sampleWaybill,
} from '../../electron/printing/samples.ts';
import type { LabelContent, LabelKind } from '../../shared/printing/types.ts';
import { prng, s10WaybillNo, syntheticMobile, syntheticName } from './synthetic.ts';

const MINUTE = 60_000;

export function labelVariant(kind: LabelKind, index: number): LabelContent {
  const r = prng(index + 1);
  const waybillNo = s10WaybillNo(index + 1, 'EV');
  const acceptanceNo = `A1401062026${String(index).padStart(8, '0')}`;
  const at = sampleWaybill.printedAt + index * MINUTE;
  switch (kind) {
    case 'ems100x150':
    case 'ems76x130':
      return {
        kind,
        waybill: {
          ...sampleWaybill,
          waybillNo,
          acceptanceNo,
          printedAt: at,
          recipient: {
            ...sampleWaybill.recipient,
            name: syntheticName(r),
            mobile: syntheticMobile(r),
            address: {
              ...sampleWaybill.recipient.address,
              detail: `迎泽大街${1 + (index % 400)}号${1 + (index % 6)}单元${100 + (index % 900)}室`,
            },
          },
        },
      };
    case 'receipt80':
      return {
        kind,
        receipt: {
          ...sampleReceipt,
          acceptanceNo,
          acceptedAt: at,
          applicantName: syntheticName(r),
          waybillNo,
        },
      };
    case 'manifest80':
      return {
        kind,
        manifest: {
          ...sampleManifest,
          batchId: `01JNX4F7Q2M6Z8K3R5T${String(index).padStart(7, '0')}`,
          createdAt: at,
          items: sampleManifest.items.map((item, i) => ({
            ...item,
            waybillNo: s10WaybillNo(index * 4 + i + 1, 'EM'),
            recipientName: syntheticName(r),
          })),
        },
      };
    case 'slip80': {
      const shift = `SHIFT-${String(index % 10_000).padStart(4, '0')}-A`;
      return {
        kind,
        slip: {
          ...sampleSlip,
          printedAt: at,
          barcode: shift,
          lines: sampleSlip.lines.map((line, i) => (i === 0 ? { ...line, value: shift } : line)),
        },
      };
    }
  }
}
