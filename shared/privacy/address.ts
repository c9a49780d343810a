// Recipient addresses on waybills (GB/T 41833-2022): keep what routes the item —
// province, city, county, street and the road + house number or community name —
// and hide the unit, building, floor and room.

import { MASK_CHAR, wellFormed } from './text.ts';

/** A postal address as names (not codes), as captured at intake. */
export interface PostalAddress {
  readonly province?: string;
  readonly city?: string;
  readonly county?: string;
  /** Township-level name (街道 / 镇 / 乡). */
  readonly street?: string;
  /** Road, house number, community, building, unit, room — free text. */
  readonly detail: string;
}

/** Shown in place of everything hidden; fixed length so it reveals nothing. */
export const ADDRESS_MASK = MASK_CHAR.repeat(4);

// Placeholder city-level names in GB/T 2260 data for municipalities and
// directly-administered counties: not part of a written address.
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

// A house number (门牌号): digits, an optional sub-number, 号, optionally 院 —
// but not 5号楼 / 5号室 (a building or room). Any other digit is private.
const HOUSE_NUMBER = /[0-9０-９]+(?:[-－之][0-9０-９]+)?号院?(?![楼栋幢座室房])/gu;
// A numbered or lettered building, unit, floor, room or door: 3单元, 二单元, A座, 5楼.
const NUMBERED_PART =
  /(?:[0-9０-９A-Za-zＡ-Ｚａ-ｚ]+|[零〇一二三四五六七八九十百两]+)\s*(?:号楼|单元|栋|幢|座|楼|层|室|房|户|门)/gu;
const DIGIT = /[0-9０-９]/u;
const LATIN_LETTER = /[A-Za-zＡ-Ｚａ-ｚ]/u;

/** Index where the private part of `detail` begins (its length when there is none). */
function privateStart(detail: string): number {
  let cut = detail.length;
  for (const m of detail.matchAll(NUMBERED_PART)) {
    cut = Math.min(cut, m.index);
    break;
  }
  const houseNumberDigits = new Set<number>();
  for (const m of detail.matchAll(HOUSE_NUMBER)) {
    for (let i = m.index; i < m.index + m[0].length; i += 1) houseNumberDigits.add(i);
  }
  for (let i = 0; i < cut; i += 1) {
    if (DIGIT.test(detail.charAt(i)) && !houseNumberDigits.has(i)) {
      // A building letter glued to the number (B1201) goes too.
      let start = i;
      while (start > i - 2 && start > 0 && LATIN_LETTER.test(detail.charAt(start - 1))) start -= 1;
      cut = start;
      break;
    }
  }
  return cut;
}

/**
 * The road + house number / community part of a free-text detail, with the rest
 * replaced by `****`: '迎泽大街100号3单元502室' → '迎泽大街100号****',
 * '幸福小区5号楼2单元301' → '幸福小区****'. Digits are shown only inside a house number.
 */
export function maskAddressDetail(detail: string): string {
  const text = wellFormed(detail.trim());
  const cut = privateStart(text);
  const kept = text.slice(0, cut).replace(/[\s,，、;；:：\-－#＃·]+$/u, '');
  return cut < text.length ? kept + ADDRESS_MASK : kept;
}

/** A one-line display/label address with the private part of the detail hidden. */
export function maskAddress(address: PostalAddress): string {
  const divisions: string[] = [];
  for (const name of [address.province, address.city, address.county, address.street]) {
    const trimmed = wellFormed(name?.trim() ?? '');
    if (trimmed === '' || PLACEHOLDER_NAMES.has(trimmed)) continue;
    // Municipalities repeat the province as the city (北京市 北京市).
    if (divisions[divisions.length - 1] === trimmed) continue;
    divisions.push(trimmed);
  }
  return divisions.join('') + maskAddressDetail(address.detail);
}
