// The Content-Security-Policy header sent with every document the app serves (Electron's
// app:// protocol and the browser host alike).
//
// style-src: antd 6 injects its CSS-in-JS as <style> elements at run time. It supports a
// nonce (ConfigProvider `csp={{ nonce }}`); when the renderer build carries the nonce
// placeholder (Vite `html.cspNonce`), the host issues a fresh nonce per document and
// drops 'unsafe-inline'. Without the placeholder, 'unsafe-inline' is kept for styles only:
// scripts are always 'self' alone, no inline script, no eval.

/** Vite writes this into index.html when `html: { cspNonce: CSP_NONCE_PLACEHOLDER }`. */
export const CSP_NONCE_PLACEHOLDER = '__WAYPOST_CSP_NONCE__';

export interface CspOptions {
  /** The central server's origin (connect-src), e.g. https://jyt.example.cn. */
  readonly serverOrigin: string | null;
  /** Per-document nonce for styles; absent → 'unsafe-inline' for styles. */
  readonly styleNonce?: string;
  /** Extra connect-src origins (the browser host's own origin is 'self' already). */
  readonly extraConnect?: readonly string[];
}

const SAFE_ORIGIN = /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/;

export function buildCsp(options: CspOptions): string {
  const connect = ["'self'"];
  for (const origin of [options.serverOrigin, ...(options.extraConnect ?? [])]) {
    // Anything but a bare origin could smuggle in extra directives.
    if (origin && SAFE_ORIGIN.test(origin)) connect.push(origin);
  }
  const style = options.styleNonce
    ? ["'self'", `'nonce-${options.styleNonce}'`]
    : ["'self'", "'unsafe-inline'"];
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', ...style],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', ...connect],
    // The camera: getUserMedia streams shown in <video>, captured frames as blobs.
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['child-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Other headers sent with every response of the app's own origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy':
    'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};
