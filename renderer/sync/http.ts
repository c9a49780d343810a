// HTTP for the sync client: protocol header on every request, bearer access token with one
// automatic refresh on 401 (single-flight: refresh tokens rotate and a reused one revokes the
// session), `cache: 'no-store'` so no response with personal data lands in the browser's
// disk cache, and typed failures instead of bare exceptions.
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

export type SyncFailureKind =
  | 'network' // no answer: offline, refused, reset, timed out
  | 'upgrade_required' // 426: this client speaks an unsupported protocol
  | 'auth' // 401 after a refresh attempt, or the refresh itself refused
  | 'server' // 5xx or an unreadable answer: retry later
  | 'client'; // other 4xx: the request itself is wrong

/** A failed sync request. Messages carry no personal data. */
export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncHttpOptions {
  baseUrl: string;
  tokens: AuthTokens;
  fetch?: typeof fetch;
  /** Called with every new token pair so the caller can persist the refresh token. */
  onTokens?: (tokens: AuthTokens) => void;
  /** Per-request time limit (stream requests are exempt). */
  timeoutMs?: number;
}

export interface SyncHttp {
  readonly baseUrl: string;
  json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  /** A raw request (streams, media); the caller reads the body. 401 → refresh → retry once. */
  raw(method: string, path: string, init?: RequestInit, timeout?: boolean): Promise<Response>;
  setTokens(tokens: AuthTokens): void;
}

async function errorCode(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const code = 'code' in body && typeof body.code === 'string' ? body.code : '';
      const message =
        'messageEn' in body && typeof body.messageEn === 'string' ? body.messageEn : '';
      return { code: code || `HTTP_${response.status}`, message: message || response.statusText };
    }
  } catch {
    // not JSON
  }
  return { code: `HTTP_${response.status}`, message: response.statusText };
}

export function createSyncHttp(options: SyncHttpOptions): SyncHttp {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  let tokens = options.tokens;
  let refreshing: Promise<void> | null = null;

  async function refresh(usedAccessToken: string): Promise<void> {
    // Another request refreshed meanwhile: just use the new token.
    if (tokens.accessToken !== usedAccessToken) return;
    refreshing ??= (async () => {
      const response = await send(
        'POST',
        `${API_PREFIX}/auth/refresh`,
        {
          body: JSON.stringify({ refreshToken: tokens.refreshToken }),
          headers: { 'content-type': 'application/json' },
        },
        true,
        false,
      );
      if (!response.ok) {
        const { code, message } = await errorCode(response);
        throw new SyncHttpError(
          response.status === 426 ? 'upgrade_required' : response.status >= 500 ? 'server' : 'auth',
          response.status,
          code,
          message,
        );
      }
      const next: unknown = await response.json();
      if (
        typeof next !== 'object' ||
        next === null ||
        !('accessToken' in next) ||
        typeof next.accessToken !== 'string' ||
        !('refreshToken' in next) ||
        typeof next.refreshToken !== 'string'
      ) {
        throw new SyncHttpError(
          'server',
          response.status,
          'BAD_REFRESH',
          'unreadable refresh answer',
        );
      }
      tokens = { accessToken: next.accessToken, refreshToken: next.refreshToken };
      options.onTokens?.(tokens);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function send(
    method: string,
    path: string,
    init: RequestInit,
    timeout: boolean,
    authorize: boolean,
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    if (authorize) headers.set('authorization', `Bearer ${tokens.accessToken}`);
    const signals = [
      init.signal,
      timeout ? AbortSignal.timeout(options.timeoutMs ?? 30_000) : null,
    ];
    const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s != null));
    try {
      return await doFetch(`${baseUrl}${path}`, {
        ...init,
        method,
        headers,
        signal,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const reason = error instanceof Error ? error.name : 'fetch failed';
      throw new SyncHttpError('network', 0, 'NETWORK', reason);
    }
  }

  async function raw(method: string, path: string, init: RequestInit = {}, timeout = true) {
    const used = tokens.accessToken;
    let response = await send(method, path, init, timeout, true);
    if (response.status === 401) {
      await response.body?.cancel();
      await refresh(used);
      response = await send(method, path, init, timeout, true);
    }
    if (response.status === 426) {
      const { code, message } = await errorCode(response);
      throw new SyncHttpError('upgrade_required', 426, code, message);
    }
    if (response.status === 401 || response.status === 403) {
      const { code, message } = await errorCode(response);
      throw new SyncHttpError('auth', response.status, code, message);
    }
    return response;
  }

  return {
    baseUrl,
    raw,
    async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
      const init: RequestInit = { signal: signal ?? null };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { 'content-type': 'application/json' };
      }
      const response = await raw(method, path, init);
      if (!response.ok) {
        const { code, message } = await errorCode(response);
        throw new SyncHttpError(
          response.status >= 500 || response.status === 429 ? 'server' : 'client',
          response.status,
          code,
          message,
        );
      }
      try {
        return (await response.json()) as T;
      } catch {
        throw new SyncHttpError('server', response.status, 'BAD_JSON', 'unreadable answer');
      }
    },
    setTokens(next) {
      tokens = next;
    },
  };
}
