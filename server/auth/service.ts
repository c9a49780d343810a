// Enrolment, login, refresh and logout. Every refusal is data (Outcome) with a Chinese message.
import { ulid } from 'ulid';
import { timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from '../db/types.ts';
import { ok } from '../../shared/result.ts';
import { refuse, type Outcome } from '../http/errors.ts';
import type { ServerSettings } from '../settings/server.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import {
  findDevice,
  findStaffByUsername,
  findStation,
  writeAudit,
  type StaffRow,
  type StationRow,
} from './repository.ts';
import { regionPrefix } from './scope.ts';
import { newSecret, secretHash, signToken, type Role, type TokenClaims } from './tokens.ts';

export interface StationInfo {
  code: string;
  name: string;
  divisionCode: string;
  kind: string;
}

export interface EnrolResult {
  deviceId: string;
  deviceSecret: string;
  station: StationInfo;
}

export interface SessionTokens {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
}

export interface LoginResult extends SessionTokens {
  staff: { id: string; username: string; displayName: string; role: Role; stationId: string };
  device: { id: string; stationId: string };
  station: StationInfo;
}

export const stationInfo = (row: StationRow): StationInfo => ({
  code: row.code,
  name: row.name,
  divisionCode: row.division_code,
  kind: row.kind,
});

/** Enrolment codes are typed by people: case, spaces and dashes do not matter. */
export const normaliseEnrolmentCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '');

export interface AuthDeps {
  db: Db;
  tokenKey: Buffer;
  settings: ServerSettings;
  now?: () => Date;
}

export async function enrolDevice(
  deps: AuthDeps,
  input: { code: string; label?: string | undefined },
): Promise<Outcome<EnrolResult>> {
  const codeHash = secretHash(normaliseEnrolmentCode(input.code));
  const deviceId = ulid();
  const deviceSecret = newSecret();
  const result = await deps.db.transaction(async (tx) => {
    // Burn the code in the same statement that checks it: two enrolments racing on one code
    // cannot both succeed.
    const burnt = await tx.query<{ station_code: string }>(
      `UPDATE enrolment_codes SET used_at = now(), device_id = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING station_code`,
      [codeHash, deviceId],
    );
    const stationCode = burnt.rows[0]?.station_code;
    if (!stationCode) return null;
    await tx.query(
      'INSERT INTO devices (id, station_code, secret_hash, label) VALUES ($1, $2, $3, $4)',
      [deviceId, stationCode, secretHash(deviceSecret), input.label ?? null],
    );
    await writeAudit(tx, { deviceId, stationId: stationCode, action: 'device_enrol' });
    return findStation(tx, stationCode);
  });
  if (!result) {
    return refuse(
      401,
      'ENROLMENT_CODE_INVALID',
      '登记码无效、已使用或已过期，请向管理员索取新的登记码',
      'The enrolment code is invalid, used or expired; ask an administrator for a new one',
      'code',
    );
  }
  return ok({ deviceId, deviceSecret, station: stationInfo(result) });
}

const loginFailed = () =>
  refuse(401, 'LOGIN_FAILED', '用户名或密码错误', 'Wrong username or password');

/** Checks a device credential; the same refusal for an unknown id and a wrong secret. */
export async function checkDevice(
  db: Queryable,
  deviceId: string,
  deviceSecret: string,
): Promise<Outcome<{ id: string; stationCode: string }>> {
  const device = await findDevice(db, deviceId);
  const given = secretHash(deviceSecret);
  const stored = device ? Buffer.from(device.secret_hash) : Buffer.alloc(32);
  if (!device || !timingSafeEqual(given, stored)) {
    return refuse(
      401,
      'DEVICE_INVALID',
      '本机未登记或设备凭据无效，请重新登记本机',
      'This device is not enrolled or its credential is invalid; enrol it again',
    );
  }
  if (device.revoked_at) {
    return refuse(
      403,
      'DEVICE_REVOKED',
      '本机已被停用，请联系管理员',
      'This device has been revoked; contact an administrator',
    );
  }
  return ok({ id: device.id, stationCode: device.station_code });
}

