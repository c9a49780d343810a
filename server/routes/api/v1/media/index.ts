// PUT | HEAD | GET /api/v1/media/:sha256 — photo and scan bytes, content-addressed.
// PUT checks the hash, the real file type (magic bytes) and the size, and is idempotent.
// POST /api/v1/media/missing — which of many hashes the server lacks (one request, not a HEAD
// per photo; it tells no more than HEAD does). POST /api/v1/media/batch — many photos in one
// body (shared/sync/media-batch.ts), each checked exactly as a PUT is; one audit write.
// GET is station-scoped: only when a media document in the caller's scope names the hash.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { callerOf } from '../../../../context.ts';
import { httpError } from '../../../../http/errors.ts';
import { sha256Hex, sniffMime } from '../../../../media/store.ts';
import { authenticate } from '../../../../plugins/authenticate.ts';
import { writeAudit } from '../../../../auth/repository.ts';
import { SYNC_LIMITS } from '../../../../../shared/sync/protocol.ts';
import {
  MEDIA_BATCH_CONTENT_TYPE,
  MEDIA_BATCH_MAX_ITEMS,
  frameHeader,
  readFrames,
  type MediaFrame,
} from '../../../../../shared/sync/media-batch.ts';
import type { Rejection } from '../../../../../shared/sync/protocol.ts';
import type { MediaStore } from '../../../../media/store.ts';

const SHA256_PATTERN = '^[0-9a-f]{64}$';
const params = Type.Object({ sha256: Type.String({ pattern: SHA256_PATTERN }) });
/** Hashes per "missing" question: a media queue round asks about at most this many. */
export const MAX_MISSING_QUERY = 500;
const BINARY_TYPES = ['application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'];

/** Files written (and fsynced) or read at once for one batch. */
const BATCH_WRITE_CONCURRENCY = 8;

/** The checks a PUT makes, for one frame of a batch; null when the bytes are acceptable. */
function refuseFrame(frame: MediaFrame): Rejection | null {
  const reason = (code: string, message: string, messageEn: string): Rejection => ({
    id: frame.sha256,
    code,
    message,
    messageEn,
  });
  const bytes = Buffer.from(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength);
  if (bytes.length === 0) return reason('MEDIA_EMPTY', '文件内容为空', 'The file is empty');
  if (sha256Hex(bytes) !== frame.sha256) {
    return reason(
      'MEDIA_HASH_MISMATCH',
      '文件校验值不符，请重新上传',
      'The bytes do not match their SHA-256',
    );
  }
  if (!sniffMime(bytes)) {
    return reason(
      'MEDIA_TYPE',
      '只接受 JPEG、PNG 或 PDF 文件',
      'Only JPEG, PNG or PDF files are accepted',
    );
  }
  return null;
}

/** Stores the frames a few at a time; returns the hashes newly stored. */
async function storeFrames(store: MediaStore, frames: readonly MediaFrame[]): Promise<string[]> {
  const stored: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: BATCH_WRITE_CONCURRENCY }, async () => {
      for (let frame = frames[next++]; frame; frame = frames[next++]) {
        const bytes = Buffer.from(
          frame.bytes.buffer,
          frame.bytes.byteOffset,
          frame.bytes.byteLength,
        );
        if ((await store.put(frame.sha256, bytes)) === 'stored') stored.push(frame.sha256);
      }
    }),
  );
  return stored;
}

