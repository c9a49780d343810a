// EMS privacy waybill (隐私面单, GB/T 41833-2022) on 100×150 mm and 76×130 mm labels.
// The layout masks the recipient itself: name (≥1 char hidden), phone (≥6 digits
// hidden), address (unit/floor/room hidden). The barcode carries only the
// waybill number, the contents are always '文件', and there is no ID number field.
import type { LabelLayout, LayoutElement } from './elements.ts';
import type { WaybillLabelData, WaybillLabelKind } from '../types.ts';
import { LINE_HEIGHT, textElement } from './builder.ts';
import { maskAddress, maskName, maskPhone } from './privacy.ts';
import { fitText } from './text.ts';
import { formatDateTime } from './time.ts';

/** Postal scanners need CODE128 bars at least this tall. */
export const MIN_WAYBILL_BAR_HEIGHT_MM = 12.5;

interface Profile {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly margin: number;
  readonly header: number;
  readonly brandSize: number;
  readonly sortBlock: number;
  readonly sortSize: number;
  readonly barHeight: number;
  readonly barTextSize: number;
  readonly nameSize: number;
  readonly addressSize: number;
  readonly addressLines: number;
  readonly senderSize: number;
  readonly infoSize: number;
  readonly smallSize: number;
  readonly tabWidth: number;
}

const PROFILES: Record<WaybillLabelKind, Profile> = {
  ems100x150: {
    widthMm: 100,
    heightMm: 150,
    margin: 3,
    header: 11,
    brandSize: 7,
    sortBlock: 17,
    sortSize: 12,
    barHeight: 16,
    barTextSize: 4.5,
    nameSize: 5.5,
    addressSize: 4.5,
    addressLines: 3,
    senderSize: 3.5,
    infoSize: 3.5,
    smallSize: 2.6,
    tabWidth: 9,
  },
  ems76x130: {
    widthMm: 76,
    heightMm: 130,
    margin: 2.5,
    header: 9,
    brandSize: 5.5,
    sortBlock: 14,
    sortSize: 10,
    barHeight: 14,
    barTextSize: 4,
    nameSize: 4.5,
    addressSize: 3.8,
    addressLines: 3,
    senderSize: 3,
    infoSize: 3,
    smallSize: 2.5,
    tabWidth: 7,
  },
};

/** UPU S10 numbers read better grouped: EA 123 456 785 CN. */
export function formatWaybillNo(waybillNo: string): string {
  const s10 = /^([A-Z]{2})(\d{3})(\d{3})(\d{3})([A-Z]{2})$/u.exec(waybillNo);
  return s10 ? s10.slice(1).join(' ') : waybillNo;
}

function addressLine(address: WaybillLabelData['recipient']['address']): string {
  return maskAddress(address);
}

function senderAddress(address: WaybillLabelData['sender']['address']): string {
  // The sender is the station: public business data, printed in full.
  return [address.province, address.city, address.county, address.street, address.detail]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('');
}