export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; deviceId: string; deviceSecret: string },
): Promise<Outcome<LoginResult>> {
  const { db, settings } = deps;
  const device = await checkDevice(db, input.deviceId, input.deviceSecret);
  if (!device.ok) return device;
  const staff = await findStaffByUsername(db, input.username);
  if (!staff) {
    await verifyPassword(input.password, await dummyPasswordHash(settings.scryptCost));
    return loginFailed();
  }
  if (staff.locked_until && staff.locked_until.getTime() > now(deps).getTime()) {
    const minutes = Math.ceil((staff.locked_until.getTime() - now(deps).getTime()) / 60_000);
    return refuse(
      423,
      'ACCOUNT_LOCKED',
      `密码错误次数过多，账户已锁定，请 ${minutes} 分钟后再试`,
      `Too many wrong passwords; the account is locked for ${minutes} more minute(s)`,
    );
  }
  if (!(await verifyPassword(input.password, staff.password_hash))) {
    await recordFailure(db, staff, settings);
    return loginFailed();
  }
  if (staff.disabled_at) {
    return refuse(
      403,
      'STAFF_DISABLED',
      '该账户已停用，请联系管理员',
      'This account is disabled; contact an administrator',
    );
  }
  const station = await findStation(db, device.value.stationCode);
  const staffStation = await findStation(db, staff.station_code);
  if (!station || !staffStation || !mayUseStation(staff.role, staffStation, station)) {
    return refuse(
      403,
      'STAFF_WRONG_STATION',
      '该账户不属于本机所在网点，不能在本机登录',
      'This account does not belong to the station of this device',
    );
  }
  await db.query(
    'UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND failed_attempts > 0',
    [staff.id],
  );
  const sessionId = ulid();
  const tokens = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO sessions (id, staff_id, device_id) VALUES ($1, $2, $3)', [
      sessionId,
      staff.id,
      device.value.id,
    ]);
    await tx.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [device.value.id]);
    await writeAudit(tx, {
      staffId: staff.id,
      deviceId: device.value.id,
      stationId: station.code,
      action: 'login',
    });
    return issueTokens(deps, tx, {
      sid: sessionId,
      staffId: staff.id,
      deviceId: device.value.id,
      stationId: station.code,
      role: staff.role,
    });
  });
  return ok({
    ...tokens,
    staff: {
      id: staff.id,
      username: staff.username,
      displayName: staff.display_name,
      role: staff.role,
      stationId: staff.station_code,
    },
    device: { id: device.value.id, stationId: station.code },
    station: stationInfo(station),
  });
}

/** Clerks and van crews log in only at their own station; supervisors within their region. */
function mayUseStation(role: Role, own: StationRow, device: StationRow): boolean {
  if (role === 'admin') return true;
  if (role === 'supervisor')
    return device.division_code.startsWith(regionPrefix(own.division_code));
  return own.code === device.code;
}

async function recordFailure(
  db: Queryable,
  staff: StaffRow,
  settings: ServerSettings,
): Promise<void> {
  // One statement, so concurrent wrong guesses cannot undercount.
  await db.query(
    `UPDATE staff
        SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
            locked_until = CASE WHEN failed_attempts + 1 >= $2
                                THEN now() + make_interval(mins => $3) ELSE locked_until END
      WHERE id = $1`,
    [staff.id, settings.lockout.maxAttempts, settings.lockout.minutes],
  );
  const { rows } = await db.query<{ locked: boolean }>(
    'SELECT locked_until > now() AS locked FROM staff WHERE id = $1',
    [staff.id],
  );
  if (rows[0]?.locked) {
    await writeAudit(db, {
      staffId: staff.id,
      stationId: staff.station_code,
      action: 'account_locked',
    });
  }
}

type SessionClaims = Omit<TokenClaims, 'typ' | 'iat' | 'exp'>;

async function issueTokens(
  deps: AuthDeps,
  tx: Queryable,
  claims: SessionClaims,
): Promise<SessionTokens> {
  const issuedAt = Math.floor(now(deps).getTime() / 1000);
  const accessExp = issuedAt + deps.settings.accessTokenTtlSeconds;
  const refreshToken = newSecret();
  const refreshExp = issuedAt + deps.settings.refreshTokenTtlSeconds;
  await tx.query(
    `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
     VALUES ($1, $2, to_timestamp($3))`,
    [secretHash(refreshToken), claims.sid, refreshExp],
  );
  return {
    accessToken: signToken(deps.tokenKey, {
      typ: 'access',
      ...claims,
      iat: issuedAt,
      exp: accessExp,
    }),
    accessTokenExpiresAt: accessExp * 1000,
    refreshToken,
    refreshTokenExpiresAt: refreshExp * 1000,
  };
}

