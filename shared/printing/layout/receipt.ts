// Applicant receipt (受理回执) on an 80 mm roll. The QR carries only ASCII
// (`WP1:<acceptanceNo>`); status is queried by acceptance number + date of birth.
import type { LabelLayout } from './elements.ts';
import type { ReceiptData } from '../types.ts';
import { FlowBuilder, ROLL80_PRINTABLE_MM } from './builder.ts';
import { maskName } from './privacy.ts';
import { formatDateTime } from './time.ts';

export const RECEIPT_QR_PREFIX = 'WP1:';

export function receiptQrContent(acceptanceNo: string): string {
  return `${RECEIPT_QR_PREFIX}${acceptanceNo}`;
}

export function layoutReceipt(data: ReceiptData): LabelLayout {
  const b = new FlowBuilder('receipt80', 80, ROLL80_PRINTABLE_MM, 1.5, 2);
  const field = { sizeMm: 3.5, labelWidthMm: 17 } as const;
  b.paragraph('警邮合作 受理回执', { sizeMm: 5.5, bold: true, align: 'center' })
    .gap(0.5)
    .paragraph(data.stationName, {
      sizeMm: 3.5,
      align: 'center',
      role: 'stationName',
      maxLines: 2,
      minSizeMm: 3,
    })
    .rule({ thicknessMm: 0.4 })
    .field('受理号', data.acceptanceNo, {
      ...field,
      sizeMm: 4.5,
      bold: true,
      role: 'acceptanceNo',
      labelWidthMm: 17,
    })
    .field('业务', data.businessNameZh, { ...field, role: 'business' })
    .field('受理时间', formatDateTime(data.acceptedAt), { ...field, role: 'acceptedAt' });
  if (data.applicantName !== undefined && data.applicantName !== '') {
    b.field('申请人', maskName(data.applicantName), { ...field, role: 'applicant.name' });
  }
  if (data.waybillNo !== undefined && data.waybillNo !== '') {
    b.field('邮件号', data.waybillNo, { ...field, role: 'waybillNo' });
  }
  if (data.clerkCode !== undefined && data.clerkCode !== '') {
    b.field('受理员', data.clerkCode, { ...field, role: 'clerk' });
  }
  b.rule({ dashed: true });

  const qrSize = 30;
  b.push({
    type: 'qr',
    x: b.left + (b.contentWidth - qrSize) / 2,
    y: b.y,
    sizeMm: qrSize,
    data: receiptQrContent(data.acceptanceNo),
    ecLevel: 'M',
    role: 'trackingQr',
  });
  b.gap(qrSize + 0.5)
    .paragraph('扫码查询办理进度', { sizeMm: 3, align: 'center' })
    .gap(1);

  b.paragraph('凭受理号和申请人出生日期（8位数字，如 19900307）查询办理进度：', {
    sizeMm: 3,
    role: 'queryHint',
  });
  if (data.trackingUrl !== undefined && data.trackingUrl !== '') {
    b.paragraph(data.trackingUrl, { sizeMm: 3, align: 'center', role: 'trackingUrl' });
  }
  b.paragraph(`咨询电话：${data.stationPhone}`, { sizeMm: 3.5, bold: true, role: 'stationPhone' });
  for (const note of data.notes ?? []) b.paragraph(note, { sizeMm: 3, role: 'note' });
  b.rule({ dashed: true }).paragraph('请妥善保管本回执，证件寄达前请保持电话畅通。', {
    sizeMm: 3,
    align: 'center',
  });
  return b.finish(6);
}
