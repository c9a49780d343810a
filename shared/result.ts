// Errors cross every boundary (IPC, HTTP, UI) as data, never as thrown exceptions.
// `message` is Simplified Chinese (what a clerk reads); `messageEn` is the English text.

export interface WaypostError {
  /** Stable machine code, e.g. `ID_CHECKSUM`. Shown beside the message so support can look it up. */
  readonly code: string;
  readonly message: string;
  readonly messageEn: string;
  /** The form field or document path the error belongs to, where there is one. */
  readonly field?: string;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E = WaypostError> = { readonly ok: false; readonly error: E };
export type Result<T, E = WaypostError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export function fail(code: string, message: string, messageEn: string, field?: string): Err {
  return {
    ok: false,
    error: field === undefined ? { code, message, messageEn } : { code, message, messageEn, field },
  };
}

/** Narrowing helper for tests and callers that have already checked `ok`. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(`${result.error.code}: ${result.error.messageEn}`);
}

export type Lang = 'zh' | 'en';

export function errorText(error: WaypostError, lang: Lang = 'zh'): string {
  return `${lang === 'zh' ? error.message : error.messageEn}（${error.code}）`;
}
