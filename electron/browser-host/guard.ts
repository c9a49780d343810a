// Request checks of the browser host (pure). The host listens on loopback only, but any
// web page the clerk opens can send requests to 127.0.0.1, and DNS rebinding can give a
// foreign site a same-origin view of it. So every request is checked for:
//   Host    — must name the loopback address and our port (defeats DNS rebinding);
//   Origin  — when a browser sends one, it must be our own origin (defeats CSRF);
//   session — a per-run secret in the x-waypost-session header (a custom header also
//             forces a CORS preflight, which this host never answers).
// The session secret reaches the page through a one-time launch token in the URL
// fragment (never sent over the network, never in another origin's reach), exchanged
// once, then kept in the tab's sessionStorage (origin-scoped, port included). It is not a
// cookie: cookies are shared by every port of 127.0.0.1, so any other local web server the
// clerk's browser talks to would receive it.
import { timingSafeEqual } from 'node:crypto';

export { LAUNCH_FRAGMENT_KEY, SESSION_HEADER } from '../../shared/host/http.ts';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function isLoopbackListenAddress(address: string): boolean {
  return address === '127.0.0.1' || address === '::1';
}

export function allowedOrigins(port: number): readonly string[] {
  return LOOPBACK_NAMES.map((name) => `http://${name}:${port}`);
}

export function isAllowedHostHeader(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

export interface OriginFacts {
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
}

/**
 * Browsers send Origin on every POST (and Sec-Fetch-Site); a request without both is from
 * a non-browser client (tests, scripts), which still needs the session secret.
 */
export function isAllowedOrigin(facts: OriginFacts, port: number): boolean {
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin') return false;
  if (facts.origin === undefined) return facts.secFetchSite === undefined;
  return allowedOrigins(port).includes(facts.origin.toLowerCase());
}

export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Body limits: generous where a channel carries data (backups, batches), 1 MiB otherwise. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  'backup.save': 256 * 1024 * 1024,
  'print.startBatch': 32 * 1024 * 1024,
};

export function bodyLimitFor(channel: string): number {
  return BODY_LIMITS[channel] ?? DEFAULT_BODY_LIMIT;
}
