// Person names on waybills and screens (GB/T 41833-2022 privacy waybill: hide at
// least one character of the name).
//
// Rule: keep the first character — the surname, or the first character of a compound
// surname such as 欧阳 — and replace every other character with one `*`:
// 张三 → 张*, 王𠮷 → 王*, 王小明 → 王**, 欧阳娜娜 → 欧***. A one-character name
// becomes `*`. No given-name character is ever shown, and no surname list is needed.

import { MASK_CHAR, characters, wellFormed } from './text.ts';

export function maskName(name: string): string {
  const chars = characters(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return MASK_CHAR;
  return wellFormed(chars[0] ?? '') + MASK_CHAR.repeat(chars.length - 1);
}
