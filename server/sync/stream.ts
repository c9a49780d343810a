// One Server-Sent Events connection: `resync` first (the client pulls from its checkpoint),
// then `change` messages with the caller's new documents. The process-wide change feed hands a
// stream the rows of its scope that became visible (change-feed.ts): an up-to-date stream
// sends them as they are, one that is behind pulls. The session watch ends it when its
// session, device or staff member is revoked (auth/session-watch.ts). Heartbeat comments
// keep proxies from closing the connection and cost no query.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AuthContext } from '../context.ts';
import type { Db } from '../db/types.ts';
import type { SessionWatch } from '../auth/session-watch.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import type { StreamMessage, WireDocument } from '../../shared/sync/protocol.ts';
import { inScope } from '../auth/scope.ts';
import { decodeCheckpoint, encodeCheckpoint, type Position } from './checkpoint.ts';
import { comparePositions, type ChangeBatch, type ChangeFeed } from './change-feed.ts';
import { headPosition, pullDocuments } from './pull.ts';

export interface StreamDeps {
  db: Db;
  piiKey: Buffer;
  feed: ChangeFeed;
  sessions: SessionWatch;
  heartbeatMs: number;
  onDocuments?: (count: number) => void;
  /** Called with a function that ends this stream (server shutdown). */
  onOpen?: (close: () => void) => void;
  onClose?: () => void;
}

const BATCH = 500;
/** A client this far behind on reading is cut off; it re-syncs by pulling when it reconnects. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export async function runStream(
  deps: StreamDeps,
  res: ServerResponse,
  input: {
    collection: SyncedCollection;
    caller: AuthContext;
    checkpoint?: string | undefined;
    headers?: OutgoingHttpHeaders;
  },
): Promise<void> {
  const { db } = deps;
  const { collection } = input;
  let position: Position =
    (input.checkpoint ? decodeCheckpoint(input.checkpoint) : null) ??
    (await headPosition(db, collection));
  let closed = false;
  let draining: Promise<void> | null = null;
  let again = false;
  /** A pull has completed since this stream subscribed to the feed. */
  let caughtUp = false;

  const write = (text: string): void => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      close();
      return;
    }
    res.write(text);
  };
  const send = (message: StreamMessage): void => write(`data: ${JSON.stringify(message)}\n\n`);

  const drainOnce = async (): Promise<void> => {
    for (;;) {
      const page = await pullDocuments(db, deps.piiKey, {
        collection,
        scope: input.caller.scope,
        after: position,
        limit: BATCH,
      });
      if (closed || page.documents.length === 0 || !page.checkpoint) return;
      position = decodeCheckpoint(page.checkpoint) ?? position;
      send({ kind: 'change', documents: page.documents, checkpoint: page.checkpoint });
      deps.onDocuments?.(page.documents.length);
      if (page.documents.length < BATCH) return;
    }
  };
  // Signals coalesce: while one drain runs, further signals just ask for one more pass.
  const drain = (): void => {
    if (closed) return;
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        await drainOnce().then(
          () => (caughtUp = true),
          () => close(),
        );
      } while (again && !closed);
      draining = null;
    })();
  };
  // Every batch after the subscription reaches this stream when it holds rows of its scope,
  // and the first pull after subscribing covers everything before the feed's position then.
  // So once a pull has completed (and none runs), a batch's rows are all this stream lacks:
  // send them without a query. Otherwise, or when the batch has no documents, pull.
  const onChange = (batch: ChangeBatch): void => {
    if (closed) return;
    if (!batch.complete || !caughtUp || draining) {
      drain();
      return;
    }
    const documents: WireDocument[] = [];
    for (const row of batch.rows) {
      if (comparePositions(row.position, position) > 0 && inScope(input.caller.scope, row.stations))
        documents.push(row.document());
    }
    if (comparePositions(batch.head, position) > 0) position = batch.head;
    if (documents.length === 0) return;
    send({ kind: 'change', documents, checkpoint: encodeCheckpoint(position) });
    deps.onDocuments?.(documents.length);
  };
  const unsubscribe = deps.feed.subscribe({ collection, scope: input.caller.scope, onChange });
  const unwatch = deps.sessions.watch(input.caller.claims, () => close());
  const expiresAt = input.caller.claims.exp * 1000;
  const heartbeat = setInterval(() => {
    if (Date.now() >= expiresAt) {
      close(); // the client reconnects with a fresh token
      return;
    }
    write(': heartbeat\n\n');
  }, deps.heartbeatMs);

  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    unwatch();
    deps.onClose?.();
    res.end();
  }
  res.on('close', close);

  res.writeHead(200, {
    // Headers the framework already chose (CORS, helmet): a hijacked reply writes its own.
    ...input.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  deps.onOpen?.(close);
  write('retry: 3000\n\n');
  send({ kind: 'resync' });
  // Anything committed between the head read and the subscription is caught by this pass.
  drain();
}
