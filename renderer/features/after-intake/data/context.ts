// What every after-intake write needs: the open database, its clock and device, the staff
// session, and GET requests to the central server (reports, track). One place to rewire.
import { fail, ok, type Result } from '../../../../shared/result.ts';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../../shared/sync/protocol.ts';
import { newId } from '../../../db/ids.ts';
import { accessToken } from '../../../app/data/auth.ts';
import { data } from '../../../app/data/db.ts';
import { call } from '../../../app/data/host.ts';
import { useSession, type StaffSession } from '../../../stores/session.ts';

export { data };

export function now(): number {
  return data().context.now();
}

export function deviceId(): string {
  return data().context.deviceId;
}

/** A fresh ULID on the data layer's clock. */
export function freshId(): string {
  return newId(now());
}

export function currentSession(): Result<StaffSession> {
  const session = useSession.getState().session;
  return session ? ok(session) : fail('NO_SESSION', '请先登录', 'Log in first');
}

export { isRecord } from './parse.ts';
import { isRecord } from './parse.ts';

const unreachable = () =>
  fail('SERVER_UNREACHABLE', '无法连接中心服务器', 'Cannot reach the central server');

/** GET from the central server with the staff session's token; `auth: false` for public routes. */
export async function serverGet<T>(
  path: string,
  query: Record<string, string>,
  options: { readonly auth?: boolean; readonly parse: (body: unknown) => T | null },
): Promise<Result<T> & { readonly status?: number }> {
  const identity = await call((h) => h.device.identity());
  const serverUrl = identity.ok ? identity.value.enrolment?.serverUrl : undefined;
  if (!serverUrl) return unreachable();
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (options.auth !== false) {
    const token = await accessToken();
    if (!token) return unreachable();
    headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(`${serverUrl.replace(/\/$/, '')}${API_PREFIX}${path}?${new URLSearchParams(query)}`, {
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return unreachable();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const text = (key: string) => {
      const value: unknown = isRecord(body) ? body[key] : undefined;
      return typeof value === 'string' ? value : undefined;
    };
    return {
      ...fail(
        text('code') ?? `HTTP_${response.status}`,
        text('message') ?? `服务器拒绝了请求（${response.status}）`,
        text('messageEn') ?? `The server refused the request (${response.status})`,
      ),
      status: response.status,
    };
  }
  const parsed = options.parse(body);
  return parsed === null
    ? fail('SERVER_ANSWER_INVALID', '服务器的答复无法识别', 'Unreadable answer from the server')
    : ok(parsed);
}
