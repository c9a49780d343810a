// Device enrolment and staff login. Online login asks the server; a salted verifier kept on
// this device then allows offline logins until it expires. Tokens live only in memory.
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/sync/protocol.ts';
import { normaliseServerUrl } from '../../../shared/host/settings.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import {
  createVerifier,
  daysLeft,
  verifyOffline,
  type OfflineVerifier,
  type StaffProfile,
} from '../../features/login/offline-verifier.ts';
import { useSession, type StaffSession } from '../../stores/session.ts';
import { isStaffRole } from '../roles.ts';
import { updateSettings } from '../../host/index.ts';
import { call, host } from './host.ts';
import { startServices, stopServices, syncEngine } from './services.ts';
import { rememberStation } from './station.ts';
import { rememberStaff } from './staff-names.ts';
import { divisionPath } from '../../../shared/divisions/index.ts';
import { namesOfPath } from '../../features/intake/address.ts';
import { EMS_HOTLINE } from '../../features/intake/labels.ts';
import { refreshCalendar } from '../../features/after-intake/data/calendar.ts';

/** The station as the server describes it, kept for printing the sender on labels. */
function rememberStationFrom(station: Record<string, unknown>): void {
  const name = str(station.name);
  if (!name) return;
  const path = divisionPath(str(station.divisionCode) ?? '');
  rememberStation({
    name,
    phone: str(station.phone) ?? EMS_HOTLINE,
    address: { ...(path.ok ? namesOfPath(path.value) : {}), detail: str(station.address) ?? name },
  });
}

const VERIFIERS_KEY = 'waypost.offlineVerifiers';
const ATTEMPTS_KEY = 'waypost.offlineAttempts';
const MAX_OFFLINE_ATTEMPTS = 5;
const LOCKOUT_MS = 15 * 60_000;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

let tokens: Tokens | null = null;
let refreshing: Promise<string | null> | null = null;

const unreachable = () =>
  fail('SERVER_UNREACHABLE', '无法连接服务器，请检查网络', 'Cannot reach the server; check the network');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Result<Record<string, unknown>> & { status?: number }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return unreachable();
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const e = isRecord(data) ? data : {};
    return {
      ...fail(
        str(e.code) ?? `HTTP_${response.status}`,
        str(e.message) ?? `服务器拒绝了请求（${response.status}）`,
        str(e.messageEn) ?? `The server refused the request (${response.status})`,
      ),
      status: response.status,
    };
  }
  return isRecord(data) ? ok(data) : fail('SERVER_BAD_RESPONSE', '服务器应答格式不正确', 'Malformed server response');
}

// ---- enrolment ------------------------------------------------------------------------------

export interface DeviceState {
  readonly installationId: string;
  readonly enrolled: boolean;
  readonly serverUrl: string | null;
  readonly deviceId: string | null;
  readonly stationId: string | null;
  readonly stationName: string | null;
}

export async function loadDeviceState(): Promise<Result<DeviceState>> {
  const identity = await call((h) => h.device.identity());
  if (!identity.ok) return identity;
  const e = identity.value.enrolment;
  return ok({
    installationId: identity.value.installationId,
    enrolled: e !== null,
    serverUrl: e?.serverUrl ?? null,
    deviceId: e?.deviceId ?? null,
    stationId: e?.stationId ?? null,
    stationName: e?.stationName ?? e?.stationCode ?? null,
  });
}

/**
 * Step 1 of enrolment: remember the server's address. The CSP's connect-src follows the saved
 * server origin, so the page reloads when it changes (renderer/host `updateSettings`).
 */
export async function setServerUrl(input: string): Promise<Result<string>> {
  const serverUrl = normaliseServerUrl(input);
  if (!serverUrl.ok) return serverUrl;
  try {
    const saved = await updateSettings({ serverUrl: serverUrl.value });
    return saved.ok ? ok(serverUrl.value) : saved;
  } catch {
    return fail('HOST_UNREACHABLE', '无法连接本机服务，请确认程序仍在运行', 'Cannot reach the host service');
  }
}

