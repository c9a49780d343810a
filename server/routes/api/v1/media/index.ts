// PUT | HEAD | GET /api/v1/media/:sha256 — photo and scan bytes, content-addressed.
// PUT checks the hash, the real file type (magic bytes) and the size, and is idempotent.
// POST /api/v1/media/missing — which of many hashes the server lacks (one request, not a HEAD
// per photo; it tells no more than HEAD does).
// GET is station-scoped: only when a media document in the caller's scope names the hash.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { callerOf } from '../../../../context.ts';
import { httpError } from '../../../../http/errors.ts';
import { sha256Hex, sniffMime } from '../../../../media/store.ts';
import { authenticate } from '../../../../plugins/authenticate.ts';
import { writeAudit } from '../../../../auth/repository.ts';
import { SYNC_LIMITS } from '../../../../../shared/sync/protocol.ts';

const SHA256_PATTERN = '^[0-9a-f]{64}$';
const params = Type.Object({ sha256: Type.String({ pattern: SHA256_PATTERN }) });
/** Hashes per "missing" question: a media queue round asks about at most this many. */
export const MAX_MISSING_QUERY = 500;
const BINARY_TYPES = ['application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'];

const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    BINARY_TYPES,
    { parseAs: 'buffer', bodyLimit: SYNC_LIMITS.maxMediaBytes },
    (_request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: Buffer) => void) =>
      done(null, body),
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
