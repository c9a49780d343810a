// Dispatch / handover manifest (交接清单) on an 80 mm roll: batch id as a QR
// code (a ULID is too long for a scannable CODE128 across 72 mm), counts by
// business, the item list with masked recipients, and signature lines.
import type { LabelLayout } from './elements.ts';
import type { ManifestData } from '../types.ts';
import { FlowBuilder, LINE_HEIGHT, ROLL80_PRINTABLE_MM, textElement } from './builder.ts';
import { maskName } from './privacy.ts';
import { formatDateTime } from './time.ts';

export const MANIFEST_QR_PREFIX = 'WPB1:';

export function layoutManifest(data: ManifestData): LabelLayout {
  const b = new FlowBuilder('manifest80', 80, ROLL80_PRINTABLE_MM, 1.5, 2);
  const field = { sizeMm: 3.5, labelWidthMm: 17 } as const;
  b.paragraph('邮件交接清单', { sizeMm: 5.5, bold: true, align: 'center' })
    .rule({ thicknessMm: 0.4 })
    .field('交出', data.stationName, { ...field, role: 'stationName' })
    .field('接收', data.destination, { ...field, role: 'destination' })
    .field('时间', formatDateTime(data.createdAt), { ...field, role: 'createdAt' })
    .field('件数', `${data.items.length} 件`, { ...field, sizeMm: 4.5, bold: true, role: 'count' });

  const byBusiness = new Map<string, number>();
  for (const item of data.items)
    byBusiness.set(item.businessNameZh, (byBusiness.get(item.businessNameZh) ?? 0) + 1);
  for (const [business, count] of byBusiness) {
    b.row(`  ${business}`, `${count} 件`, { sizeMm: 3, role: 'businessCount' });
  }
  b.gap(1);

  const qrSize = 24;
  b.push({
    type: 'qr',
    x: b.left + (b.contentWidth - qrSize) / 2,
    y: b.y,
    sizeMm: qrSize,
    data: `${MANIFEST_QR_PREFIX}${data.batchId}`,
    ecLevel: 'M',
    role: 'batchQr',
  });
  b.gap(qrSize + 0.5).paragraph(data.batchId, { sizeMm: 3, align: 'center', role: 'batchId' });
  b.rule();

  // Item list: 序号 | 邮件号 | 业务 / 收件人.
  const size = 3;
  const cols = [b.left, b.left + 7, b.left + 36] as const;
  const header = ['序号', '邮件号', '业务 / 收件人'] as const;
  header.forEach((text, i) =>
    b.push(
      textElement(text, cols[i] ?? b.left, b.y, i === 2 ? b.contentWidth - 36 : 28, {
        sizeMm: size,
        bold: true,
      }),
    ),
  );
  b.gap(size * LINE_HEIGHT).rule({ gapMm: 0.5 });
  data.items.forEach((item, index) => {
    const who = item.recipientName === undefined ? '' : ` ${maskName(item.recipientName)}`;
    b.push(
      textElement(String(index + 1), cols[0], b.y, 6, { sizeMm: size }),
      textElement(item.waybillNo, cols[1], b.y, 28.5, { sizeMm: size, role: 'item.waybillNo' }),
      textElement(`${item.businessNameZh}${who}`, cols[2], b.y, b.contentWidth - 36, {
        sizeMm: size,
        role: 'item.detail',
      }),
    );
    b.gap(size * LINE_HEIGHT);
  });
  b.rule();
  b.paragraph(`交出人签名：${data.handedOverBy ?? ''}`, { sizeMm: 3.5 }).gap(4);
  b.paragraph('接收人签名：', { sizeMm: 3.5 }).gap(4);
  b.paragraph('接收时间：', { sizeMm: 3.5 });
  return b.finish(6);
}
