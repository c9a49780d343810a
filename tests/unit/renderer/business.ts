// Catalogue look-up for the renderer tests.
import { findBusiness as find, type BusinessType } from '../../../shared/catalogue/index.ts';
import type { Result } from '../../../shared/result.ts';

export const findBusiness = (code: string): Result<BusinessType> => find(code);
export function unwrapBusiness(result: Result<BusinessType>): BusinessType {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
