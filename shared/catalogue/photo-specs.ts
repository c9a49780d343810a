// Photo specifications (照片规格) as data, so capture, cropping and checks read one source.
// Sizes are the published pixel dimensions; byte limits use KB = 1024 bytes.
import { fail, ok, type Result } from '../result.ts';

export type PhotoSpecCode = 'RESIDENT_ID' | 'DRIVING_LICENCE' | 'EXIT_ENTRY';

export type PhotoBackground = 'white' | 'white_or_light';

export interface PhotoSpec {
  readonly code: PhotoSpecCode;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The standard the numbers come from, for support staff to check against. */
  readonly standard: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** 'exact': the photo must be exactly widthPx × heightPx; 'minimum': at least that, same aspect ratio. */
  readonly sizeRule: 'exact' | 'minimum';
  /** Print resolution; null where the standard prescribes none. */
  readonly dpi: number | null;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly background: PhotoBackground;
  readonly format: 'jpeg';
}

const KB = 1024;

export const PHOTO_SPECS = {
  RESIDENT_ID: {
    code: 'RESIDENT_ID',
    nameZh: '居民身份证照片',
    nameEn: 'Resident ID card photo',
    standard: 'GA/T 461-2019 (replaces GA 461)',
    widthPx: 358,
    heightPx: 441,
    sizeRule: 'exact',
    dpi: 350,
    minBytes: 14 * KB,
    maxBytes: 20 * KB,
    background: 'white',
    format: 'jpeg',
  },
  DRIVING_LICENCE: {
    code: 'DRIVING_LICENCE',
    nameZh: '机动车驾驶证照片',
    nameEn: 'Driving licence photo',
    standard: 'Traffic-management (车驾管) photo requirements',
    widthPx: 260,
    heightPx: 378,
    sizeRule: 'exact',
    dpi: 300,
    minBytes: 14 * KB,
    maxBytes: 30 * KB,
    background: 'white',
    format: 'jpeg',
  },
  EXIT_ENTRY: {
    code: 'EXIT_ENTRY',
    nameZh: '出入境证件照片',
    nameEn: 'Exit-entry document photo',
    standard: 'ICAO Doc 9303 based exit-entry photo rules',
    widthPx: 354,
    heightPx: 472,
    sizeRule: 'minimum',
    dpi: null,
    minBytes: 20 * KB,
    maxBytes: 80 * KB,
    background: 'white_or_light',
    format: 'jpeg',
  },
} as const satisfies Record<PhotoSpecCode, PhotoSpec>;

export const PHOTO_SPEC_CODES = [
  'RESIDENT_ID',
  'DRIVING_LICENCE',
  'EXIT_ENTRY',
] as const satisfies readonly PhotoSpecCode[];

export function isPhotoSpecCode(value: string): value is PhotoSpecCode {
  return Object.hasOwn(PHOTO_SPECS, value);
}

/** What a capture step knows about a finished photo file. */
export interface PhotoFacts {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bytes: number;
  readonly mimeType: string;
}

/**
 * Checks the measurable parts of a spec (format, pixel size, file size). Background colour and
 * pose need a human or an image check and are not judged here.
 */
export function checkPhotoAgainstSpec(code: PhotoSpecCode, photo: PhotoFacts): Result<PhotoSpec> {
  const spec: PhotoSpec = PHOTO_SPECS[code];
  if (photo.mimeType !== 'image/jpeg') {
    return fail('PHOTO_FORMAT', '照片必须是 JPEG 格式', 'The photo must be a JPEG file', 'photo');
  }
  const sizeOk =
    spec.sizeRule === 'exact'
      ? photo.widthPx === spec.widthPx && photo.heightPx === spec.heightPx
      : photo.widthPx >= spec.widthPx &&
        photo.heightPx >= spec.heightPx &&
        // 3:4 within one pixel of rounding
        Math.abs(photo.widthPx * spec.heightPx - photo.heightPx * spec.widthPx) <= spec.heightPx;
  if (!sizeOk) {
    const want =
      spec.sizeRule === 'exact'
        ? `${spec.widthPx}×${spec.heightPx}`
        : `≥${spec.widthPx}×${spec.heightPx}（宽高比 3:4）`;
    return fail(
      'PHOTO_DIMENSIONS',
      `照片尺寸应为 ${want} 像素，当前为 ${photo.widthPx}×${photo.heightPx}`,
      `The photo must be ${spec.sizeRule === 'exact' ? '' : 'at least '}${spec.widthPx}×${spec.heightPx} px; it is ${photo.widthPx}×${photo.heightPx}`,
      'photo',
    );
  }
  if (photo.bytes < spec.minBytes || photo.bytes > spec.maxBytes) {
    const range = `${spec.minBytes / KB}–${spec.maxBytes / KB} KB`;
    return fail(
      'PHOTO_FILE_SIZE',
      `照片文件大小应在 ${range} 之间，当前为 ${(photo.bytes / KB).toFixed(1)} KB`,
      `The photo file must be ${range}; it is ${(photo.bytes / KB).toFixed(1)} KB`,
      'photo',
    );
  }
  return ok(spec);
}
