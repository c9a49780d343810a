// Lay out any label kind. Refuses content a printer or scanner would mangle
// (non-ASCII barcode/QR data, a waybill with other contents than '文件').
import { fail, ok, type Result } from '../../result.ts';
import type { LabelContent } from '../types.ts';
import type { LabelLayout } from './elements.ts';
import { layoutManifest } from './manifest.ts';
import { layoutReceipt } from './receipt.ts';
import { layoutSlip } from './slip.ts';
import { isPrintableAscii } from './text.ts';
import { layoutWaybill } from './waybill.ts';

export type {
  LabelLayout,
  LayoutElement,
  TextElement,
  Code128Element,
  QrElement,
} from './elements.ts';
export { layoutTexts } from './elements.ts';
export { MIN_WAYBILL_BAR_HEIGHT_MM, formatWaybillNo } from './waybill.ts';
export { receiptQrContent } from './receipt.ts';

/** UPU S10 (EA123456785CN) or a 13-digit domestic EMS number. */
const WAYBILL_NO = /^(?:[A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/u;

function checkContent(content: LabelContent): Result<void> {
  switch (content.kind) {
    case 'ems100x150':
    case 'ems76x130': {
      const w = content.waybill;
      if (!WAYBILL_NO.test(w.waybillNo)) {
        return fail(
          'LABEL_WAYBILL_NO',
          '邮件号格式不正确，无法打印条码',
          'Waybill number is malformed',
          'waybillNo',
        );
      }
      if (w.contents !== '文件') {
        return fail(
          'LABEL_CONTENTS',
          '隐私面单的内件名称只能是“文件”',
          "Privacy waybill contents must be '文件'",
          'contents',
        );
      }
      if (
        w.recipient.name.trim() === '' ||
        w.recipient.mobile.trim() === '' ||
        w.recipient.address.detail.trim() === ''
      ) {
        return fail(
          'LABEL_RECIPIENT',
          '收件人姓名、电话和地址不能为空',
          'Recipient name, phone and address are required',
          'recipient',
        );
      }
      return ok(undefined);
    }
    case 'receipt80':
      if (!isPrintableAscii(content.receipt.acceptanceNo) || content.receipt.acceptanceNo === '') {
        return fail(
          'LABEL_ACCEPTANCE_NO',
          '受理号只能包含字母和数字',
          'Acceptance number must be ASCII',
          'acceptanceNo',
        );
      }
      return ok(undefined);
    case 'manifest80':
      if (!isPrintableAscii(content.manifest.batchId) || content.manifest.batchId === '') {
        return fail(
          'LABEL_BATCH_ID',
          '批次号只能包含字母和数字',
          'Batch id must be ASCII',
          'batchId',
        );
      }
      return ok(undefined);
    case 'slip80':
      if (content.slip.barcode !== undefined && !isPrintableAscii(content.slip.barcode)) {
        return fail(
          'LABEL_BARCODE_ASCII',
          '条码内容只能包含字母和数字',
          'Barcode content must be ASCII',
          'barcode',
        );
      }
      return ok(undefined);
  }
}

export function layoutLabel(content: LabelContent): Result<LabelLayout> {
  const checked = checkContent(content);
  if (!checked.ok) return checked;
  const layout = build(content);
  // Belt and braces: no layout may put non-ASCII data into a symbol.
  for (const element of layout.elements) {
    if ((element.type === 'qr' || element.type === 'code128') && !isPrintableAscii(element.data)) {
      return fail(
        'LABEL_BARCODE_ASCII',
        '条码内容只能包含字母和数字',
        'Barcode content must be ASCII',
      );
    }
  }
  return ok(layout);
}

function build(content: LabelContent): LabelLayout {
  switch (content.kind) {
    case 'ems100x150':
    case 'ems76x130':
      return layoutWaybill(content.kind, content.waybill);
    case 'receipt80':
      return layoutReceipt(content.receipt);
    case 'manifest80':
      return layoutManifest(content.manifest);
    case 'slip80':
      return layoutSlip(content.slip);
  }
}
