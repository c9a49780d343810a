// Synthetic, schema-valid documents for the benchmarks (no real person's data). Pure: runs in
// Node and in the Chromium harness. Deterministic per index, so Waypost and the peer it is
// compared with get exactly the same rows.
import { ulid } from 'ulid';
import { residentIdCheckChar } from '../../shared/validation/gb11643.ts';
import { s10CheckDigit } from '../../shared/validation/waybill.ts';
import { maskIdNumber } from '../../shared/privacy/idNumber.ts';
import { maskName } from '../../shared/privacy/name.ts';
import { maskPhone } from '../../shared/privacy/phone.ts';
import type {
  ApplicationDoc,
  EventDoc,
  MediaDoc,
  WaybillDoc,
} from '../../shared/sync/collections.ts';

/** mulberry32: small, fast, good enough to spread synthetic values. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕飞鹏辉建国志明晓东海波春梅小红文博浩然子轩雨欣欣怡梓涵思远一鸣佳怡';
const AREAS = ['140105', '140106', '140107', '140108', '140109', '140110', '140121', '140202'];
const BUSINESS = ['ID_RENEWAL', 'ID_REPLACEMENT_LOST', 'DL_RENEWAL', 'ID_FIRST_APPLICATION'];
const STREETS = ['迎泽大街', '府西街', '并州路', '长风街', '南内环街', '建设路', '滨河东路'];
const COUNTIES: ReadonlyArray<readonly [string, string]> = [
  ['140105', '小店区'],
  ['140106', '迎泽区'],
  ['140107', '杏花岭区'],
  ['140108', '尖草坪区'],
];

function pick<T>(items: readonly T[], r: () => number): T {
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function digits(count: number, r: () => number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += String(Math.floor(r() * 10));
  return out;
}

export function syntheticName(r: () => number): string {
  const given = pick([...GIVEN], r) + (r() < 0.6 ? pick([...GIVEN], r) : '');
  return pick([...SURNAMES], r) + given;
}

export function syntheticIdNumber(r: () => number): string {
  const year = 1950 + Math.floor(r() * 56);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const first17 =
    pick(AREAS, r) +
    String(year) +
    String(month).padStart(2, '0') +
    String(day).padStart(2, '0') +
    digits(3, r);
  return first17 + residentIdCheckChar(first17);
}

export function syntheticMobile(r: () => number): string {
  return `1${3 + Math.floor(r() * 7)}${digits(9, r)}`;
}

/** UPU S10 number from a serial below 10^8 (prefix varies so runs never collide). */
export function s10WaybillNo(serial: number, prefix = 'EA'): string {
  const serial8 = String(serial % 100_000_000).padStart(8, '0');
  return `${prefix}${serial8}${s10CheckDigit(serial8)}CN`;
}

export interface SyntheticContext {
  stationId: string;
  deviceId: string;
  clerkId: string;
  /** Keeps numbers (acceptance, waybill) of different runs and devices apart. */
  runTag: string;
  /** acceptedAt of record 0; records are one minute apart. */
  baseTime: number;
}

export const DEFAULT_BASE_TIME = Date.UTC(2026, 2, 2, 0, 30);

export interface IntakeRows {
  application: ApplicationDoc;
  waybill: WaybillDoc;
  event: EventDoc;
}

