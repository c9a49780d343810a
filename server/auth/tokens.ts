// Access tokens and stream tickets: `wp1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`.
// Short-lived; the session, device and staff member behind them are re-checked in the
// database on every request, so a revocation bites on the next request.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Role = 'clerk' | 'van' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['clerk', 'van', 'supervisor', 'admin'];

export interface TokenClaims {
  typ: 'access' | 'ticket';
  /** Session (refresh-token family) id. */
  sid: string;
  staffId: string;
  deviceId: string;
  stationId: string;
  role: Role;
  /** Epoch seconds. */
  iat: number;
  exp: number;
}

const PREFIX = 'wp1';

export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', key).update(`${PREFIX}.${body}`).digest('base64url');
  return `${PREFIX}.${body}.${mac}`;
}

/** The claims when the signature is valid and the token has not expired; else null. */
export function verifyToken(key: Buffer, token: string, nowSeconds: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, body = '', mac = ''] = parts;
  const expected = createHmac('sha256', key).update(`${PREFIX}.${body}`).digest();
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isClaims(claims) || claims.exp <= nowSeconds) return null;
  return claims;
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.typ === 'access' || v.typ === 'ticket') &&
    typeof v.sid === 'string' &&
    typeof v.staffId === 'string' &&
    typeof v.deviceId === 'string' &&
    typeof v.stationId === 'string' &&
    typeof v.role === 'string' &&
    (ROLES as readonly string[]).includes(v.role) &&
    typeof v.iat === 'number' &&
    typeof v.exp === 'number'
  );
}

/** Opaque random secrets (refresh tokens, device secrets), stored only as SHA-256. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const secretHash = (secret: string): Buffer =>
  createHash('sha256').update(secret, 'utf8').digest();

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9._-]{10,2000})$/.exec(header.trim());
  return match?.[1] ?? null;
}
