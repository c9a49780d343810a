// Photo and scan bytes: stored locally as an encrypted attachment of their media document
// (one atomic write with uploadState 'pending'), uploaded content-addressed when online
// (HEAD first: the server may already hold the same bytes), verified by the hash the server
// answers with, retried with backoff, and only marked uploaded once the server confirmed.
// Bytes stay on the device at least until then; evictUploadedMedia() may free them later.
import type { RxCollection, RxDocument } from 'rxdb';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { ClientDocTypes } from '../db/collections.ts';
import { toHex } from '../db/keys.ts';
import { MEDIA_ATTACHMENT_ID } from '../db/schemas/media.schema.ts';
import { createBackoff, sleep, type Backoff } from './backoff.ts';
import type { Connectivity } from './connectivity.ts';
import { SyncHttpError, type SyncHttp } from './http.ts';

type MediaDoc = ClientDocTypes['media'];
type MediaCollection = RxCollection<MediaDoc>;
export type MediaInput = Omit<MediaDoc, 'sha256' | 'bytes' | 'uploadState' | 'uploadedAt'>;

export const mediaPath = (sha256: string) => `${API_PREFIX}/media/${sha256}`;

export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer)));
}

/** Saves a photo / scan: metadata, encrypted bytes and upload state in one write. */
export async function storeMedia(
  media: MediaCollection,
  input: MediaInput,
  bytes: Blob,
): Promise<RxDocument<MediaDoc>> {
  const sha256 = await sha256Hex(bytes);
  return media.insert({
    ...input,
    sha256,
    bytes: bytes.size,
    uploadState: 'pending',
    // Inline attachments (RxDB's array form) make doc + bytes one atomic write.
    _attachments: [
      { id: MEDIA_ATTACHMENT_ID, data: new Blob([bytes], { type: input.mime }), type: input.mime },
    ],
  } as MediaDoc);
}

export async function mediaBytes(doc: RxDocument<MediaDoc>): Promise<Blob | null> {
  const attachment = doc.getAttachment(MEDIA_ATTACHMENT_ID);
  return attachment ? attachment.getData() : null;
}

export interface MediaQueueOptions {
  media: MediaCollection;
  http: SyncHttp;
  connectivity?: Pick<Connectivity, 'online' | 'online$' | 'reportNetworkFailure'>;
  now?: () => number;
  backoff?: { baseMs?: number; maxMs?: number };
  /** Background check interval (ms). */
  intervalMs?: number;
  batchSize?: number;
  /** Uploads in flight at once. */
  concurrency?: number;
}

export interface MediaQueueStatus {
  pending: number;
  /** sha256 → last failure code, for bytes that keep failing. */
  failing: Record<string, string>;
}

export interface MediaQueue {
  /** Uploads what is pending now; resolves when this round is done. */
  flush(): Promise<MediaQueueStatus>;
  status(): Promise<MediaQueueStatus>;
  stop(): void;
}

async function serverHas(http: SyncHttp, sha256: string): Promise<boolean> {
  const response = await http.raw('HEAD', mediaPath(sha256));
  await response.body?.cancel();
  if (response.status === 200) return true;
  if (response.status === 404) return false;
  throw new SyncHttpError(
    response.status >= 500 ? 'server' : 'client',
    response.status,
    `HTTP_${response.status}`,
    'media HEAD failed',
  );
}

async function upload(http: SyncHttp, sha256: string, bytes: Blob, mime: string): Promise<void> {
  const response = await http.raw('PUT', mediaPath(sha256), {
    body: bytes,
    headers: { 'content-type': mime },
  });
  let answered = '';
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'sha256' in body)
      answered = String(body.sha256);
  } catch {
    // not JSON
  }
  if (!response.ok) {
    throw new SyncHttpError(
      response.status >= 500 || response.status === 429 ? 'server' : 'client',
      response.status,
      `HTTP_${response.status}`,
      'media upload refused',
    );
  }
  // The server verified the bytes against the hash and answers with it: that is the receipt.
  if (answered !== sha256) {
    throw new SyncHttpError('server', response.status, 'MEDIA_UNCONFIRMED', 'no hash receipt');
  }
}

