// Provincial-level codes of GB/T 2260 (the first two digits of an area code), plus
// 81/82/83 used by residence permits for Hong Kong, Macao and Taiwan residents.
// Only the province is checked: abolished county codes stay valid on old ID cards.

// prettier-ignore
export const MAINLAND_PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
];

/** 71 is Taiwan in GB/T 2260; 81/82/83 are the residence-permit prefixes. */
export const RESIDENT_ID_PROVINCE_CODES: readonly string[] = [
  ...MAINLAND_PROVINCE_CODES,
  '71',
  '81',
  '82',
  '83',
];

const residentIdProvinces = new Set(RESIDENT_ID_PROVINCE_CODES);
const mainlandProvinces = new Set(MAINLAND_PROVINCE_CODES);

export const isResidentIdProvinceCode = (code: string): boolean => residentIdProvinces.has(code);
export const isMainlandProvinceCode = (code: string): boolean => mainlandProvinces.has(code);
