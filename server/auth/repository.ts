// Database access for stations, staff, devices, enrolment codes and sessions.
import type { Queryable } from '../db/types.ts';
import type { Role } from './tokens.ts';

export interface StationRow {
  code: string;
  name: string;
  division_code: string;
  kind: string;
}

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  station_code: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: Date | null;
  disabled_at: Date | null;
}

export interface DeviceRow {
  id: string;
  station_code: string;
  secret_hash: Uint8Array;
  label: string | null;
  enrolled_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

export async function findStation(db: Queryable, code: string): Promise<StationRow | null> {
  const { rows } = await db.query<StationRow>(
    'SELECT code, name, division_code, kind FROM stations WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}

export async function stationsWithPrefix(db: Queryable, prefix: string): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT code FROM stations WHERE division_code LIKE $1 || '%' ORDER BY code`,
    [prefix],
  );
  return rows.map((r) => r.code);
}

export async function findStaffByUsername(
  db: Queryable,
  username: string,
): Promise<StaffRow | null> {
  const { rows } = await db.query<StaffRow>(
    `SELECT id, username, display_name, role, station_code, password_hash, failed_attempts,
            locked_until, disabled_at
       FROM staff WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function findDevice(db: Queryable, id: string): Promise<DeviceRow | null> {
  const { rows } = await db.query<DeviceRow>(
    `SELECT id, station_code, secret_hash, label, enrolled_at, last_seen_at, revoked_at
       FROM devices WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Current state of everything an access token stands for, re-read on every request. */
export interface SessionState {
  session_revoked: boolean;
  device_revoked: boolean;
  staff_disabled: boolean;
  role: Role;
  device_station: string;
  staff_division: string;
}

export async function sessionState(db: Queryable, sessionId: string): Promise<SessionState | null> {
  const { rows } = await db.query<SessionState>(
    `SELECT se.revoked_at IS NOT NULL AS session_revoked,
            d.revoked_at IS NOT NULL AS device_revoked,
            s.disabled_at IS NOT NULL AS staff_disabled,
            s.role, d.station_code AS device_station, st.division_code AS staff_division
       FROM sessions se
       JOIN devices d ON d.id = se.device_id
       JOIN staff s ON s.id = se.staff_id
       JOIN stations st ON st.code = s.station_code
      WHERE se.id = $1`,
    [sessionId],
  );
  return rows[0] ?? null;
}

export interface AuditEntry {
  staffId?: string | null;
  deviceId?: string | null;
  stationId?: string | null;
  action: string;
  collection?: string | null;
  docId?: string | null;
  /** A code or short machine text; never personal data. */
  detail?: string | null;
}

export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit (staff_id, device_id, station_id, action, collection, doc_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.staffId ?? null,
      entry.deviceId ?? null,
      entry.stationId ?? null,
      entry.action,
      entry.collection ?? null,
      entry.docId ?? null,
      entry.detail ?? null,
    ],
  );
}