export function layoutWaybill(kind: WaybillLabelKind, data: WaybillLabelData): LabelLayout {
  const p = PROFILES[kind];
  const left = p.margin;
  const right = p.widthMm - p.margin;
  const width = right - left;
  const els: LayoutElement[] = [];
  const hline = (y: number, thicknessMm = 0.3) =>
    els.push({ type: 'line', x1: left, y1: y, x2: right, y2: y, thicknessMm });

  // Header: brand left, "隐私面单" tag right.
  let y = p.margin;
  els.push(
    textElement('EMS', left, y + (p.header - p.brandSize * 1.1) / 2, width / 3, {
      sizeMm: p.brandSize,
      bold: true,
    }),
  );
  const brandTextX = left + p.brandSize * 2.4;
  els.push(
    textElement('中国邮政速递物流', brandTextX, y + 0.4, width * 0.5, {
      sizeMm: p.senderSize,
      bold: true,
    }),
    textElement(
      '警邮合作 · 特快专递',
      brandTextX,
      y + 0.6 + p.senderSize * LINE_HEIGHT,
      width * 0.5,
      {
        sizeMm: p.smallSize,
      },
    ),
  );
  const tagW = p.smallSize * 5.2;
  const tagH = p.smallSize * 1.6;
  els.push(
    {
      type: 'box',
      x: right - tagW,
      y: y + (p.header - tagH) / 2,
      w: tagW,
      h: tagH,
      thicknessMm: 0.3,
      fill: true,
    },
    textElement('隐私面单', right - tagW / 2, y + (p.header - tagH) / 2 + tagH * 0.18, tagW, {
      sizeMm: p.smallSize,
      bold: true,
      align: 'center',
      invert: true,
    }),
  );
  y += p.header;
  hline(y, 0.5);

  // Sort code, large.
  const sort = fitText(data.sortCode, p.sortSize, p.sortSize * 0.6, width, 1);
  els.push(
    textElement(
      sort.lines[0] ?? '',
      left + width / 2,
      y + (p.sortBlock - sort.sizeMm * 1.15) / 2,
      width,
      {
        sizeMm: sort.sizeMm,
        bold: true,
        align: 'center',
        role: 'sortCode',
      },
    ),
  );
  y += p.sortBlock;
  hline(y);

  // Barcode: only the waybill number, with the number under the bars.
  y += 2;
  els.push({
    type: 'code128',
    x: left,
    y,
    maxWidthMm: width,
    heightMm: p.barHeight,
    data: data.waybillNo,
    role: 'waybillBarcode',
  });
  y += p.barHeight + 1;
  els.push(
    textElement(formatWaybillNo(data.waybillNo), left + width / 2, y, width, {
      sizeMm: p.barTextSize,
      bold: true,
      align: 'center',
      role: 'waybillNo',
    }),
  );
  y += p.barTextSize * LINE_HEIGHT + 0.5;
  hline(y);

  // Party blocks: a black tab with 收 / 寄, then the text.
  const tab = (label: string, top: number, height: number, sizeMm: number) => {
    els.push(
      { type: 'box', x: left, y: top, w: p.tabWidth, h: height, thicknessMm: 0.3, fill: true },
      textElement(label, left + p.tabWidth / 2, top + (height - sizeMm * 1.15) / 2, p.tabWidth, {
        sizeMm,
        bold: true,
        align: 'center',
        invert: true,
      }),
    );
  };
  const textLeft = left + p.tabWidth + 2;
  const textWidth = right - textLeft;

  // Recipient (masked).
  const recipientTop = y;
  const recipientHeight =
    1 +
    p.nameSize * LINE_HEIGHT +
    1 +
    p.addressSize * LINE_HEIGHT * p.addressLines +
    p.smallSize * LINE_HEIGHT +
    1;
  tab('收', recipientTop, recipientHeight, p.tabWidth * 0.7);
  let ry = recipientTop + 1;
  els.push(
    textElement(maskName(data.recipient.name), textLeft, ry, textWidth * 0.45, {
      sizeMm: p.nameSize,
      bold: true,
      role: 'recipient.name',
    }),
    textElement(maskPhone(data.recipient.mobile), right, ry, textWidth * 0.55, {
      sizeMm: p.nameSize,
      bold: true,
      align: 'right',
      role: 'recipient.mobile',
    }),
  );
  ry += p.nameSize * LINE_HEIGHT + 1;
  const address = fitText(
    addressLine(data.recipient.address),
    p.addressSize,
    p.addressSize * 0.75,
    textWidth,
    p.addressLines,
  );
  for (const line of address.lines) {
    els.push(
      textElement(line, textLeft, ry, textWidth, {
        sizeMm: address.sizeMm,
        role: 'recipient.address',
      }),
    );
    ry += address.sizeMm * LINE_HEIGHT;
  }
  if (data.recipient.postcode !== undefined && data.recipient.postcode !== '') {
    els.push(
      textElement(
        `邮编 ${data.recipient.postcode}`,
        right,
        recipientTop + recipientHeight - p.smallSize * LINE_HEIGHT,
        textWidth,
        {
          sizeMm: p.smallSize,
          align: 'right',
          role: 'recipient.postcode',
        },
      ),
    );
  }
  y = recipientTop + recipientHeight;
  hline(y);

  // Sender: the station, in full.
  const senderTop = y;
  const senderHeight = 1 + p.senderSize * LINE_HEIGHT * 4 + 1;
  tab('寄', senderTop, senderHeight, p.tabWidth * 0.6);
  let sy = senderTop + 1;
  const senderName = fitText(data.sender.name, p.senderSize, p.smallSize, textWidth, 1);
  els.push(
    textElement(senderName.lines[0] ?? '', textLeft, sy, textWidth, {
      sizeMm: senderName.sizeMm,
      bold: true,
      role: 'sender.name',
    }),
  );
  sy += p.senderSize * LINE_HEIGHT;
  els.push(
    textElement(data.sender.phone, textLeft, sy, textWidth, {
      sizeMm: p.senderSize,
      role: 'sender.phone',
    }),
  );
  sy += p.senderSize * LINE_HEIGHT;
  const sender = fitText(
    senderAddress(data.sender.address),
    p.senderSize,
    p.smallSize,
    textWidth,
    2,
  );
  for (const line of sender.lines) {
    els.push(
      textElement(line, textLeft, sy, textWidth, { sizeMm: sender.sizeMm, role: 'sender.address' }),
    );
    sy += p.senderSize * LINE_HEIGHT;
  }
  y = senderTop + senderHeight;
  hline(y);

  // Item facts, two columns.
  y += 1;
  const half = width / 2;
  const info = (text: string, col: 0 | 1, row: number, role: string, span = false) =>
    els.push(
      textElement(
        text,
        left + col * half,
        y + row * p.infoSize * LINE_HEIGHT,
        span ? width : half - 1,
        {
          sizeMm: p.infoSize,
          bold: role === 'contents',
          role,
        },
      ),
    );
  info(`内件：${data.contents}`, 0, 0, 'contents');
  info(data.weightGrams === undefined ? '重量：' : `重量：${data.weightGrams} g`, 1, 0, 'weight');
  info(`业务：${data.businessNameZh}`, 0, 1, 'business', true);
  info(`受理号：${data.acceptanceNo}`, 0, 2, 'acceptanceNo', true);
  info(`打印：${formatDateTime(data.printedAt)}`, 0, 3, 'printedAt', true);
  y += p.infoSize * LINE_HEIGHT * 4 + 0.5;
  hline(y);

  // Footer: signature line and the privacy notice, anchored to the bottom.
  const footerTop = y + 1.5;
  els.push(
    textElement('签收人：', left, footerTop, width / 2, { sizeMm: p.infoSize }),
    textElement('签收时间：', left + half, footerTop, width / 2, { sizeMm: p.infoSize }),
  );
  const noteY = p.heightMm - p.margin - p.smallSize * LINE_HEIGHT;
  els.push(
    textElement('本面单已按 GB/T 41833-2022 隐藏收件人个人信息', left + width / 2, noteY, width, {
      sizeMm: p.smallSize,
      align: 'center',
      role: 'privacyNotice',
    }),
  );

  return {
    kind,
    widthMm: p.widthMm,
    heightMm: p.heightMm,
    paperWidthMm: p.widthMm,
    continuous: false,
    elements: els,
  };
}
