// Personal data must never reach a log line: known fields are redacted by path, and any
// string that looks like an ID number or a mobile number is scrubbed wherever it appears.

const ID_NUMBER =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
const BIRTH_QUERY = /((?:birthDate|acceptanceNo)=)[^&\s"]*/g;

export function scrubText(text: string): string {
  return text
    .replace(ID_NUMBER, '[id-number]')
    .replace(MOBILE, '[mobile]')
    .replace(BIRTH_QUERY, '$1[redacted]');
}

/** Deep copy with every string scrubbed; cycles and depth are bounded. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: scrubText(value.stack ?? ''),
    };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubValue(inner, depth + 1);
  return out;
}

/** Paths pino replaces with a marker before anything else sees them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.deviceSecret',
  '*.refreshToken',
  '*.accessToken',
  '*.idNumber',
  '*.mobile',
  '*.name',
  '*.birthDate',
  '*.applicant',
  '*.recipient',
  '*.owner',
  '*.losing',
  '*.address',
  '*.acceptanceNo',
];
