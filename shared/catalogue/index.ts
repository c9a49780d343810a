// The business catalogue (业务目录): every kind of police business the post accepts, as typed
// data. Intake forms, photo capture, packing and reports all read these entries; a code is
// stored on each application, so codes are stable forever (add new ones, never rename).
import { fail, ok, type Result } from '../result.ts';
import type { PhotoSpecCode } from './photo-specs.ts';

export * from './photo-specs.ts';

export type BusinessCategory =
  | 'resident_id'
  | 'exit_entry'
  | 'driving_licence'
  | 'vehicle'
  | 'traffic'
  | 'household'
  | 'certificate';

/** What the post packs and mails when the business is done. */
export type FinishedItem = 'card' | 'booklet' | 'plate_pair' | 'paper' | 'label';

export type BusinessCode =
  | 'ID_FIRST_APPLICATION'
  | 'ID_RENEWAL'
  | 'ID_REPLACEMENT_LOST'
  | 'ID_REPLACEMENT_DAMAGED'
  | 'ID_URGENT'
  | 'ID_EXAM_GREEN_CHANNEL'
  | 'PASSPORT'
  | 'HK_MACAU_PERMIT'
  | 'TAIWAN_PERMIT'
  | 'HK_MACAU_ENDORSEMENT'
  | 'TAIWAN_ENDORSEMENT'
  | 'DL_RENEWAL'
  | 'DL_REPLACEMENT'
  | 'DL_DAMAGED'
  | 'VEHICLE_LICENCE_REPLACEMENT'
  | 'PLATE_REPLACEMENT'
  | 'TEMPORARY_PLATE'
  | 'VEHICLE_MORTGAGE'
  | 'VEHICLE_MORTGAGE_RELEASE'
  | 'INSPECTION_EXEMPT_LABEL'
  | 'VIOLATION_NOTICE_MAILING'
  | 'RESIDENCE_PERMIT'
  | 'HUKOU_BOOKLET_RENEWAL'
  | 'TRANSFER_PERMIT'
  | 'NO_CRIMINAL_RECORD';

export interface BusinessType {
  readonly code: BusinessCode;
  readonly category: BusinessCategory;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The applicant photo this business needs, or null when no photo is taken. */
  readonly photoSpec: PhotoSpecCode | null;
  /** Whether vehicle data (plate, VIN, engine number rubbings) must be captured. */
  readonly requiresVehicle: boolean;
  readonly finishedItem: FinishedItem;
  /**
   * The nationally uniform document fee (工本费) in fen, where there is one. Postage and
   * provincial fees are configuration, not catalogue data; absent means "set locally".
   */
  readonly defaultFeeFen?: number;
  /** Processed ahead of the normal queue (加急 / 考生绿色通道). */
  readonly priority?: boolean;
}

export const BUSINESS_CATEGORIES = {
  resident_id: { nameZh: '居民身份证', nameEn: 'Resident ID card' },
  exit_entry: { nameZh: '出入境证件', nameEn: 'Exit-entry documents' },
  driving_licence: { nameZh: '驾驶证', nameEn: 'Driving licence' },
  vehicle: { nameZh: '机动车', nameEn: 'Vehicle' },
  traffic: { nameZh: '交通违法', nameEn: 'Traffic violations' },
  household: { nameZh: '户政', nameEn: 'Household registration' },
  certificate: { nameZh: '证明', nameEn: 'Certificates' },
} as const satisfies Record<BusinessCategory, { nameZh: string; nameEn: string }>;

export const FINISHED_ITEMS = {
  card: { nameZh: '证卡', nameEn: 'Card' },
  booklet: { nameZh: '证本', nameEn: 'Booklet' },
  plate_pair: { nameZh: '号牌', nameEn: 'Plate pair' },
  paper: { nameZh: '纸质文书', nameEn: 'Paper document' },
  label: { nameZh: '标志', nameEn: 'Label' },
} as const satisfies Record<FinishedItem, { nameZh: string; nameEn: string }>;

