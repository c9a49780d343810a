// Synthetic people for the harness (no real person): valid ID numbers, 137… mobiles.
import { residentIdCheckChar } from '../../../shared/validation/residentId.ts';

export function syntheticPerson(n: number): { idNumber: string; mobile: string } {
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  const first17 = `1401061990${month}${day}${String(n % 1000).padStart(3, '0')}`;
  return {
    idNumber: first17 + residentIdCheckChar(first17),
    mobile: `137${String(n).padStart(8, '0')}`,
  };
}

// Passed to the page at run time (never bundled), so finding them on disk means a leak.
export const APPLICANT_NAME = '测试申请人';
export const ADDRESS_DETAIL = '测试路 8 号 1 单元 101 室';
export const acceptanceNo = (n: number) => `E2E${String(n).padStart(6, '0')}`;
