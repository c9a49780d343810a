// Operator commands behind `npm run admin`, as plain functions over a Db so tests (and other
// tools) call them directly. Every refusal is data with a Chinese message.
import { randomBytes, randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import type { Db, Queryable } from '../db/types.ts';
import {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  type ScryptCost,
} from '../auth/passwords.ts';
import { findStation, writeAudit, type StationRow } from '../auth/repository.ts';
import { ROLES, secretHash, type Role } from '../auth/tokens.ts';
import { importCalendar } from '../settings/calendar.ts';
import { setSlaConfig } from '../settings/sla.ts';
import { fail, ok, type Err, type Result } from '../../shared/result.ts';
import type { CalendarData } from '../../shared/calendar/index.ts';
import type { SlaConfig } from '../../shared/sla/index.ts';

export const STATION_KINDS = ['window', 'van', 'outlet', 'centre'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export interface StationInput {
  code: string;
  name: string;
  division: string;
  kind: string;
}

/** A condition on an operator's input and the refusal when it does not hold. */
type Rule = readonly [holds: boolean, refusal: () => Err];

/** The refusal of the first rule that does not hold, in the order given; null when all hold. */
function firstRefusal(rules: readonly Rule[]): Err | null {
  const broken = rules.find(([holds]) => !holds);
  return broken ? broken[1]() : null;
}

/** A display name (station or staff member): 1–64 characters, not only spaces. */
const nameRule = (name: string, code: string, what: string, whatEn: string): Rule => [
  name.trim() !== '' && name.length <= 64,
  () => fail(code, `${what}不能为空且不超过 64 字`, `${whatEn} must be 1–64 characters`, 'name'),
];

const patternRule = (
  value: string,
  pattern: RegExp,
  code: string,
  message: string,
  messageEn: string,
  field: string,
): Rule => [pattern.test(value), () => fail(code, message, messageEn, field)];

const oneOfRule = (
  value: string,
  allowed: readonly string[],
  code: string,
  what: string,
  whatEn: string,
  field: string,
): Rule => [
  allowed.includes(value),
  () =>
    fail(
      code,
      `${what}须为 ${allowed.join('|')}`,
      `${whatEn} must be one of ${allowed.join('|')}`,
      field,
    ),
];

export async function addStation(db: Queryable, input: StationInput): Promise<Result<StationRow>> {
  const refused = firstRefusal([
    patternRule(
      input.code,
      /^[A-Za-z0-9_-]{1,16}$/,
      'STATION_CODE_INVALID',
      '网点编码须为 1–16 位字母、数字、- 或 _',
      'Station code must be 1–16 letters, digits, - or _',
      'code',
    ),
    nameRule(input.name, 'STATION_NAME_INVALID', '网点名称', 'Station name'),
    patternRule(
      input.division,
      /^\d{6}$/,
      'DIVISION_INVALID',
      '行政区划代码须为 6 位数字（如 140106）',
      'Division code must be 6 digits (e.g. 140106)',
      'division',
    ),
    oneOfRule(
      input.kind,
      STATION_KINDS,
      'STATION_KIND_INVALID',
      '网点类型',
      'Station kind',
      'kind',
    ),
  ]);
  if (refused) return refused;
  if (await findStation(db, input.code)) {
    return fail(
      'STATION_EXISTS',
      `网点 ${input.code} 已存在`,
      `Station ${input.code} already exists`,
      'code',
    );
  }
  await db.query('INSERT INTO stations (code, name, division_code, kind) VALUES ($1, $2, $3, $4)', [
    input.code,
    input.name.trim(),
    input.division,
    input.kind,
  ]);
  await writeAudit(db, { stationId: input.code, action: 'station_add' });
  return ok({
    code: input.code,
    name: input.name.trim(),
    division_code: input.division,
    kind: input.kind,
  });
}

export interface StaffInput {
  username: string;
  name: string;
  role: string;
  station: string;
  password: string;
}

export async function addStaff(
  db: Queryable,
  input: StaffInput,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Result<{ id: string; username: string; role: Role; station: string }>> {
  const role = ROLES.find((r) => r === input.role);
  const roleRule = oneOfRule(input.role, ROLES, 'ROLE_INVALID', '角色', 'Role', 'role');
  const refused = firstRefusal([
    patternRule(
      input.username,
      /^[A-Za-z0-9._-]{2,64}$/,
      'USERNAME_INVALID',
      '用户名须为 2–64 位字母、数字、.、- 或 _',
      'Username must be 2–64 letters, digits, ., - or _',
      'username',
    ),
    nameRule(input.name, 'STAFF_NAME_INVALID', '姓名', 'Name'),
    roleRule,
    [
      input.password.length >= MIN_PASSWORD_LENGTH,
      () =>
        fail(
          'PASSWORD_TOO_SHORT',
          `密码至少 ${MIN_PASSWORD_LENGTH} 位`,
          `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
          'password',
        ),
    ],
  ]);
  // `role` is defined once the rules hold; the check again only tells the type system.
  if (refused || role === undefined) return refused ?? roleRule[1]();
  if (!(await findStation(db, input.station))) {
    return fail(
      'STATION_UNKNOWN',
      `网点 ${input.station} 不存在，请先添加网点`,
      `Station ${input.station} does not exist; add it first`,
      'station',
    );
  }
  const existing = await db.query('SELECT 1 FROM staff WHERE username = $1', [input.username]);
  if (existing.rows.length > 0) {
    return fail(
      'USERNAME_TAKEN',
      `用户名 ${input.username} 已存在`,
      `Username ${input.username} is taken`,
      'username',
    );
  }
  const id = ulid();
  await db.query(
    `INSERT INTO staff (id, username, display_name, role, station_code, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      input.username,
      input.name.trim(),
      role,
      input.station,
      await hashPassword(input.password, cost),
    ],
  );
  await writeAudit(db, { staffId: id, stationId: input.station, action: 'staff_add' });
  return ok({ id, username: input.username, role, station: input.station });
}

export async function setStaffPassword(
  db: Queryable,
  username: string,
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Result<null>> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return fail(
      'PASSWORD_TOO_SHORT',
      `密码至少 ${MIN_PASSWORD_LENGTH} 位`,
      `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      'password',
    );
  }
  const { rows } = await db.query<{ id: string }>(
    `UPDATE staff SET password_hash = $2, failed_attempts = 0, locked_until = NULL
      WHERE username = $1 RETURNING id`,
    [username, await hashPassword(password, cost)],
  );
  if (!rows[0])
    return fail(
      'STAFF_UNKNOWN',
      `用户 ${username} 不存在`,
      `No staff member ${username}`,
      'username',
    );
  await writeAudit(db, { staffId: rows[0].id, action: 'staff_password' });
  return ok(null);
}

export async function setStaffDisabled(
  db: Queryable,
  username: string,
  disabled: boolean,
): Promise<Result<null>> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE staff SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE username = $1 RETURNING id`,
    [username, disabled],
  );
  if (!rows[0])
    return fail(
      'STAFF_UNKNOWN',
      `用户 ${username} 不存在`,
      `No staff member ${username}`,
      'username',
    );
  await writeAudit(db, {
    staffId: rows[0].id,
    action: disabled ? 'staff_disable' : 'staff_enable',
  });
  return ok(null);
}

// Crockford base32 without I, L, O, U: nothing a clerk can misread.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export async function createEnrolmentCode(
  db: Queryable,
  input: { station: string; ttlHours?: number },
): Promise<Result<{ code: string; station: string; expiresAt: Date }>> {
  if (!(await findStation(db, input.station))) {
    return fail(
      'STATION_UNKNOWN',
      `网点 ${input.station} 不存在`,
      `Station ${input.station} does not exist`,
      'station',
    );
  }
  const code = newEnrolmentCode();
  const ttlHours = input.ttlHours ?? 72;
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO enrolment_codes (code_hash, station_code, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING expires_at`,
    [secretHash(code.replaceAll('-', '')), input.station, ttlHours],
  );
  await writeAudit(db, { stationId: input.station, action: 'enrolment_code' });
  return ok({ code, station: input.station, expiresAt: rows[0]?.expires_at ?? new Date() });
}

export interface DeviceSummary {
  id: string;
  station: string;
  label: string | null;
  enrolledAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

export async function listDevices(db: Queryable): Promise<DeviceSummary[]> {
  const { rows } = await db.query<{
    id: string;
    station_code: string;
    label: string | null;
    enrolled_at: Date;
    last_seen_at: Date | null;
    revoked_at: Date | null;
  }>(
    'SELECT id, station_code, label, enrolled_at, last_seen_at, revoked_at FROM devices ORDER BY enrolled_at, id',
  );
  return rows.map((r) => ({
    id: r.id,
    station: r.station_code,
    label: r.label,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeDevice(db: Queryable, id: string): Promise<Result<null>> {
  const { rows } = await db.query<{ station_code: string }>(
    'UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING station_code',
    [id],
  );
  if (!rows[0]) return fail('DEVICE_UNKNOWN', `设备 ${id} 不存在`, `No device ${id}`, 'id');
  await writeAudit(db, { deviceId: id, stationId: rows[0].station_code, action: 'device_revoke' });
  return ok(null);
}

export interface DemoSeed {
  station: StationRow;
  staff: { username: string; name: string; role: Role; password: string }[];
  enrolmentCode: string;
}

export const DEMO_STATION: StationInput = {
  code: 'TY001',
  name: '太原市迎泽区警邮合作服务站',
  division: '140106',
  kind: 'window',
};

const DEMO_STAFF: { username: string; name: string; role: Role }[] = [
  { username: 'demo-clerk', name: '演示窗口', role: 'clerk' },
  { username: 'demo-van', name: '演示流动车', role: 'van' },
  { username: 'demo-supervisor', name: '演示主管', role: 'supervisor' },
  { username: 'demo-admin', name: '演示管理员', role: 'admin' },
];

/** A demo station in 太原 with one staff member per role (fresh random passwords) and a code. */
export async function seedDemo(
  db: Db,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Result<DemoSeed>> {
  if (!(await findStation(db, DEMO_STATION.code))) {
    const station = await addStation(db, DEMO_STATION);
    if (!station.ok) return station;
  }
  const staff: DemoSeed['staff'] = [];
  for (const member of DEMO_STAFF) {
    const password = `demo-${randomBytes(6).toString('base64url')}`;
    const exists = await db.query('SELECT 1 FROM staff WHERE username = $1', [member.username]);
    const result = exists.rows.length
      ? await setStaffPassword(db, member.username, password, cost)
      : await addStaff(db, { ...member, station: DEMO_STATION.code, password }, cost);
    if (!result.ok) return result;
    staff.push({ ...member, password });
  }
  const code = await createEnrolmentCode(db, { station: DEMO_STATION.code });
  if (!code.ok) return code;
  const station = await findStation(db, DEMO_STATION.code);
  if (!station)
    return fail('STATION_UNKNOWN', '演示网点创建失败', 'The demo station was not created');
  return ok({ station, staff, enrolmentCode: code.value.code });
}

export async function importCalendarFile(
  db: Queryable,
  json: unknown,
): Promise<Result<CalendarData>> {
  return importCalendar(db, json);
}

export async function setSla(db: Queryable, json: unknown): Promise<Result<SlaConfig>> {
  return setSlaConfig(db, json);
}