/** In display order: grouped by category, commonest first. */
export const BUSINESS_CATALOGUE: readonly BusinessType[] = [
  // 居民身份证
  {
    code: 'ID_FIRST_APPLICATION',
    category: 'resident_id',
    nameZh: '首次申领居民身份证',
    nameEn: 'Resident ID card: first application',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 2000,
  },
  {
    code: 'ID_RENEWAL',
    category: 'resident_id',
    nameZh: '居民身份证有效期满换领',
    nameEn: 'Resident ID card: renewal on expiry',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 2000,
  },
  {
    code: 'ID_REPLACEMENT_LOST',
    category: 'resident_id',
    nameZh: '居民身份证遗失补领',
    nameEn: 'Resident ID card: replacement of a lost card',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 4000,
  },
  {
    code: 'ID_REPLACEMENT_DAMAGED',
    category: 'resident_id',
    nameZh: '居民身份证损坏换领',
    nameEn: 'Resident ID card: replacement of a damaged card',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 2000,
  },
  {
    code: 'ID_URGENT',
    category: 'resident_id',
    nameZh: '居民身份证加急办理',
    nameEn: 'Resident ID card: urgent processing',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    priority: true,
  },
  {
    code: 'ID_EXAM_GREEN_CHANNEL',
    category: 'resident_id',
    nameZh: '居民身份证考生绿色通道',
    nameEn: 'Resident ID card: exam-student green channel',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
    priority: true,
  },
  // 出入境证件
  {
    code: 'PASSPORT',
    category: 'exit_entry',
    nameZh: '普通护照',
    nameEn: 'Ordinary passport',
    photoSpec: 'EXIT_ENTRY',
    requiresVehicle: false,
    finishedItem: 'booklet',
    defaultFeeFen: 12000,
  },
  {
    code: 'HK_MACAU_PERMIT',
    category: 'exit_entry',
    nameZh: '往来港澳通行证',
    nameEn: 'Mainland travel permit for Hong Kong and Macao',
    photoSpec: 'EXIT_ENTRY',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 6000,
  },
  {
    code: 'TAIWAN_PERMIT',
    category: 'exit_entry',
    nameZh: '往来台湾通行证',
    nameEn: 'Mainland travel permit for Taiwan',
    photoSpec: 'EXIT_ENTRY',
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 6000,
  },
  {
    // The endorsement is written to the applicant's permit card, which is what comes back.
    code: 'HK_MACAU_ENDORSEMENT',
    category: 'exit_entry',
    nameZh: '往来港澳签注',
    nameEn: 'Hong Kong / Macao endorsement',
    photoSpec: null,
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 1500,
  },
  {
    code: 'TAIWAN_ENDORSEMENT',
    category: 'exit_entry',
    nameZh: '赴台签注',
    nameEn: 'Taiwan endorsement',
    photoSpec: null,
    requiresVehicle: false,
    finishedItem: 'card',
    defaultFeeFen: 1500,
  },
  // 驾驶证
  {
    code: 'DL_RENEWAL',
    category: 'driving_licence',
    nameZh: '驾驶证有效期满换证',
    nameEn: 'Driving licence: renewal on expiry',
    photoSpec: 'DRIVING_LICENCE',
    requiresVehicle: false,
    finishedItem: 'card',
  },
  {
    code: 'DL_REPLACEMENT',
    category: 'driving_licence',
    nameZh: '驾驶证遗失补证',
    nameEn: 'Driving licence: replacement of a lost licence',
    photoSpec: 'DRIVING_LICENCE',
    requiresVehicle: false,
    finishedItem: 'card',
  },
  {
    code: 'DL_DAMAGED',
    category: 'driving_licence',
    nameZh: '驾驶证损毁换证',
    nameEn: 'Driving licence: replacement of a damaged licence',
    photoSpec: 'DRIVING_LICENCE',
    requiresVehicle: false,
    finishedItem: 'card',
  },
  // 机动车
  {
    code: 'VEHICLE_LICENCE_REPLACEMENT',
    category: 'vehicle',
    nameZh: '补领、换领行驶证',
    nameEn: 'Vehicle licence replacement',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'card',
  },
  {
    code: 'PLATE_REPLACEMENT',
    category: 'vehicle',
    nameZh: '补领、换领号牌',
    nameEn: 'Number plate replacement',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'plate_pair',
  },
  {
    code: 'TEMPORARY_PLATE',
    category: 'vehicle',
    nameZh: '核发临时号牌',
    nameEn: 'Temporary plates',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'paper',
  },
  {
    // The registration certificate (登记证书) records the mortgage and is returned.
    code: 'VEHICLE_MORTGAGE',
    category: 'vehicle',
    nameZh: '机动车抵押登记',
    nameEn: 'Vehicle mortgage registration',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'booklet',
  },
  {
    code: 'VEHICLE_MORTGAGE_RELEASE',
    category: 'vehicle',
    nameZh: '机动车解除抵押登记',
    nameEn: 'Vehicle mortgage release',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'booklet',
  },
  {
    code: 'INSPECTION_EXEMPT_LABEL',
    category: 'vehicle',
    nameZh: '六年免检车辆检验标志',
    nameEn: 'Inspection-exempt label (6-year exemption)',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'label',
  },
  // 交通违法
  {
    code: 'VIOLATION_NOTICE_MAILING',
    category: 'traffic',
    nameZh: '交通安全违法行为通知书寄递',
    nameEn: 'Traffic-violation notice mailing',
    photoSpec: null,
    requiresVehicle: true,
    finishedItem: 'paper',
  },
  // 户政
  {
    // Residence permits use the resident ID photo spec.
    code: 'RESIDENCE_PERMIT',
    category: 'household',
    nameZh: '居住证',
    nameEn: 'Residence permit',
    photoSpec: 'RESIDENT_ID',
    requiresVehicle: false,
    finishedItem: 'card',
  },
  {
    code: 'HUKOU_BOOKLET_RENEWAL',
    category: 'household',
    nameZh: '户口簿换发',
    nameEn: 'Hukou booklet renewal',
    photoSpec: null,
    requiresVehicle: false,
    finishedItem: 'booklet',
  },
  {
    code: 'TRANSFER_PERMIT',
    category: 'household',
    nameZh: '准予迁入证明（准迁证）',
    nameEn: 'Household transfer permit',
    photoSpec: null,
    requiresVehicle: false,
    finishedItem: 'paper',
  },
  // 证明
  {
    code: 'NO_CRIMINAL_RECORD',
    category: 'certificate',
    nameZh: '无犯罪记录证明',
    nameEn: 'No-criminal-record certificate',
    photoSpec: null,
    requiresVehicle: false,
    finishedItem: 'paper',
  },
];

const byCode: ReadonlyMap<string, BusinessType> = new Map(
  BUSINESS_CATALOGUE.map((entry) => [entry.code, entry]),
);

export function isBusinessCode(value: string): value is BusinessCode {
  return byCode.has(value);
}

export function findBusiness(code: string): Result<BusinessType> {
  const entry = byCode.get(code);
  if (entry === undefined) {
    return fail(
      'BUSINESS_UNKNOWN',
      `未知的业务类型：${code}`,
      `Unknown business type: ${code}`,
      'businessCode',
    );
  }
  return ok(entry);
}

export function businessesInCategory(category: BusinessCategory): readonly BusinessType[] {
  return BUSINESS_CATALOGUE.filter((entry) => entry.category === category);
}
