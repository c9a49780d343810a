// One error shape for every refusal: `{ code, message, messageEn, field? }`. Bad input from a
// client is always a 4xx; only the server's own faults are 5xx (and are logged, scrubbed).
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError, httpError } from '../http/errors.ts';

const FASTIFY_CODES: Record<string, [number, string, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'BODY_TOO_LARGE',
    '请求内容过大',
    'The request body is too large',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    '不支持的内容类型',
    'Unsupported content type',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_JSON', '请求内容为空', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'BAD_REQUEST',
    '请求长度不正确',
    'Invalid content length',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    'BAD_JSON',
    '请求内容不是有效的 JSON',
    'The body is not valid JSON',
  ],
};

function toHttpError(error: FastifyError | HttpError | Error): HttpError | null {
  if (error instanceof HttpError) return error;
  const fastifyError: Partial<FastifyError> = error;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const missing =
      first?.params && 'missingProperty' in first.params
        ? String(first.params.missingProperty)
        : '';
    const field = [fastifyError.validationContext, path || missing].filter(Boolean).join('.');
    return httpError(
      400,
      'VALIDATION',
      `请求格式不正确：${field || '请求'}`,
      `Invalid request: ${field || 'request'} ${first?.message ?? ''}`.trim(),
      field || undefined,
    );
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return httpError(known[0], known[1], known[2], known[3]);
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return httpError(status, 'BAD_REQUEST', '请求无效', 'Bad request');
  }
  return null;
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const known = toHttpError(error);
    if (known) {
      if (known.statusCode >= 500) request.log.warn({ err: error }, 'refused');
      return reply.code(known.statusCode).send(known.body);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      code: 'INTERNAL',
      message: '服务器内部错误，请稍后再试',
      messageEn: 'Internal server error',
    });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: '未找到该地址', messageEn: 'No such endpoint' }),
  );
});
