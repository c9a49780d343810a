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