const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    BINARY_TYPES,
    { parseAs: 'buffer', bodyLimit: SYNC_LIMITS.maxMediaBytes },
    (_request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: Buffer) => void) =>
      done(null, body),
  );
  app.addContentTypeParser(
    MEDIA_BATCH_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: SYNC_LIMITS.maxBodyBytes },
    (_request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: Buffer) => void) =>
      done(null, body),
  );

  app.post(
    '/batch',
    {
      preHandler: authenticate,
      bodyLimit: SYNC_LIMITS.maxBodyBytes,
      schema: {
        response: {
          200: Type.Object({
            accepted: Type.Array(Type.String()),
            refused: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                message: Type.String(),
                messageEn: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const body: unknown = request.body;
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (!Buffer.isBuffer(body) || type !== MEDIA_BATCH_CONTENT_TYPE) {
        throw httpError(
          415,
          'MEDIA_BATCH_TYPE',
          '批量上传须使用规定的数据格式',
          `A media batch must be sent as ${MEDIA_BATCH_CONTENT_TYPE}`,
        );
      }
      const frames = readFrames(body, SYNC_LIMITS.maxMediaBytes);
      if (!frames.ok) {
        throw httpError(400, frames.error.code, frames.error.message, frames.error.messageEn);
      }
      const refused: Rejection[] = [];
      const good = new Map<string, MediaFrame>();
      for (const frame of frames.value) {
        const refusal = refuseFrame(frame);
        if (refusal) refused.push(refusal);
        else good.set(frame.sha256, frame);
      }
      const stored = await storeFrames(app.mediaStore, [...good.values()]);
      if (stored.length > 0) {
        const { claims } = callerOf(request);
        await app.db.query(
          `INSERT INTO audit (staff_id, device_id, station_id, action, detail)
           SELECT $1, $2, $3, 'media_upload', u.sha FROM unnest($4::text[]) AS u(sha)`,
          [claims.staffId, claims.deviceId, claims.stationId, stored],
        );
      }
      // Accepted: the server holds these verified bytes (stored now or before) — the receipt.
      return { accepted: [...good.keys()], refused };
    },
  );

  app.put(
    '/:sha256',
    {
      preHandler: authenticate,
      bodyLimit: SYNC_LIMITS.maxMediaBytes,
      schema: { params },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw httpError(400, 'MEDIA_EMPTY', '文件内容为空', 'The file is empty');
      }
      if (sha256Hex(body) !== sha256) {
        throw httpError(
          400,
          'MEDIA_HASH_MISMATCH',
          '文件校验值不符，请重新上传',
          'The bytes do not match the SHA-256 in the URL',
          'sha256',
        );
      }
      if (!sniffMime(body)) {
        throw httpError(
          415,
          'MEDIA_TYPE',
          '只接受 JPEG、PNG 或 PDF 文件',
          'Only JPEG, PNG or PDF files are accepted',
        );
      }
      const result = await app.mediaStore.put(sha256, body);
      if (result === 'stored') {
        const { claims } = callerOf(request);
        await writeAudit(app.db, {
          staffId: claims.staffId,
          deviceId: claims.deviceId,
          stationId: claims.stationId,
          action: 'media_upload',
          detail: sha256,
        });
      }
      return reply
        .code(result === 'stored' ? 201 : 200)
        .send({ sha256, stored: result === 'stored' });
    },
  );

  app.post(
    '/missing',
    {
      preHandler: authenticate,
      schema: {
        body: Type.Object(
          {
            sha256: Type.Array(Type.String({ pattern: SHA256_PATTERN }), {
              maxItems: MAX_MISSING_QUERY,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ missing: Type.Array(Type.String()) }) },
      },
    },
    async (request) => {
      const unique = [...new Set(request.body.sha256)];
      const has = await Promise.all(unique.map((sha256) => app.mediaStore.has(sha256)));
      return { missing: unique.filter((_, i) => !has[i]) };
    },
  );

  app.post(
    '/fetch',
    {
      preHandler: authenticate,
      schema: {
        body: Type.Object(
          {
            sha256: Type.Array(Type.String({ pattern: SHA256_PATTERN }), {
              maxItems: MEDIA_BATCH_MAX_ITEMS,
            }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const wanted = [...new Set(request.body.sha256)];
      const { scope } = callerOf(request);
      const scopeSql =
        scope.kind === 'all'
          ? ''
          : 'AND (station_id = ANY($2::text[]) OR to_station_id = ANY($2::text[]))';
      const { rows } = await app.db.query<{ sha256: string }>(
        `SELECT DISTINCT doc ->> 'sha256' AS sha256 FROM documents
          WHERE collection = 'media' AND doc ->> 'sha256' = ANY($1::text[]) AND NOT deleted
          ${scopeSql}`,
        scope.kind === 'all' ? [wanted] : [wanted, scope.stations],
      );
      // Only hashes a media document in the caller's scope names; absent ones are left out.
      const visible = rows.map((r) => r.sha256);
      const files = new Array<Buffer | null>(visible.length).fill(null);
      let next = 0;
      await Promise.all(
        Array.from({ length: BATCH_WRITE_CONCURRENCY }, async () => {
          for (let i = next++; i < visible.length; i = next++) {
            files[i] = await app.mediaStore.get(visible[i] ?? '');
          }
        }),
      );
      const parts: Buffer[] = [];
      visible.forEach((sha256, i) => {
        const bytes = files[i];
        if (bytes) parts.push(Buffer.from(frameHeader(sha256, bytes.length)), bytes);
      });
      return reply
        .header('cache-control', 'private, no-store')
        .type(MEDIA_BATCH_CONTENT_TYPE)
        .send(Buffer.concat(parts));
    },
  );

  app.head('/:sha256', { preHandler: authenticate, schema: { params } }, async (request, reply) => {
    const has = await app.mediaStore.has(request.params.sha256);
    return reply.code(has ? 200 : 404).send();
  });

  app.get(
    '/:sha256',
    { preHandler: authenticate, exposeHeadRoute: false, schema: { params } },
    async (request, reply) => {
      const { sha256 } = request.params;
      const { scope } = callerOf(request);
      const scopeSql =
        scope.kind === 'all'
          ? ''
          : 'AND (station_id = ANY($2::text[]) OR to_station_id = ANY($2::text[]))';
      const { rows } = await app.db.query(
        `SELECT 1 FROM documents
        WHERE collection = 'media' AND doc ->> 'sha256' = $1 AND NOT deleted ${scopeSql}
        LIMIT 1`,
        scope.kind === 'all' ? [sha256] : [sha256, scope.stations],
      );
      const bytes = rows.length > 0 ? await app.mediaStore.get(sha256) : null;
      if (!bytes)
        throw httpError(404, 'MEDIA_NOT_FOUND', '未找到该文件', 'No such file in your scope');
      return reply
        .header('cache-control', 'private, no-store')
        .type(sniffMime(bytes) ?? 'application/octet-stream')
        .send(bytes);
    },
  );
};

export default mediaRoutes;
