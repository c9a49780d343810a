// /api/v1/sync/:collection/pull | push | stream, and POST /api/v1/sync/stream-ticket.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { streamTicket } from '../../../../auth/service.ts';
import { callerOf } from '../../../../context.ts';
import { httpError } from '../../../../http/errors.ts';
import { authenticate, authenticateTicket } from '../../../../plugins/authenticate.ts';
import { decodeCheckpoint } from '../../../../sync/checkpoint.ts';
import { pullDocuments } from '../../../../sync/pull.ts';
import { pushDocuments } from '../../../../sync/push.ts';
import { runStream } from '../../../../sync/stream.ts';
import {
  isSyncedCollection,
  SYNCED_COLLECTIONS,
  type SyncedCollection,
} from '../../../../../shared/sync/collections.ts';
import { SYNC_LIMITS } from '../../../../../shared/sync/protocol.ts';

const params = Type.Object({
  collection: Type.Union(SYNCED_COLLECTIONS.map((c) => Type.Literal(c))),
});
/** Documents are checked against their collection's own schema after routing. */
const anyDocument = Type.Object({}, { additionalProperties: true });

function collectionOf(
  request: FastifyRequest<{ Params: { collection: string } }>,
): SyncedCollection {
  const name = request.params.collection;
  if (!isSyncedCollection(name))
    throw httpError(404, 'UNKNOWN_COLLECTION', '未知的数据集合', 'Unknown collection');
  return name;
}

const invalidCheckpoint = () =>
  httpError(
    400,
    'CHECKPOINT_INVALID',
    '同步检查点无效，请重新同步',
    'Invalid checkpoint; pull from the start',
    'checkpoint',
  );

const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Open streams never end by themselves: shutdown ends them so close() does not hang.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of openStreams) close();
    openStreams.clear();
  });
  app.get(
    '/:collection/pull',
    {
      preHandler: authenticate,
      schema: {
        params,
        querystring: Type.Object({
          checkpoint: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(
            Type.Integer({ minimum: 1, maximum: SYNC_LIMITS.maxPullLimit, default: 200 }),
          ),
        }),
        response: {
          200: Type.Object({
            documents: Type.Array(anyDocument),
            checkpoint: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const collection = collectionOf(request);
      const { checkpoint, limit } = request.query;
      const after = checkpoint ? decodeCheckpoint(checkpoint) : null;
      if (checkpoint && !after) throw invalidCheckpoint();
      const page = await pullDocuments(app.db, app.keys.pii, {
        collection,
        scope: callerOf(request).scope,
        after,
        limit: limit ?? 200,
      });
      app.metrics.add('waypost_documents_pulled_total', { collection }, page.documents.length);
      return page;
    },
  );

  app.post(
    '/:collection/push',
    {
      preHandler: authenticate,
      bodyLimit: SYNC_LIMITS.maxBodyBytes,
      schema: {
        params,
        body: Type.Array(
          Type.Object(
            {
              assumedMasterState: Type.Union([anyDocument, Type.Null()]),
              newDocumentState: anyDocument,
            },
            { additionalProperties: false },
          ),
          { maxItems: SYNC_LIMITS.maxPushRows },
        ),
        response: {
          200: Type.Object({
            conflicts: Type.Array(anyDocument),
            rejected: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                message: Type.String(),
                messageEn: Type.String(),
                field: Type.Optional(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const collection = collectionOf(request);
      const rows = request.body.map((row) => ({
        assumedMasterState: row.assumedMasterState
          ? { _deleted: false, ...row.assumedMasterState }
          : null,
        newDocumentState: { _deleted: false, ...row.newDocumentState },
      }));
      const outcome = await pushDocuments(app.db, app.keys, {
        collection,
        caller: callerOf(request),
        rows,
        channel: app.changeFeed.channel,
      });
      app.metrics.add('waypost_documents_pushed_total', { collection }, outcome.written);
      app.metrics.add('waypost_push_conflicts_total', { collection }, outcome.conflicts.length);
      app.metrics.add('waypost_push_rejections_total', { collection }, outcome.rejected.length);
      return { conflicts: outcome.conflicts, rejected: outcome.rejected };
    },
  );

  app.post(
    '/stream-ticket',
    {
      preHandler: authenticate,
      schema: {
        response: { 200: Type.Object({ ticket: Type.String(), expiresAt: Type.Number() }) },
      },
    },
    async (request) =>
      streamTicket(
        { db: app.db, tokenKey: app.keys.tokens, settings: app.settings },
        callerOf(request).claims,
      ),
  );

  app.get(
    '/:collection/stream',
    {
      preHandler: async (request, reply) => {
        const ticket = new URLSearchParams(request.url.split('?')[1] ?? '').get('ticket');
        if (ticket) await authenticateTicket(request, ticket);
        else await authenticate(request, reply);
      },
      schema: {
        params,
        querystring: Type.Object({
          checkpoint: Type.Optional(Type.String({ maxLength: 100 })),
          ticket: Type.Optional(Type.String({ maxLength: 2000 })),
          protocol: Type.Optional(Type.String({ maxLength: 4 })),
        }),
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request);
      const { checkpoint } = request.query;
      if (checkpoint && !decodeCheckpoint(checkpoint)) throw invalidCheckpoint();
      const headers = Object.fromEntries(Object.entries(reply.getHeaders()));
      reply.hijack();
      let closeThis: (() => void) | null = null;
      await runStream(
        {
          db: app.db,
          piiKey: app.keys.pii,
          feed: app.changeFeed,
          sessions: app.sessionWatch,
          heartbeatMs: app.settings.heartbeatMs,
          onDocuments: (n) => app.metrics.add('waypost_documents_pulled_total', { collection }, n),
          onOpen: (close) => {
            closeThis = close;
            openStreams.add(close);
            app.metrics.add('waypost_open_streams', {}, 1);
          },
          onClose: () => {
            if (closeThis) openStreams.delete(closeThis);
            app.metrics.add('waypost_open_streams', {}, -1);
          },
        },
        reply.raw,
        { collection, caller: callerOf(request), checkpoint, headers },
      );
    },
  );
};

export default syncRoutes;
