import { describe, expect, it } from 'vitest';
import {
  BUSINESS_CATALOGUE,
  BUSINESS_CATEGORIES,
  FINISHED_ITEMS,
  PHOTO_SPECS,
  businessesInCategory,
  checkPhotoAgainstSpec,
  findBusiness,
  isBusinessCode,
  isPhotoSpecCode,
  type BusinessCode,
} from '../../../shared/catalogue/index.ts';
import { unwrap } from '../../../shared/result.ts';

describe('business catalogue', () => {
  it('has unique, stable UPPER_SNAKE codes', () => {
    const codes = BUSINESS_CATALOGUE.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('covers every business DOMAIN.md lists', () => {
    const expected: Record<BusinessCode, string> = {
      ID_FIRST_APPLICATION: '首次申领',
      ID_RENEWAL: '期满换领',
      ID_REPLACEMENT_LOST: '遗失补领',
      ID_REPLACEMENT_DAMAGED: '损坏换领',
      ID_URGENT: '加急',
      ID_EXAM_GREEN_CHANNEL: '考生绿色通道',
      PASSPORT: '护照',
      HK_MACAU_PERMIT: '往来港澳通行证',
      TAIWAN_PERMIT: '往来台湾通行证',
      HK_MACAU_ENDORSEMENT: '签注',
      TAIWAN_ENDORSEMENT: '签注',
      DL_RENEWAL: '换证',
      DL_REPLACEMENT: '补证',
      DL_DAMAGED: '损毁',
      VEHICLE_LICENCE_REPLACEMENT: '行驶证',
      PLATE_REPLACEMENT: '号牌',
      TEMPORARY_PLATE: '临时号牌',
      VEHICLE_MORTGAGE: '抵押登记',
      VEHICLE_MORTGAGE_RELEASE: '解除抵押',
      INSPECTION_EXEMPT_LABEL: '免检',
      VIOLATION_NOTICE_MAILING: '违法',
      RESIDENCE_PERMIT: '居住证',
      HUKOU_BOOKLET_RENEWAL: '户口簿',
      TRANSFER_PERMIT: '准迁证',
      NO_CRIMINAL_RECORD: '无犯罪记录证明',
    };
    expect(BUSINESS_CATALOGUE.map((b) => b.code).sort()).toEqual(Object.keys(expected).sort());
    for (const [code, word] of Object.entries(expected)) {
      expect(unwrap(findBusiness(code)).nameZh).toContain(word);
    }
  });

  it('gives every entry a known category, finished item, photo spec and English name', () => {
    for (const b of BUSINESS_CATALOGUE) {
      expect(Object.keys(BUSINESS_CATEGORIES)).toContain(b.category);
      expect(Object.keys(FINISHED_ITEMS)).toContain(b.finishedItem);
      if (b.photoSpec !== null) expect(isPhotoSpecCode(b.photoSpec)).toBe(true);
      expect(b.nameEn.length).toBeGreaterThan(3);
      if (b.defaultFeeFen !== undefined) {
        expect(Number.isInteger(b.defaultFeeFen) && b.defaultFeeFen > 0).toBe(true);
      }
    }
  });

  it('encodes the domain facts of typical entries', () => {
    const id = unwrap(findBusiness('ID_RENEWAL'));
    expect(id).toMatchObject({
      category: 'resident_id',
      photoSpec: 'RESIDENT_ID',
      requiresVehicle: false,
      finishedItem: 'card',
    });
    expect(unwrap(findBusiness('PASSPORT'))).toMatchObject({
      photoSpec: 'EXIT_ENTRY',
      finishedItem: 'booklet',
    });
    expect(unwrap(findBusiness('DL_RENEWAL')).photoSpec).toBe('DRIVING_LICENCE');
    expect(unwrap(findBusiness('PLATE_REPLACEMENT'))).toMatchObject({
      requiresVehicle: true,
      finishedItem: 'plate_pair',
    });
    expect(unwrap(findBusiness('INSPECTION_EXEMPT_LABEL')).finishedItem).toBe('label');
    expect(unwrap(findBusiness('NO_CRIMINAL_RECORD'))).toMatchObject({
      photoSpec: null,
      finishedItem: 'paper',
    });
    expect(unwrap(findBusiness('ID_EXAM_GREEN_CHANNEL')).priority).toBe(true);
    // Vehicle data is required exactly for vehicle and traffic business.
    for (const b of BUSINESS_CATALOGUE) {
      expect(b.requiresVehicle).toBe(b.category === 'vehicle' || b.category === 'traffic');
    }
  });

  it('reports an unknown code as data with a Chinese message', () => {
    const result = findBusiness('NOPE');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BUSINESS_UNKNOWN');
      expect(result.error.message).toContain('未知的业务类型');
    }
    expect(isBusinessCode('ID_RENEWAL')).toBe(true);
    expect(isBusinessCode('toString')).toBe(false);
  });

  it('lists businesses per category in catalogue order', () => {
    expect(businessesInCategory('exit_entry').map((b) => b.code)).toEqual([
      'PASSPORT',
      'HK_MACAU_PERMIT',
      'TAIWAN_PERMIT',
      'HK_MACAU_ENDORSEMENT',
      'TAIWAN_ENDORSEMENT',
    ]);
  });
});

describe('photo specs', () => {
  it('holds the published numbers', () => {
    expect(PHOTO_SPECS.RESIDENT_ID).toMatchObject({
      widthPx: 358,
      heightPx: 441,
      dpi: 350,
      minBytes: 14 * 1024,
      maxBytes: 20 * 1024,
      background: 'white',
    });
    expect(PHOTO_SPECS.DRIVING_LICENCE).toMatchObject({
      widthPx: 260,
      heightPx: 378,
      dpi: 300,
      minBytes: 14 * 1024,
      maxBytes: 30 * 1024,
    });
    expect(PHOTO_SPECS.EXIT_ENTRY).toMatchObject({
      widthPx: 354,
      heightPx: 472,
      sizeRule: 'minimum',
      minBytes: 20 * 1024,
      maxBytes: 80 * 1024,
      background: 'white_or_light',
    });
  });

  const jpeg = (widthPx: number, heightPx: number, kb: number) => ({
    widthPx,
    heightPx,
    bytes: kb * 1024,
    mimeType: 'image/jpeg',
  });

  it('accepts photos that meet the spec', () => {
    expect(checkPhotoAgainstSpec('RESIDENT_ID', jpeg(358, 441, 16)).ok).toBe(true);
    expect(checkPhotoAgainstSpec('DRIVING_LICENCE', jpeg(260, 378, 30)).ok).toBe(true);
    expect(checkPhotoAgainstSpec('EXIT_ENTRY', jpeg(354, 472, 20)).ok).toBe(true);
    expect(checkPhotoAgainstSpec('EXIT_ENTRY', jpeg(708, 944, 60)).ok).toBe(true);
  });

  it('rejects wrong format, size and file size with distinct codes', () => {
    const code = (r: ReturnType<typeof checkPhotoAgainstSpec>) => (r.ok ? 'OK' : r.error.code);
    expect(
      code(checkPhotoAgainstSpec('RESIDENT_ID', { ...jpeg(358, 441, 16), mimeType: 'image/png' })),
    ).toBe('PHOTO_FORMAT');
    expect(code(checkPhotoAgainstSpec('RESIDENT_ID', jpeg(359, 441, 16)))).toBe('PHOTO_DIMENSIONS');
    expect(code(checkPhotoAgainstSpec('EXIT_ENTRY', jpeg(300, 400, 30)))).toBe('PHOTO_DIMENSIONS');
    expect(code(checkPhotoAgainstSpec('EXIT_ENTRY', jpeg(400, 472, 30)))).toBe('PHOTO_DIMENSIONS');
    expect(code(checkPhotoAgainstSpec('RESIDENT_ID', jpeg(358, 441, 13)))).toBe('PHOTO_FILE_SIZE');
    expect(code(checkPhotoAgainstSpec('RESIDENT_ID', jpeg(358, 441, 21)))).toBe('PHOTO_FILE_SIZE');
  });
});
