// What the clerk typed (or scanned) into the records search, decided from its shape alone.
import {
  parseMobile,
  parsePermanentResidenceCard,
  parseResidentId,
  parseWaybillNumber,
} from '../../../shared/validation/index.ts';

export type SearchKind = 'waybill' | 'acceptance' | 'phoneLast4' | 'mobile' | 'idNumber' | 'name';

export interface SearchQuery {
  readonly kind: SearchKind;
  readonly value: string;
}

export function classifySearch(input: string): SearchQuery | null {
  const text = input.trim();
  if (text === '') return null;
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{4}$/.test(compact)) return { kind: 'phoneLast4', value: compact };
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(compact)) {
    const waybill = parseWaybillNumber(compact);
    if (waybill.ok) return { kind: 'waybill', value: waybill.value.waybillNo };
  }
  if (/^\d{17}[\dX]$/.test(compact)) {
    const id = parseResidentId(compact);
    if (id.ok) return { kind: 'idNumber', value: id.value.idNumber };
    const card = parsePermanentResidenceCard(compact);
    if (card.ok) return { kind: 'idNumber', value: card.value.cardNumber };
  }
  if (/^(\+?86)?1[3-9]\d{9}$/.test(compact)) {
    const mobile = parseMobile(compact);
    if (mobile.ok) return { kind: 'mobile', value: mobile.value.mobile };
  }
  // 13-digit domestic EMS numbers have no check rule: a 13-digit number is a waybill.
  if (/^\d{13}$/.test(compact)) return { kind: 'waybill', value: compact };
  if (/^[0-9A-Z]{4,32}$/.test(compact) && /\d/.test(compact))
    return { kind: 'acceptance', value: compact };
  if (/^[\p{Script=Han}·•A-Za-z ]{1,30}$/u.test(text))
    return { kind: 'name', value: text.replace(/\s+/g, ' ') };
  return { kind: 'acceptance', value: compact };
}
