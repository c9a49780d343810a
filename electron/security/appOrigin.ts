// The app is served from a custom privileged scheme, never file:// (file pages share one
// origin with every local file and get extra privileges).
export const APP_SCHEME = 'app';
export const APP_HOST = 'waypost';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs of the app itself. Compared by parts: WHATWG URL reports the origin of a
 * non-special scheme as "null", so `new URL(u).origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.hostname === APP_HOST &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