/** Step 2: exchange the one-time code for the device credential, kept by the host. */
export async function enrolDevice(code: string): Promise<Result<DeviceState>> {
  if (code.trim() === '') return fail('ENROL_CODE_EMPTY', '请输入登记码', 'Enter the enrolment code', 'code');
  const settings = await call((h) => h.settings.get());
  if (!settings.ok) return settings;
  const serverUrl = settings.value.serverUrl;
  if (!serverUrl) return fail('SERVER_URL_EMPTY', '请先填写服务器地址', 'Enter the server address first', 'serverUrl');
  const identity = await call((h) => h.device.identity());
  if (!identity.ok) return identity;
  const answer = await postJson(`${serverUrl}${API_PREFIX}/devices/enroll`, {
    code: code.trim(),
    label: `waypost ${identity.value.installationId}`.slice(0, 64),
  });
  if (!answer.ok) {
    return answer.status
      ? { ok: false, error: { ...answer.error, field: 'code' } }
      : fail('SERVER_UNREACHABLE', '无法连接服务器，请检查地址和网络', 'Cannot reach the server; check the address and the network', 'serverUrl');
  }
  const a = answer.value;
  const station = isRecord(a.station) ? a.station : {};
  const deviceId = str(a.deviceId);
  const credential = str(a.deviceSecret) ?? str(a.credential) ?? str(a.secret);
  // The station's code is its id in every synced document (stationId).
  const stationId = str(a.stationId) ?? str(station.code) ?? str(station.id);
  if (!deviceId || !credential || !stationId) {
    return fail('SERVER_BAD_RESPONSE', '服务器应答格式不正确', 'Malformed server response');
  }
  const stationCode = str(station.code) ?? stationId;
  const stationName = str(station.name);
  rememberStationFrom(station);
  const saved = await call((h) =>
    h.device.setEnrolment({
      serverUrl,
      deviceId,
      stationId,
      stationCode,
      ...(stationName ? { stationName } : {}),
      credential,
      enrolledAt: Date.now(),
    }),
  );
  if (!saved.ok) return saved;
  return loadDeviceState();
}

// ---- offline verifiers ----------------------------------------------------------------------

function readVerifiers(): Record<string, OfflineVerifier> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(VERIFIERS_KEY) ?? '{}');
    return isRecord(parsed) ? (parsed as Record<string, OfflineVerifier>) : {};
  } catch {
    return {};
  }
}

function saveVerifier(username: string, verifier: OfflineVerifier) {
  localStorage.setItem(VERIFIERS_KEY, JSON.stringify({ ...readVerifiers(), [username]: verifier }));
}

function attemptState(username: string): { failures: number; lockedUntil: number } {
  try {
    const all: unknown = JSON.parse(localStorage.getItem(ATTEMPTS_KEY) ?? '{}');
    const entry = isRecord(all) && isRecord(all[username]) ? all[username] : {};
    return {
      failures: typeof entry.failures === 'number' ? entry.failures : 0,
      lockedUntil: typeof entry.lockedUntil === 'number' ? entry.lockedUntil : 0,
    };
  } catch {
    return { failures: 0, lockedUntil: 0 };
  }
}

function setAttempts(username: string, state: { failures: number; lockedUntil: number } | null) {
  let all: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ATTEMPTS_KEY) ?? '{}');
    if (isRecord(parsed)) all = parsed;
  } catch {
    // start afresh
  }
  if (state) all[username] = state;
  else delete all[username];
  localStorage.setItem(ATTEMPTS_KEY, JSON.stringify(all));
}

function sessionFrom(profile: StaffProfile, mode: 'online' | 'offline', daysLeftValue?: number): Result<StaffSession> {
  if (!isStaffRole(profile.role)) {
    return fail('ROLE_UNKNOWN', `未知的岗位角色：${profile.role}`, `Unknown staff role: ${profile.role}`);
  }
  return ok({
    staffId: profile.staffId,
    username: profile.username,
    name: profile.name,
    role: profile.role,
    stationId: profile.stationId,
    stationName: profile.stationName ?? profile.stationId,
    mode,
    loggedInAt: Date.now(),
    ...(daysLeftValue === undefined ? {} : { offlineDaysLeft: daysLeftValue }),
  });
}

// ---- login ----------------------------------------------------------------------------------

export interface LoginInput {
  username: string;
  password: string;
}

