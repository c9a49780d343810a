// HTTP transport to the browser host (electron/browser-host/server.ts).
import type { HostInvoker } from '../../shared/host/contract.ts';
import { hostErrors } from '../../shared/host/errors.ts';
import {
  HOST_HTTP_PREFIX,
  HOST_SESSION_PATH,
  LAUNCH_FRAGMENT_KEY,
  SESSION_FRAGMENT_KEY,
  SESSION_HEADER,
  SESSION_STORAGE_KEY,
} from '../../shared/host/http.ts';

/**
 * Finds this tab's session secret: from a launch link's fragment (a one-time token,
 * exchanged once), a test link's `#waypost-session=`, or the tab's sessionStorage. The
 * fragment is removed from the address bar and history at once.
 */
export async function establishBrowserSession(win: Window): Promise<string | null> {
  const params = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const launchToken = params.get(LAUNCH_FRAGMENT_KEY);
  const direct = params.get(SESSION_FRAGMENT_KEY);
  if (launchToken !== null || direct !== null) {
    params.delete(LAUNCH_FRAGMENT_KEY);
    params.delete(SESSION_FRAGMENT_KEY);
    const rest = params.toString();
    win.history.replaceState(
      win.history.state,
      '',
      `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  let session = direct;
  if (session === null && launchToken !== null) session = await exchange(win, launchToken);
  if (session !== null) {
    win.sessionStorage.setItem(SESSION_STORAGE_KEY, session);
    return session;
  }
  return win.sessionStorage.getItem(SESSION_STORAGE_KEY);
}

async function exchange(win: Window, launchToken: string): Promise<string | null> {
  try {
    const response = await win.fetch(HOST_SESSION_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: { launchToken } }),
      credentials: 'omit',
    });
    const body: unknown = await response.json();
    const session = readSession(body);
    return session;
  } catch {
    return null;
  }
}

function readSession(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('ok' in body) || body.ok !== true) return null;
  if (!('value' in body) || typeof body.value !== 'object' || body.value === null) return null;
  return 'session' in body.value && typeof body.value.session === 'string'
    ? body.value.session
    : null;
}

export function createHttpInvoker(options: {
  /** Resolves to the session secret (or null: calls then answer HOST_UNAUTHORIZED). */
  session: Promise<string | null> | string | null;
  fetch: typeof fetch;
  baseUrl?: string;
}): HostInvoker {
  const base = options.baseUrl ?? '';
  return async (channel, request) => {
    const session = await options.session;
    if (session === null) return hostErrors.unauthorized();
    let response: Response;
    try {
      response = await options.fetch(`${base}${HOST_HTTP_PREFIX}${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SESSION_HEADER]: session },
        body: JSON.stringify({ request }),
        credentials: 'omit',
      });
    } catch {
      return hostErrors.unreachable();
    }
    try {
      const body = await response.json();
      if (isResultShape(body)) return body;
    } catch {
      // fall through
    }
    return hostErrors.unreachable();
  };
}

function isResultShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return true;
  return value.ok === false && 'error' in value && typeof value.error === 'object';
}
