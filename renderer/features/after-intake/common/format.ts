// Small display helpers shared by the after-intake screens.
import { findBusiness } from '../../../../shared/catalogue/index.ts';
import { formatBeijing } from '../../../../shared/promises/index.ts';
import type { Lang } from '../../../../shared/result.ts';

export function businessName(code: string | undefined, lang: Lang): string {
  if (!code) return '';
  const business = findBusiness(code);
  return business.ok ? (lang === 'en' ? business.value.nameEn : business.value.nameZh) : code;
}

export const time = (at: number | undefined): string => (at === undefined ? '' : formatBeijing(at));

export const percent = (ratio: number | null): string =>
  ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