async function onlineLogin(
  device: { serverUrl: string; deviceId: string; credential: string; stationName?: string },
  input: LoginInput,
): Promise<Result<StaffProfile> & { reachable: boolean }> {
  const answer = await postJson(`${device.serverUrl}${API_PREFIX}/auth/login`, {
    username: input.username,
    password: input.password,
    deviceId: device.deviceId,
    deviceSecret: device.credential,
  });
  if (!answer.ok) {
    const reachable = answer.status !== undefined && answer.status < 500;
    return { ...answer, reachable };
  }
  const a = answer.value;
  const staff = isRecord(a.staff) ? a.staff : a;
  const accessToken = str(a.accessToken);
  const refreshToken = str(a.refreshToken) ?? '';
  const expiresIn = typeof a.expiresIn === 'number' ? a.expiresIn : 900;
  const staffId = str(staff.staffId) ?? str(staff.id);
  const role = str(staff.role);
  const stationId = str(staff.stationId) ?? str(a.stationId);
  if (!accessToken || !staffId || !role || !stationId) {
    return { ...fail('SERVER_BAD_RESPONSE', '服务器应答格式不正确', 'Malformed server response'), reachable: true };
  }
  tokens = {
    accessToken,
    refreshToken,
    expiresAt: typeof a.accessTokenExpiresAt === 'number' ? a.accessTokenExpiresAt : Date.now() + expiresIn * 1000,
  };
  if (isRecord(a.station)) rememberStationFrom(a.station);
  const stationName =
    str(staff.stationName) ?? (isRecord(a.station) ? str(a.station.name) : undefined) ?? device.stationName;
  return {
    ...ok({
      staffId,
      username: input.username,
      name: str(staff.name) ?? str(staff.displayName) ?? input.username,
      role,
      stationId,
      ...(stationName ? { stationName } : {}),
    }),
    reachable: true,
  };
}

export async function login(input: LoginInput): Promise<Result<StaffSession>> {
  const username = input.username.trim();
  if (!username) return fail('USERNAME_EMPTY', '请输入用户名', 'Enter the user name', 'username');
  if (!input.password) return fail('PASSWORD_EMPTY', '请输入密码', 'Enter the password', 'password');
  const identity = await call((h) => h.device.identity());
  if (!identity.ok) return identity;
  const enrolment = identity.value.enrolment;
  if (!enrolment) return fail('DEVICE_NOT_ENROLLED', '本机尚未登记', 'This device is not enrolled');
  const settings = await call((h) => h.settings.get());
  const validityDays = settings.ok ? settings.value.offlineLoginValidityDays : 7;

  const online = await onlineLogin(enrolment, { username, password: input.password });
  if (online.ok) {
    const verifier = await createVerifier(online.value, input.password, { now: Date.now(), validityDays });
    saveVerifier(username, verifier);
    setAttempts(username, null);
    const session = sessionFrom(online.value, 'online');
    if (session.ok) await beginOnline(session.value);
    return session;
  }
  // The server answered and said no: never fall back to the offline verifier.
  if (online.reachable) return { ...online, error: { ...online.error, field: online.error.field ?? 'password' } };

  const attempts = attemptState(username);
  if (attempts.lockedUntil > Date.now()) {
    const minutes = Math.ceil((attempts.lockedUntil - Date.now()) / 60_000);
    return fail('OFFLINE_LOGIN_LOCKED', `密码错误次数过多，请 ${minutes} 分钟后再试`, `Too many wrong passwords; try again in ${minutes} minutes`, 'password');
  }
  const verifier = readVerifiers()[username];
  const offline = await verifyOffline(verifier, input.password, Date.now());
  if (!offline.ok) {
    if (offline.error.code === 'OFFLINE_LOGIN_BAD_PASSWORD') {
      const failures = attempts.failures + 1;
      setAttempts(username, {
        failures: failures >= MAX_OFFLINE_ATTEMPTS ? 0 : failures,
        lockedUntil: failures >= MAX_OFFLINE_ATTEMPTS ? Date.now() + LOCKOUT_MS : 0,
      });
    }
    return offline;
  }
  setAttempts(username, null);
  const session = sessionFrom(offline.value, 'offline', verifier ? daysLeft(verifier, Date.now()) : undefined);
  if (session.ok) await begin(session.value);
  return session;
}

async function begin(session: StaffSession) {
  rememberStaff(session.staffId, session.name);
  useSession.getState().start(session);
  void host()
    .log.write({ entries: [{ level: 'info', scope: 'auth', message: `login ${session.mode} role=${session.role}` }] })
    .catch(() => undefined);
  await startServices(
    session,
    tokens ? { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } : null,
    (next) => {
      // The sync client refreshed: keep the pair for the next engine start (re-login, unlock).
      // Its expiry is not reported with it: assume a short life, so accessToken() asks the
      // engine again (which refreshes only on a 401) rather than handing out a stale token.
      tokens = { accessToken: next.accessToken, refreshToken: next.refreshToken, expiresAt: Date.now() + 5 * 60_000 };
    },
  );
}

