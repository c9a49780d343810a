// PII redaction for log lines (DOMAIN.md "Privacy"): logs must never carry names, ID
// numbers, phones or addresses. Numbers are caught by pattern; free-text personal fields
// (names, addresses) can't be recognised reliably, so they are dropped by key instead.

/** 18-char resident ID (or 15-digit first-generation) not embedded in a longer number. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Mainland mobile, optionally +86 / 86 prefixed, not embedded in a longer number. */
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g;
/** Context keys whose values are personal data whatever they look like. */
const PERSONAL_KEY =
  /name|姓名|address|地址|addr|id_?number|idno|idcard|身份证|phone|mobile|tel|手机|电话|birth|photo|credential|password|secret|token|key$/i;

export const REDACTED = '[已脱敏]';

export function redactText(text: string): string {
  return text.replace(ID_NUMBER, '[ID]').replace(MOBILE, '[MOBILE]');
}

export type LogContextValue = string | number | boolean | null;

export function redactContext(
  context: Readonly<Record<string, LogContextValue>>,
): Record<string, LogContextValue> {
  const out: Record<string, LogContextValue> = {};
  for (const [key, value] of Object.entries(context)) {
    if (PERSONAL_KEY.test(key)) out[key] = REDACTED;
    else if (typeof value === 'string') out[key] = redactText(value);
    else if (typeof value === 'number' && isPersonalNumber(value)) out[key] = REDACTED;
    else out[key] = value;
  }
  return out;
}

/** A bare number that is an 11-digit mobile or a 15-digit ID. */
function isPersonalNumber(value: number): boolean {
  return Number.isInteger(value) && redactText(String(value)) !== String(value);
}