export function createMediaQueue(options: MediaQueueOptions): MediaQueue {
  const { media, http } = options;
  const now = options.now ?? Date.now;
  const stop = new AbortController();
  const backoffs = new Map<string, { backoff: Backoff; notBefore: number; code: string }>();
  let running: Promise<MediaQueueStatus> | null = null;

  async function pendingDocs(): Promise<RxDocument<MediaDoc>[]> {
    return media
      .find({ selector: { uploadState: 'pending' }, limit: options.batchSize ?? 50 })
      .exec();
  }

  async function status(): Promise<MediaQueueStatus> {
    const pending = await media.count({ selector: { uploadState: 'pending' } }).exec();
    const failing: Record<string, string> = {};
    for (const [sha, entry] of backoffs) if (entry.backoff.failures > 0) failing[sha] = entry.code;
    return { pending, failing };
  }

  async function uploadOne(doc: RxDocument<MediaDoc>): Promise<void> {
    const entry = backoffs.get(doc.sha256) ?? {
      backoff: createBackoff({ baseMs: 1_000, maxMs: 3_600_000, ...options.backoff }),
      notBefore: 0,
      code: '',
    };
    backoffs.set(doc.sha256, entry);
    if (entry.notBefore > Date.now()) return;
    try {
      const bytes = await mediaBytes(doc);
      if (!bytes) {
        entry.code = 'MEDIA_BYTES_MISSING';
        entry.backoff.fail();
        entry.notBefore = Date.now() + entry.backoff.nextDelay();
        return;
      }
      if (!(await serverHas(http, doc.sha256))) {
        // Local integrity first: never upload bytes that do not match their hash.
        if ((await sha256Hex(bytes)) !== doc.sha256) {
          throw new SyncHttpError('client', 0, 'MEDIA_HASH_MISMATCH', 'local bytes changed');
        }
        await upload(http, doc.sha256, bytes, doc.mime);
      }
      const uploadedAt = now();
      // Every document holding these bytes is confirmed at once.
      const same = await media
        .find({ selector: { sha256: doc.sha256, uploadState: 'pending' } })
        .exec();
      await Promise.all(
        same.map((d) => d.incrementalPatch({ uploadState: 'uploaded', uploadedAt })),
      );
      backoffs.delete(doc.sha256);
    } catch (error) {
      entry.code = error instanceof SyncHttpError ? error.code : 'MEDIA_UPLOAD_FAILED';
      if (error instanceof SyncHttpError && error.kind === 'network') {
        options.connectivity?.reportNetworkFailure();
      }
      entry.backoff.fail();
      entry.notBefore = Date.now() + entry.backoff.nextDelay();
    }
  }

  function flush(): Promise<MediaQueueStatus> {
    running ??= (async () => {
      try {
        if (options.connectivity && !options.connectivity.online) return await status();
        // One document per hash (the others are confirmed with it), a few uploads in flight.
        const bySha = new Map<string, RxDocument<MediaDoc>>();
        for (const doc of await pendingDocs())
          if (!bySha.has(doc.sha256)) bySha.set(doc.sha256, doc);
        const queue = [...bySha.values()];
        const workers = Array.from({ length: options.concurrency ?? 3 }, async () => {
          for (let doc = queue.shift(); doc && !stop.signal.aborted; doc = queue.shift()) {
            await uploadOne(doc);
          }
        });
        await Promise.all(workers);
        return await status();
      } finally {
        running = null;
      }
    })();
    return running;
  }

  // New photos, coming back online, and a slow timer for retries.
  const subs = [
    media.insert$.subscribe(() => void flush()),
    ...(options.connectivity
      ? [options.connectivity.online$.subscribe((online) => online && void flush())]
      : []),
  ];
  void (async () => {
    while (!stop.signal.aborted) {
      await sleep(options.intervalMs ?? 15_000, stop.signal).catch(() => undefined);
      if (!stop.signal.aborted) await flush().catch(() => undefined);
    }
  })();

  return {
    flush,
    status,
    stop() {
      stop.abort();
      subs.forEach((s) => s.unsubscribe());
    },
  };
}

/** Frees local bytes the server confirmed more than `olderThanMs` ago. Never pending ones. */
export async function evictUploadedMedia(
  media: MediaCollection,
  olderThanMs: number,
  now: number = Date.now(),
): Promise<number> {
  const docs = await media
    .find({ selector: { uploadState: 'uploaded', uploadedAt: { $lt: now - olderThanMs } } })
    .exec();
  let evicted = 0;
  for (const doc of docs) {
    const attachment = doc.getAttachment(MEDIA_ATTACHMENT_ID);
    if (attachment) {
      await attachment.remove();
      evicted += 1;
    }
  }
  return evicted;
}