/**
 * A server session: also fetch the working-day calendar (next year's holidays arrive this
 * way). Not awaited and silent on failure: the cached or packaged calendar stays in use.
 */
async function beginOnline(session: StaffSession) {
  await begin(session);
  void refreshCalendar().catch(() => undefined);
}

/** Unlocks the idle lock with the logged-in staff member's password (checked locally). */
export async function unlock(password: string): Promise<Result<true>> {
  const session = useSession.getState().session;
  if (!session) return fail('NO_SESSION', '未登录', 'Not logged in');
  const verifier = readVerifiers()[session.username];
  // The lock is not an expiry: check the password even if offline login has expired.
  const checked = await verifyOffline(verifier ? { ...verifier, expiresAt: Number.MAX_SAFE_INTEGER } : undefined, password, Date.now());
  if (!checked.ok) return checked;
  useSession.getState().unlock();
  return ok(true);
}

export async function logout(): Promise<void> {
  const identity = await call((h) => h.device.identity());
  const current = tokens;
  tokens = null;
  if (identity.ok && identity.value.enrolment && current) {
    void postJson(`${identity.value.enrolment.serverUrl}${API_PREFIX}/auth/logout`, {}, {
      authorization: `Bearer ${current.accessToken}`,
    });
  }
  await stopServices();
  useSession.getState().end();
}

/**
 * A valid access token for direct server requests (reports, tracking), or null without a
 * server session. While the sync engine runs it owns the refresh token (refresh tokens
 * rotate; two refreshers would revoke the family), so we ask it to refresh for us.
 */
export async function accessToken(): Promise<string | null> {
  if (!tokens) return null;
  if (tokens.expiresAt - Date.now() > 60_000) return tokens.accessToken;
  const engine = syncEngine();
  if (engine) {
    try {
      // Any authenticated request: on 401 the engine refreshes and reports the new pair.
      await engine.http.json('GET', `${API_PREFIX}/config`);
    } catch {
      return null;
    }
    return tokens?.accessToken ?? null;
  }
  if (refreshing) return refreshing;
  refreshing = (async () => {
    const identity = await call((h) => h.device.identity());
    const enrolment = identity.ok ? identity.value.enrolment : null;
    if (!enrolment || !tokens) return null;
    const answer = await postJson(`${enrolment.serverUrl}${API_PREFIX}/auth/refresh`, {
      refreshToken: tokens.refreshToken,
    });
    if (!answer.ok) {
      if (answer.status !== undefined) tokens = null;
      return tokens?.accessToken ?? null;
    }
    const a = answer.value;
    const access = str(a.accessToken);
    if (!access) return null;
    tokens = {
      accessToken: access,
      refreshToken: str(a.refreshToken) ?? tokens.refreshToken,
      expiresAt:
        typeof a.accessTokenExpiresAt === 'number'
          ? a.accessTokenExpiresAt
          : Date.now() + (typeof a.expiresIn === 'number' ? a.expiresIn : 900) * 1000,
    };
    return access;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** After an offline login, an online login later (network back) upgrades to a real session. */
export function hasServerSession(): boolean {
  return tokens !== null;
}

/**
 * An offline login has no server session: once the network is back the clerk re-enters the
 * password and we log in online, so the waiting records can upload.
 */
export async function reauthenticate(password: string): Promise<Result<StaffSession>> {
  const session = useSession.getState().session;
  if (!session) return fail('NO_SESSION', '未登录', 'Not logged in');
  const identity = await call((h) => h.device.identity());
  if (!identity.ok) return identity;
  const enrolment = identity.value.enrolment;
  if (!enrolment) return fail('DEVICE_NOT_ENROLLED', '本机尚未登记', 'This device is not enrolled');
  const online = await onlineLogin(enrolment, { username: session.username, password });
  if (!online.ok) return { ok: false, error: { ...online.error, field: 'password' } };
  const upgraded = sessionFrom(online.value, 'online');
  if (upgraded.ok) await beginOnline(upgraded.value);
  return upgraded;
}
