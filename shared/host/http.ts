// Wire constants of the browser host's HTTP transport (shared by the host and the
// renderer's client). Requests: `POST /host/<channel>` with `{ "request": ... }`.
export const HOST_HTTP_PREFIX = '/host/';
/** Exchanges a one-time launch token for the session secret. */
export const HOST_SESSION_PATH = '/host/session';
/** Carries the per-run session secret on every host request. */
export const SESSION_HEADER = 'x-waypost-session';
/** URL fragment keys: `#waypost-launch=<one-time token>` or `#waypost-session=<secret>`. */
export const LAUNCH_FRAGMENT_KEY = 'waypost-launch';
export const SESSION_FRAGMENT_KEY = 'waypost-session';
/** sessionStorage key holding the secret (per tab, per origin including the port). */
export const SESSION_STORAGE_KEY = 'waypost.hostSession';
