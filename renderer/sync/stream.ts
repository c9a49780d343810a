// The live pull stream of one collection: SSE over fetch, reconnecting with backoff. Emits
// 'RESYNC' on every (re)connect so the replication pulls from its checkpoint whatever it
// missed while disconnected; a silent connection (no heartbeat) is treated as dead.
import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { syncPaths, type StreamMessage } from '../../shared/sync/protocol.ts';
import { createBackoff, sleep } from './backoff.ts';
import { createSseParser } from './sse.ts';
import type { Connectivity } from './connectivity.ts';
import { SyncHttpError, type SyncHttp } from './http.ts';
import { isWireDocument, type ClientCheckpoint } from './wire.ts';

export interface StreamOptions {
  http: SyncHttp;
  collection: SyncedCollection;
  connectivity: Connectivity;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  idleTimeoutMs?: number;
  onFailure?: (error: unknown) => void;
}

type Item = RxReplicationPullStreamItem<Record<string, unknown>, ClientCheckpoint>;

function parseMessage(data: string): Item | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || !('kind' in message)) return null;
  const typed = message as StreamMessage;
  if (typed.kind === 'resync') return 'RESYNC';
  if (
    typed.kind === 'change' &&
    Array.isArray(typed.documents) &&
    typed.documents.every(isWireDocument) &&
    typeof typed.checkpoint === 'string'
  ) {
    return { documents: typed.documents, checkpoint: { cp: typed.checkpoint } };
  }
  return null;
}

export function collectionStream$(options: StreamOptions): Observable<Item> {
  return new Observable<Item>((subscriber) => {
    const stop = new AbortController();
    const backoff = createBackoff({ baseMs: 1_000, maxMs: 30_000 });
    const idleMs = options.idleTimeoutMs ?? 45_000;

    async function connectOnce(): Promise<void> {
      await options.connectivity.waitOnline(stop.signal);
      const attempt = new AbortController();
      const abortAttempt = () => attempt.abort();
      stop.signal.addEventListener('abort', abortAttempt, { once: true });
      let idle: ReturnType<typeof setTimeout> | undefined;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => attempt.abort(new Error('stream idle')), idleMs);
      };
      try {
        touch();
        const response = await options.http.raw(
          'GET',
          syncPaths.stream(options.collection),
          { headers: { accept: 'text/event-stream' }, signal: attempt.signal },
          false,
        );
        if (!response.ok || !response.body) {
          await response.body?.cancel();
          throw new SyncHttpError(
            response.status >= 500 ? 'server' : 'client',
            response.status,
            `HTTP_${response.status}`,
            'stream refused',
          );
        }
        backoff.reset();
        // Whatever happened while disconnected: pull from the checkpoint.
        subscriber.next('RESYNC');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = createSseParserFor(subscriber);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          touch();
          feed(value);
        }
      } finally {
        clearTimeout(idle);
        stop.signal.removeEventListener('abort', abortAttempt);
      }
    }

    (async () => {
      while (!stop.signal.aborted) {
        try {
          await connectOnce();
        } catch (error) {
          if (stop.signal.aborted) break;
          if (error instanceof SyncHttpError && error.kind === 'upgrade_required') {
            options.onFailure?.(error);
            break; // retrying cannot help
          }
          if (error instanceof SyncHttpError && error.kind === 'network') {
            options.connectivity.reportNetworkFailure();
          }
          options.onFailure?.(error);
        }
        backoff.fail();
        await sleep(backoff.nextDelay(), stop.signal).catch(() => undefined);
      }
    })();

    return () => stop.abort();
  });
}

function createSseParserFor(subscriber: { next(item: Item): void }): (chunk: string) => void {
  return createSseParser(({ data }) => {
    const item = parseMessage(data);
    if (item !== null) subscriber.next(item);
  });
}