/** One accepted intake: application (mailed home), its waybill and its 'accepted' event. */
export function syntheticIntake(
  index: number,
  ctx: SyntheticContext,
  extra: { photoSha256?: string; mediaIds?: string[]; now?: number } = {},
): IntakeRows {
  const r = prng(index * 7919 + 17);
  const at = extra.now ?? ctx.baseTime + index * 60_000;
  const id = ulid(at);
  const [division, county] = pick(COUNTIES, r);
  const waybillNo = s10WaybillNo(index, ctx.runTag.slice(0, 2).toUpperCase().padEnd(2, 'E'));
  const base = { stationId: ctx.stationId, deviceId: ctx.deviceId, createdAt: at, updatedAt: at };
  const applicant = {
    name: syntheticName(r),
    idNumber: syntheticIdNumber(r),
    mobile: syntheticMobile(r),
  };
  const application: IntakeRows['application'] = {
    ...base,
    id,
    acceptanceNo: `A${ctx.runTag}${String(index).padStart(9, '0')}`.slice(0, 32),
    businessCode: pick(BUSINESS, r),
    status: 'accepted',
    priority: 'normal',
    clerkId: ctx.clerkId,
    acceptedAt: at,
    applicant: { ...applicant, birthDate: applicant.idNumber.slice(6, 14) },
    delivery: { method: 'mail' },
    recipient: {
      name: r() < 0.8 ? applicant.name : syntheticName(r),
      mobile: r() < 0.8 ? applicant.mobile : syntheticMobile(r),
      address: {
        divisionCode: division,
        province: '山西省',
        city: '太原市',
        county,
        street: `${pick(STREETS, r)}街道`,
        detail: `${pick(STREETS, r)}${1 + Math.floor(r() * 300)}号${1 + Math.floor(r() * 6)}单元${1 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 4)}室`,
        postcode: '030001',
      },
    },
    destination: {
      divisionCode: division,
      tier: 'capital',
      sortCode: `晋A ${county}`,
      dueAt: at + 12 * 3_600_000,
    },
    display: {
      applicantName: maskName(applicant.name),
      idNumber: maskIdNumber(applicant.idNumber),
      mobile: maskPhone(applicant.mobile),
    },
    fee: { amountFen: 2000, payment: 'wechat' },
    waybillNo,
    mediaIds: extra.mediaIds ?? [],
    ...(extra.photoSha256 ? { photoSha256: extra.photoSha256 } : {}),
  };
  const waybill: WaybillDoc = {
    ...base,
    id: ulid(at),
    applicationId: id,
    waybillNo,
    labelKind: 'ems100x150',
    state: 'printed',
    printCount: 1,
    lastPrintedAt: at,
    sortCode: `晋A ${county}`.slice(0, 16),
    contents: '文件',
  };
  const event: EventDoc = {
    ...base,
    id: ulid(at),
    applicationId: id,
    type: 'accepted',
    at,
    staffId: ctx.clerkId,
  };
  return { application, waybill, event };
}

export function syntheticMedia(
  index: number,
  ctx: SyntheticContext,
  photo: { sha256: string; bytes: number },
  applicationId: string,
  now?: number,
): MediaDoc {
  const at = now ?? ctx.baseTime + index * 60_000;
  return {
    id: ulid(at),
    stationId: ctx.stationId,
    deviceId: ctx.deviceId,
    createdAt: at,
    updatedAt: at,
    sha256: photo.sha256,
    kind: 'portrait',
    mime: 'image/jpeg',
    bytes: photo.bytes,
    widthPx: 358,
    heightPx: 441,
    applicationId,
    spec: 'resident_id',
    accepted: true,
  };
}

/**
 * A distinct JPEG of the same size as `base`: the index is written into a COM segment of
 * fixed length right after SOI, so each variant has its own SHA-256 (media are
 * content-addressed) and every decoder still reads the same picture.
 */
export function photoVariant(base: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const comment = new TextEncoder().encode(`waypost-bench-${String(index).padStart(10, '0')}`);
  const segmentLength = comment.length + 2;
  const out = new Uint8Array(base.length + 4 + comment.length);
  out[0] = 0xff;
  out[1] = 0xd8;
  out[2] = 0xff;
  out[3] = 0xfe;
  out[4] = segmentLength >> 8;
  out[5] = segmentLength & 0xff;
  out.set(comment, 6);
  out.set(base.subarray(2), 6 + comment.length);
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', copy.buffer));
  let out = '';
  for (const byte of digest) out += byte.toString(16).padStart(2, '0');
  return out;
}
