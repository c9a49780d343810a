// Every refusal the server sends is `{ code, message (Chinese), messageEn, field? }` with a 4xx
// status; handlers throw HttpError and the error handler writes it.
import type { Err, Result, WaypostError } from '../../shared/result.ts';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: WaypostError,
  ) {
    super(body.messageEn);
  }
}

export function httpError(
  statusCode: number,
  code: string,
  message: string,
  messageEn: string,
  field?: string,
): HttpError {
  return new HttpError(
    statusCode,
    field === undefined ? { code, message, messageEn } : { code, message, messageEn, field },
  );
}

/** The response schema shared by every route's 4xx/5xx answers. */
export const errorBodySchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    messageEn: { type: 'string' },
    field: { type: 'string' },
  },
  required: ['code', 'message', 'messageEn'],
} as const;

export const errors = {
  unauthorized: () =>
    httpError(
      401,
      'UNAUTHORIZED',
      '未登录或登录已过期，请重新登录',
      'Not signed in or the session expired',
    ),
  forbidden: () => httpError(403, 'FORBIDDEN', '无权执行此操作', 'Not allowed'),
  notFound: () => httpError(404, 'NOT_FOUND', '未找到', 'Not found'),
} as const;

/** A refusal as data: the HTTP status it maps to plus the clerk-facing error. */
export interface Refusal {
  status: number;
  error: WaypostError;
}
export type Outcome<T> = Result<T, Refusal>;

export function refuse(
  status: number,
  code: string,
  message: string,
  messageEn: string,
  field?: string,
): Err<Refusal> {
  const error =
    field === undefined ? { code, message, messageEn } : { code, message, messageEn, field };
  return { ok: false, error: { status, error } };
}

/** At the HTTP edge: the value, or the refusal thrown for the error handler to write. */
export function orThrow<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new HttpError(outcome.error.status, outcome.error.error);
}