export function streamTicket(
  deps: AuthDeps,
  claims: TokenClaims,
): { ticket: string; expiresAt: number } {
  const iat = Math.floor(now(deps).getTime() / 1000);
  const exp = iat + deps.settings.streamTicketTtlSeconds;
  return {
    ticket: signToken(deps.tokenKey, { ...claims, typ: 'ticket', iat, exp }),
    expiresAt: exp * 1000,
  };
}

interface RefreshRow {
  session_id: string;
  used: boolean;
  expired: boolean;
  session_revoked: boolean;
  staff_id: string;
  device_id: string;
  role: Role;
  station_code: string;
  device_revoked: boolean;
  staff_disabled: boolean;
}

const refreshInvalid = () =>
  refuse(
    401,
    'REFRESH_INVALID',
    '登录已失效，请重新登录',
    'The session is no longer valid; sign in again',
  );

export async function refresh(
  deps: AuthDeps,
  input: { refreshToken: string },
): Promise<Outcome<SessionTokens>> {
  const hash = secretHash(input.refreshToken);
  return deps.db.transaction(async (tx): Promise<Outcome<SessionTokens>> => {
    const { rows } = await tx.query<RefreshRow>(
      `SELECT rt.session_id, rt.used_at IS NOT NULL AS used, rt.expires_at <= now() AS expired,
              se.revoked_at IS NOT NULL AS session_revoked, se.staff_id, se.device_id,
              s.role, d.station_code, d.revoked_at IS NOT NULL AS device_revoked,
              s.disabled_at IS NOT NULL AS staff_disabled
         FROM refresh_tokens rt
         JOIN sessions se ON se.id = rt.session_id
         JOIN staff s ON s.id = se.staff_id
         JOIN devices d ON d.id = se.device_id
        WHERE rt.token_hash = $1
        FOR UPDATE OF rt, se`,
      [hash],
    );
    const row = rows[0];
    if (!row || row.expired || row.session_revoked) return refreshInvalid();
    if (row.used) {
      // A rotated token came back: someone holds a copy. End the whole family.
      await tx.query(
        `UPDATE sessions SET revoked_at = now(), revoke_reason = 'refresh_reuse' WHERE id = $1`,
        [row.session_id],
      );
      await writeAudit(tx, {
        staffId: row.staff_id,
        deviceId: row.device_id,
        stationId: row.station_code,
        action: 'refresh_reuse',
      });
      return refuse(
        401,
        'REFRESH_REUSED',
        '登录凭据被重复使用，已注销该登录，请重新登录',
        'A refresh token was reused; the session was revoked, sign in again',
      );
    }
    if (row.device_revoked) {
      return refuse(
        403,
        'DEVICE_REVOKED',
        '本机已被停用，请联系管理员',
        'This device has been revoked; contact an administrator',
      );
    }
    if (row.staff_disabled) {
      return refuse(
        403,
        'STAFF_DISABLED',
        '该账户已停用，请联系管理员',
        'This account is disabled; contact an administrator',
      );
    }
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [hash]);
    await tx.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.device_id]);
    return ok(
      await issueTokens(deps, tx, {
        sid: row.session_id,
        staffId: row.staff_id,
        deviceId: row.device_id,
        stationId: row.station_code,
        role: row.role,
      }),
    );
  });
}

export async function logout(deps: AuthDeps, claims: TokenClaims): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE sessions SET revoked_at = now(), revoke_reason = 'logout'
        WHERE id = $1 AND revoked_at IS NULL`,
      [claims.sid],
    );
    await writeAudit(tx, {
      staffId: claims.staffId,
      deviceId: claims.deviceId,
      stationId: claims.stationId,
      action: 'logout',
    });
  });
}

const now = (deps: AuthDeps): Date => (deps.now ? deps.now() : new Date());
