// Motor-vehicle plate numbers (机动车号牌, GA 36-2018 and later MPS notices).
//
// Grammar after normalisation (spaces, `·`, `-` removed; upper-case):
//   P = province char, L = issuing-office letter A–Z without I (O: police only),
//   S = serial char [0-9A-Z] without I/O, N = digit.
//   ordinary          P L S S S S S
//   new_energy_small  P L E S N N N N   E ∈ D A B C E (battery) / F G H J K (other)
//   new_energy_large  P L N N N N N E   E ∈ D F
//   coach 学, trailer 挂, consulate 领, test 试, super 超, police 警:  P L S S S S <char>
//   hk 港 / macau 澳  粤 Z S S S S <char>
//   embassy           使 N N N N N N
//   emergency         P X|S N N N N 应急
// Temporary plates have no stable format: see `isTemporaryPlateCandidate`.

import { fail, ok, type Result } from '../result.ts';
import { normalizeIdentifier } from './normalize.ts';

export const PLATE_PROVINCE_CHARS =
  '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';

export type PlateKind =
  | 'ordinary'
  | 'new_energy_small'
  | 'new_energy_large'
  | 'coach'
  | 'trailer'
  | 'hk'
  | 'macau'
  | 'consulate'
  | 'test'
  | 'super'
  | 'police'
  | 'embassy'
  | 'emergency';

export const PLATE_KINDS: readonly PlateKind[] = [
  'ordinary',
  'new_energy_small',
  'new_energy_large',
  'coach',
  'trailer',
  'hk',
  'macau',
  'consulate',
  'test',
  'super',
  'police',
  'embassy',
  'emergency',
];

export interface Plate {
  /** Normalised plate, e.g. `京A12345`. */
  readonly plate: string;
  readonly kind: PlateKind;
  /** For new-energy plates: battery-electric (D A B C E) or other new energy (F G H J K). */
  readonly newEnergy?: 'battery_electric' | 'other';
}

const SERIAL = '[0-9A-HJ-NP-Z]';
const SUFFIX_KINDS: Readonly<Record<string, PlateKind>> = {
  学: 'coach',
  挂: 'trailer',
  领: 'consulate',
  试: 'test',
  超: 'super',
  警: 'police',
  港: 'hk',
  澳: 'macau',
};

const ORDINARY = new RegExp(`^${SERIAL}{5}$`);
const NEW_ENERGY_SMALL = new RegExp(`^[A-HJK]${SERIAL}\\d{4}$`);
const NEW_ENERGY_LARGE = /^\d{5}[DF]$/;
const SUFFIXED = new RegExp(`^${SERIAL}{4}([学挂领试超警港澳])$`);
const EMERGENCY = /^\d{4}应急$/;
const EMBASSY = /^使\d{6}$/;

type PlateClass = Omit<Plate, 'plate'>;

/** Classifies the part after province + issuer; `null` when no plate kind fits. */
function kindOfSerial(province: string, issuer: string, rest: string): PlateClass | null {
  if (ORDINARY.test(rest)) return { kind: 'ordinary' };
  if (NEW_ENERGY_SMALL.test(rest)) {
    return {
      kind: 'new_energy_small',
      newEnergy: 'DABCE'.includes(rest.charAt(0)) ? 'battery_electric' : 'other',
    };
  }
  if (NEW_ENERGY_LARGE.test(rest)) {
    return {
      kind: 'new_energy_large',
      newEnergy: rest.endsWith('D') ? 'battery_electric' : 'other',
    };
  }
  const suffixed = SUFFIXED.exec(rest);
  const suffixKind = suffixed?.[1] === undefined ? undefined : SUFFIX_KINDS[suffixed[1]];
  if (suffixKind !== undefined) {
    // Hong Kong / Macao cross-boundary plates are issued only as 粤Z.
    if ((suffixKind === 'hk' || suffixKind === 'macau') && (province !== '粤' || issuer !== 'Z')) {
      return null;
    }
    return { kind: suffixKind };
  }
  if (EMERGENCY.test(rest) && (issuer === 'X' || issuer === 'S')) {
    return { kind: 'emergency' };
  }
  return null;
}

/** Parses and classifies a plate number. Never throws. */
export function parsePlate(input: string): Result<Plate> {
  const plate = normalizeIdentifier(input);
  if (plate.length === 0) return fail('PLATE_EMPTY', '请输入号牌号码', 'Enter the plate number');
  if (plate.startsWith('使')) {
    return EMBASSY.test(plate)
      ? ok({ plate, kind: 'embassy' })
      : fail(
          'PLATE_FORMAT',
          '使馆号牌应为“使”加6位数字',
          'An embassy plate is 使 followed by 6 digits',
        );
  }
  const province = plate.charAt(0);
  if (!PLATE_PROVINCE_CHARS.includes(province)) {
    return fail(
      'PLATE_PROVINCE',
      '号牌号码第一位应为省份简称（如 京、晋）',
      'A plate must start with a province abbreviation such as 京 or 晋',
    );
  }
  const issuer = plate.charAt(1);
  if (!/^[A-HJ-Z]$/.test(issuer)) {
    return fail(
      'PLATE_ISSUER',
      '号牌号码第二位应为发牌机关代号字母（不含I）',
      'The second character of a plate must be the issuing-office letter (not I)',
    );
  }
  const rest = plate.slice(2);
  if (/[IO]/.test(rest)) {
    return fail(
      'PLATE_SERIAL_CHAR',
      '号牌序号不能使用字母I或O',
      'The plate serial may not contain the letters I or O',
    );
  }
  const found = kindOfSerial(province, issuer, rest);
  if (found === null) {
    return fail('PLATE_FORMAT', '号牌号码格式不正确', 'The plate number format is not valid');
  }
  if (issuer === 'O' && found.kind !== 'police') {
    return fail(
      'PLATE_ISSUER',
      '发牌机关代号O仅用于警用号牌',
      'The issuing-office letter O is used only on police plates',
    );
  }
  return ok({ ...found, plate });
}

/**
 * True when `input` is not a valid regular plate but looks like a temporary plate
 * (临时号牌), whose formats vary by year and region: the UI should accept it only
 * after the clerk confirms. A heuristic: a province char, then letters/digits, and
 * either the word 临/临时 (5–10 letters/digits) or a letter + 6 letters/digits with at
 * least 4 digits (one char longer than an ordinary plate, so typos of those don't match).
 */
export function isTemporaryPlateCandidate(input: string): boolean {
  const plate = normalizeIdentifier(input);
  if (plate.length === 0 || parsePlate(plate).ok) return false;
  const marked = plate.includes('临');
  const body = /^(.)([0-9A-Z]+)$/.exec(plate.replace(/临时?/g, ''));
  const province = body?.[1] ?? '';
  const rest = body?.[2] ?? '';
  if (!PLATE_PROVINCE_CHARS.includes(province) || province === '') return false;
  if (marked) return rest.length >= 5 && rest.length <= 10;
  return /^[A-Z][0-9A-Z]{6}$/.test(rest) && rest.replace(/\D/g, '').length >= 4;
}
