// 号牌种类 (GA 24.7) codes a clerk picks from, and the usual type for each plate kind so the
// picker starts on the likely answer.
import type { PlateKind } from '../../../shared/validation/index.ts';

export interface PlateType {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export const PLATE_TYPES: readonly PlateType[] = [
  { code: '01', nameZh: '大型汽车', nameEn: 'Large vehicle' },
  { code: '02', nameZh: '小型汽车', nameEn: 'Small vehicle' },
  { code: '51', nameZh: '大型新能源汽车', nameEn: 'Large new-energy vehicle' },
  { code: '52', nameZh: '小型新能源汽车', nameEn: 'Small new-energy vehicle' },
  { code: '03', nameZh: '使馆汽车', nameEn: 'Embassy vehicle' },
  { code: '04', nameZh: '领馆汽车', nameEn: 'Consulate vehicle' },
  { code: '05', nameZh: '境外汽车', nameEn: 'Foreign-registered vehicle' },
  { code: '06', nameZh: '外籍汽车', nameEn: 'Foreign-owned vehicle' },
  { code: '07', nameZh: '普通摩托车', nameEn: 'Motorcycle' },
  { code: '08', nameZh: '轻便摩托车', nameEn: 'Light motorcycle' },
  { code: '13', nameZh: '低速车', nameEn: 'Low-speed vehicle' },
  { code: '14', nameZh: '拖拉机', nameEn: 'Tractor' },
  { code: '15', nameZh: '挂车', nameEn: 'Trailer' },
  { code: '16', nameZh: '教练汽车', nameEn: 'Driving-school vehicle' },
  { code: '17', nameZh: '教练摩托车', nameEn: 'Driving-school motorcycle' },
  { code: '18', nameZh: '试验汽车', nameEn: 'Test vehicle' },
  { code: '20', nameZh: '临时入境汽车', nameEn: 'Temporary-entry vehicle' },
  { code: '22', nameZh: '临时行驶车', nameEn: 'Temporary-plate vehicle' },
  { code: '23', nameZh: '警用汽车', nameEn: 'Police vehicle' },
  { code: '26', nameZh: '香港入出境车', nameEn: 'Hong Kong cross-border vehicle' },
  { code: '27', nameZh: '澳门入出境车', nameEn: 'Macao cross-border vehicle' },
];

const SUGGESTED: Partial<Record<PlateKind, string>> = {
  ordinary: '02',
  new_energy_small: '52',
  new_energy_large: '51',
  coach: '16',
  trailer: '15',
  hk: '26',
  macau: '27',
  consulate: '04',
  embassy: '03',
  test: '18',
  police: '23',
};

export function suggestedPlateType(kind: PlateKind | 'temporary'): string | undefined {
  return kind === 'temporary' ? '22' : SUGGESTED[kind];
}

export function plateTypeByCode(code: string): PlateType | undefined {
  return PLATE_TYPES.find((t) => t.code === code);
}
