// Adapter for ID-card readers whose vendor ships a local HTTP service (common for the
// Chinese second-generation readers). The adapter expects, at a loopback base URL:
//   GET  <url>/status → { connected: boolean, model?: string }
//   POST <url>/read   → 200 with the card fields, or 404/409 when no card is placed.
// Field names vary by vendor; the aliases below cover the usual ones (partyName,
// certNumber, bornDay, certAddress, certOrg, effDate, expDate, identityPic…). A vendor
// whose service differs gets a small shim service or its own IdCardReader.
import { parseResidentId } from '../../shared/validation/index.ts';
import type { IdCardData } from '../../shared/host/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { encode } from 'jpeg-js';
import type { IdCardReader } from './reader.ts';

const ALIASES = {
  name: ['name', 'partyName', 'Name', 'xm'],
  sex: ['sex', 'gender', 'Sex', 'xb'],
  nation: ['nation', 'Nation', 'folk', 'mz'],
  birthDate: ['birthDate', 'bornDay', 'birthday', 'Born', 'csrq'],
  address: ['address', 'certAddress', 'Address', 'zz'],
  idNumber: ['idNumber', 'certNumber', 'IDCode', 'cardno', 'CardNo', 'sfzh'],
  issuer: ['issuer', 'certOrg', 'Police', 'qfjg'],
  validFrom: ['validFrom', 'effDate', 'UserLifeBegin', 'yxqq'],
  validTo: ['validTo', 'expDate', 'UserLifeEnd', 'yxqz'],
  photo: ['photo', 'identityPic', 'Base64Photo', 'PhotoBase64', 'zp'],
} as const;

export interface HttpReaderOptions {
  url: string;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export function createHttpReader(options: HttpReaderOptions): IdCardReader {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;

  async function call(path: string, method: 'GET' | 'POST'): Promise<Response | null> {
    try {
      return await doFetch(`${base}${path}`, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch {
      return null;
    }
  }

  return {
    async status() {
      const response = await call('/status', 'GET');
      if (!response?.ok) {
        return ok({
          kind: 'http',
          connected: false,
          model: null,
          detail: '读卡器服务未响应，请确认读卡器已连接且厂商服务已启动',
        });
      }
      const body = record(await response.json().catch(() => null));
      return ok({
        kind: 'http',
        connected: body?.connected !== false,
        model: typeof body?.model === 'string' ? body.model.slice(0, 100) : null,
        detail: body?.connected === false ? '读卡器未连接' : null,
      });
    },
    async read() {
      const response = await call('/read', 'POST');
      if (!response) return unreachable();
      if (response.status === 404 || response.status === 409) return noCard();
      if (!response.ok) return unreachable();
      const body = record(await response.json().catch(() => null));
      if (!body) return badData();
      return normaliseCard(body, now());
    },
  };
}

/** Vendor JSON → IdCardData, or an error naming what was wrong (never the values). */
export function normaliseCard(body: Record<string, unknown>, readAt: number): Result<IdCardData> {
  const pick = (field: keyof typeof ALIASES): string | undefined => {
    for (const alias of ALIASES[field]) {
      const value = body[alias];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
  const name = pick('name');
  const idRaw = pick('idNumber');
  const photoRaw = pick('photo');
  if (!name || !idRaw || !photoRaw) return badData();
  const id = parseResidentId(idRaw);
  if (!id.ok) {
    return fail(
      'IDCARD_BAD_NUMBER',
      '读卡器返回的身份证号码无效，请重新放卡',
      'The reader returned an invalid ID number',
    );
  }
  const sexRaw = pick('sex');
  const sex =
    sexRaw === '女' || sexRaw === 'female' || sexRaw === 'F' || sexRaw === '2'
      ? 'female'
      : sexRaw === '男' || sexRaw === 'male' || sexRaw === 'M' || sexRaw === '1'
        ? 'male'
        : id.value.sex;
  const photo = toJpegBase64(photoRaw);
  if (!photo) {
    return fail(
      'IDCARD_PHOTO_FORMAT',
      '读卡器返回的照片格式无法识别',
      'Unrecognised photo format from the reader',
    );
  }
  return ok({
    name,
    sex,
    nation: (pick('nation') ?? '').replace(/族$/, ''),
    birthDate: isoDate(pick('birthDate')) ?? id.value.birthDate,
    address: pick('address') ?? '',
    idNumber: id.value.idNumber,
    issuer: pick('issuer') ?? '',
    validFrom: isoDate(pick('validFrom')) ?? '',
    validTo: pick('validTo') === '长期' ? '长期' : (isoDate(pick('validTo')) ?? ''),
    photo,
    readAt,
  });
}

function isoDate(value: string | undefined): string | undefined {
  const digits = value?.replace(/[^0-9]/g, '');
  if (!digits || digits.length !== 8) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/** Accepts base64 JPEG as is; converts an uncompressed 24-bit BMP (what most SDKs decode the chip's WLT photo to). */
export function toJpegBase64(base64: string): string | null {
  const bytes = Buffer.from(base64.replace(/^data:image\/\w+;base64,/, ''), 'base64');
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return bytes.toString('base64');
  if (bytes.toString('latin1', 0, 2) !== 'BM' || bytes.length < 54) return null;
  const offset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bits = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (bits !== 24 || compression !== 0 || width <= 0 || width > 2000 || height > 2000) return null;
  const stride = Math.ceil((width * 3) / 4) * 4;
  if (offset + stride * height > bytes.length) return null;
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = rawHeight > 0 ? height - 1 - y : y; // positive height = bottom-up rows
    for (let x = 0; x < width; x++) {
      const src = offset + row * stride + x * 3;
      const dst = (y * width + x) * 4;
      rgba[dst] = bytes[src + 2] ?? 0;
      rgba[dst + 1] = bytes[src + 1] ?? 0;
      rgba[dst + 2] = bytes[src] ?? 0;
      rgba[dst + 3] = 255;
    }
  }
  return encode({ width, height, data: rgba }, 90).data.toString('base64');
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : null;
}

const unreachable = () =>
  fail(
    'IDCARD_READER_UNAVAILABLE',
    '无法连接读卡器服务，请检查读卡器连接',
    'Cannot reach the ID reader service',
  );
const noCard = () =>
  fail('IDCARD_NO_CARD', '未检测到身份证，请将证件放在读卡器上', 'No ID card on the reader');
const badData = () =>
  fail(
    'IDCARD_BAD_DATA',
    '读卡器返回的数据不完整，请重新放卡',
    'Incomplete data from the ID reader',
  );
