// Which web origins may call the API from a browser context. The app's renderer runs on
// Electron's app://waypost origin or on the browser host's loopback origin; both fetch the
// server cross-origin. Auth is a bearer token, never a cookie, so CORS opens no ambient
// credentials — the allowlist is defence in depth. Operators add origins (e.g. a public web
// page for the status query) with CORS_ORIGINS.

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
export const APP_ORIGINS: readonly string[] = ['app://waypost'];

export function isAllowedOrigin(origin: string, extra: readonly string[] = []): boolean {
  return APP_ORIGINS.includes(origin) || extra.includes(origin) || LOOPBACK.test(origin);
}

export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-waypost-protocol',
  'last-event-id',
];
export const CORS_EXPOSED_HEADERS = [
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];
