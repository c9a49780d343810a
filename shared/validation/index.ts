// Identifier validators. Each parser normalises its input (full-width → half-width,
// separators stripped, upper-case), returns `Result` with a stable code and a Chinese
// message, and never throws. The check-digit helpers are for building numbers.

export { normalizeIdentifier, toHalfWidth } from './normalize.ts';
export { isLeapYear, isCalendarDate, type ClockOptions } from './birthDate.ts';
export {
  MAINLAND_PROVINCE_CODES,
  RESIDENT_ID_PROVINCE_CODES,
  isResidentIdProvinceCode,
} from './provinces.ts';
export { parseResidentId, residentIdCheckChar, type ResidentId, type Sex } from './residentId.ts';
export {
  parsePermanentResidenceCard,
  type PermanentResidenceCard,
} from './permanentResidenceCard.ts';
export {
  PLATE_KINDS,
  PLATE_PROVINCE_CHARS,
  isTemporaryPlateCandidate,
  parsePlate,
  type Plate,
  type PlateKind,
} from './plate.ts';
export { parseVin, vinCheckDigit, type Vin } from './vin.ts';
export { parseWaybillNumber, s10CheckDigit, type WaybillNumber } from './waybill.ts';
export { normalizePhone, parseMobile, type Mobile } from './mobile.ts';
