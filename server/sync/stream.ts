// One Server-Sent Events connection: `resync` first (the client pulls from its checkpoint),
// then `change` messages with the caller's new documents whenever a push commits anywhere.
// Heartbeat comments keep proxies from closing the connection; each heartbeat also re-reads
// the session (revocation ends the stream) and drains anything a still-open transaction
// held back when the last signal came.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AuthContext } from '../context.ts';
import type { Db } from '../db/types.ts';
import { sessionState } from '../auth/repository.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import type { StreamMessage } from '../../shared/sync/protocol.ts';
import { decodeCheckpoint, type Position } from './checkpoint.ts';
import type { ChangeFeed } from './change-feed.ts';
import { headPosition, pullDocuments } from './pull.ts';

export interface StreamDeps {
  db: Db;
  piiKey: Buffer;
  feed: ChangeFeed;
  heartbeatMs: number;
  recheckMs: number;
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
  let recheck: NodeJS.Timeout | undefined;

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
        await drainOnce().catch(() => close());
      } while (again && !closed);
      draining = null;
    })();
  };
  const onSignal = (): void => {
    drain();
    // A row of a transaction below another still-open one is held back: look again shortly.
    clearTimeout(recheck);
    recheck = setTimeout(drain, deps.recheckMs);
  };

  const unsubscribe = deps.feed.subscribe(collection, onSignal);
  const expiresAt = input.caller.claims.exp * 1000;
  const heartbeat = setInterval(() => {
    if (Date.now() >= expiresAt) {
      close(); // the client reconnects with a fresh token
      return;
    }
    write(': heartbeat\n\n');
    void sessionState(db, input.caller.claims.sid)
      .then((state) => {
        if (!state || state.session_revoked || state.device_revoked || state.staff_disabled)
          close();
        else drain();
      })
      .catch(() => undefined);
  }, deps.heartbeatMs);

  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(recheck);
    unsubscribe();
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
