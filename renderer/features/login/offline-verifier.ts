// Offline login: after a successful online login we keep a salted PBKDF2 verifier of the
// password (WebCrypto), never the password. It lets the same staff member log in on this
// device without a network until it expires; it never unlocks the database (that key lives
// in the host's key storage, DESIGN.md "Local data").
import { fail, ok, type Result } from '../../../shared/result.ts';

/** OWASP (2023) recommends ≥ 600,000 iterations for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
const DAY_MS = 86_400_000;

export interface StaffProfile {
  readonly staffId: string;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly stationId: string;
  readonly stationName?: string;
}

export interface OfflineVerifier {
  readonly version: 1;
  readonly profile: StaffProfile;
  readonly saltB64: string;
  readonly hashB64: string;
  readonly iterations: number;
  readonly createdAt: number;
  readonly expiresAt: number;
}

function toB64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromB64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** Constant-time comparison: no early exit on the first differing byte. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function createVerifier(
  profile: StaffProfile,
  password: string,
  options: { now: number; validityDays: number; iterations?: number },
): Promise<OfflineVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const hash = await derive(password, salt, iterations);
  return {
    version: 1,
    profile,
    saltB64: toB64(salt),
    hashB64: toB64(hash),
    iterations,
    createdAt: options.now,
    expiresAt: options.now + options.validityDays * DAY_MS,
  };
}

export async function verifyOffline(
  verifier: OfflineVerifier | undefined,
  password: string,
  now: number,
): Promise<Result<StaffProfile>> {
  if (verifier === undefined) {
    return fail(
      'OFFLINE_LOGIN_UNKNOWN_USER',
      '该账号未在本机联网登录过，无法离线登录。请连接网络后登录一次。',
      'This account has never logged in online on this device; connect to the network once.',
      'username',
    );
  }
  if (now > verifier.expiresAt) {
    return fail(
      'OFFLINE_LOGIN_EXPIRED',
      '离线登录已过期，请连接网络后重新登录。',
      'Offline login has expired; connect to the network and log in again.',
      'username',
    );
  }
  const hash = await derive(password, fromB64(verifier.saltB64), verifier.iterations);
  if (!sameBytes(hash, fromB64(verifier.hashB64))) {
    return fail(
      'OFFLINE_LOGIN_BAD_PASSWORD',
      '用户名或密码错误',
      'Wrong user name or password',
      'password',
    );
  }
  return ok(verifier.profile);
}

/** Days left before the verifier expires (rounded down, never negative). */
export function daysLeft(verifier: OfflineVerifier, now: number): number {
  return Math.max(0, Math.floor((verifier.expiresAt - now) / DAY_MS));
}
