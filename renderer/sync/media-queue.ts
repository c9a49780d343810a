// Photo and scan bytes: stored locally as an encrypted attachment of their media document
// (one atomic write with uploadState 'pending'), uploaded content-addressed when online
// (one "which are missing?" question per round: the server may already hold the same bytes;
// the missing ones many to a request), verified by the hashes the server answers with,
// retried with backoff, and only marked uploaded once the server confirmed (one write a round).
// Bytes stay on the device at least until then; evictUploadedMedia() may free them later.
import type { RxCollection, RxDocument } from 'rxdb';
import { API_PREFIX, SYNC_LIMITS } from '../../shared/sync/protocol.ts';
import {
  MEDIA_BATCH_CONTENT_TYPE,
  MEDIA_BATCH_MAX_ITEMS,
  MEDIA_BATCH_TARGET_BYTES,
  frameHeader,
  readFrames,
} from '../../shared/sync/media-batch.ts';
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
export const MEDIA_MISSING_PATH = `${API_PREFIX}/media/missing`;
export const MEDIA_BATCH_PATH = `${API_PREFIX}/media/batch`;
export const MEDIA_FETCH_PATH = `${API_PREFIX}/media/fetch`;
/** Hashes per missing-query (the server's cap). */
const MAX_MISSING_QUERY = 500;
/** Pending documents per upload round. */
export const MEDIA_ROUND_SIZE = 200;

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
  /** Pending documents per round. */
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

/**
 * Which of these hashes the server lacks, in one request (POST /media/missing). `null` when
 * the server does not know the route (an older v1 server): the caller asks by HEAD instead.
 */
export async function serverMissing(
  http: SyncHttp,
  hashes: readonly string[],
): Promise<Set<string> | null> {
  const missing = new Set<string>();
  for (let i = 0; i < hashes.length; i += MAX_MISSING_QUERY) {
    const part = await askMissing(http, hashes.slice(i, i + MAX_MISSING_QUERY));
    if (part === null) return null;
    for (const sha of part) missing.add(sha);
  }
  return missing;
}

/** An HTTP refusal of a media request: 5xx and 429 are the server's (retried), others ours. */
function refusal(response: Response, what: string): SyncHttpError {
  return new SyncHttpError(
    response.status >= 500 || response.status === 429 ? 'server' : 'client',
    response.status,
    `HTTP_${response.status}`,
    what,
  );
}

/** The answer's JSON body, or null when it has none (errors may come from a proxy). */
async function jsonBody(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** True (and the body discarded) when an older server lacks this route. */
async function routeAbsent(response: Response, statuses: readonly number[]): Promise<boolean> {
  if (!statuses.includes(response.status)) return false;
  await response.body?.cancel();
  return true;
}

async function askMissing(http: SyncHttp, hashes: readonly string[]): Promise<string[] | null> {
  const response = await http.raw('POST', MEDIA_MISSING_PATH, {
    body: JSON.stringify({ sha256: hashes }),
    headers: { 'content-type': 'application/json' },
  });
  if (await routeAbsent(response, [404, 405])) return null;
  const body = await jsonBody(response);
  if (!response.ok) throw refusal(response, 'media missing query failed');
  if (
    typeof body !== 'object' ||
    body === null ||
    !('missing' in body) ||
    !Array.isArray(body.missing)
  ) {
    throw new SyncHttpError('server', response.status, 'BAD_MISSING', 'unreadable answer');
  }
  return body.missing.map(String);
}

async function upload(http: SyncHttp, sha256: string, bytes: Blob, mime: string): Promise<void> {
  const response = await http.raw('PUT', mediaPath(sha256), {
    body: bytes,
    headers: { 'content-type': mime },
  });
  const body = await jsonBody(response);
  const answered =
    typeof body === 'object' && body !== null && 'sha256' in body ? String(body.sha256) : '';
  if (!response.ok) throw refusal(response, 'media upload refused');
  // The server verified the bytes against the hash and answers with it: that is the receipt.
  if (answered !== sha256) {
    throw new SyncHttpError('server', response.status, 'MEDIA_UNCONFIRMED', 'no hash receipt');
  }
}

interface BatchAnswer {
  accepted: Set<string>;
  refused: Map<string, string>;
}

/**
 * Many photos in one request (POST /media/batch); `null` when the server does not know the
 * route (an older v1 server). The server checks every hash and answers with the accepted
 * ones: that is the receipt, as the hash in a PUT answer is.
 */
export async function uploadBatch(
  http: SyncHttp,
  items: readonly { sha256: string; bytes: Blob }[],
): Promise<BatchAnswer | null> {
  const parts: BlobPart[] = [];
  for (const item of items) parts.push(frameHeader(item.sha256, item.bytes.size), item.bytes);
  const response = await http.raw('POST', MEDIA_BATCH_PATH, {
    body: new Blob(parts),
    headers: { 'content-type': MEDIA_BATCH_CONTENT_TYPE },
  });
  if (await routeAbsent(response, [404, 405, 415])) return null;
  const body = await jsonBody(response);
  if (!response.ok) throw refusal(response, 'media batch refused');
  if (
    typeof body !== 'object' ||
    body === null ||
    !('accepted' in body) ||
    !Array.isArray(body.accepted) ||
    !('refused' in body) ||
    !Array.isArray(body.refused)
  ) {
    throw new SyncHttpError('server', response.status, 'MEDIA_UNCONFIRMED', 'no batch receipt');
  }
  const refused = new Map<string, string>();
  for (const r of body.refused as unknown[]) {
    if (typeof r === 'object' && r !== null && 'id' in r && 'code' in r) {
      refused.set(String(r.id), String(r.code));
    }
  }
  return { accepted: new Set(body.accepted.map(String)), refused };
}

/**
 * Many photos in one request (POST /media/fetch, at most MEDIA_BATCH_MAX_ITEMS hashes): the
 * bytes of those the caller may see, each checked against its hash here. `null` when the
 * server does not know the route (an older v1 server: GET them one by one).
 */
export async function downloadMedia(
  http: SyncHttp,
  hashes: readonly string[],
): Promise<Map<string, Uint8Array> | null> {
  const response = await http.raw('POST', MEDIA_FETCH_PATH, {
    body: JSON.stringify({ sha256: hashes }),
    headers: { 'content-type': 'application/json' },
  });
  if (await routeAbsent(response, [404, 405])) return null;
  if (!response.ok) {
    await response.body?.cancel();
    throw refusal(response, 'media fetch refused');
  }
  const frames = readFrames(
    new Uint8Array(await response.arrayBuffer()),
    SYNC_LIMITS.maxMediaBytes,
  );
  if (!frames.ok) throw new SyncHttpError('server', 200, frames.error.code, 'unreadable media');
  const out = new Map<string, Uint8Array>();
  for (const frame of frames.value) {
    const copy = frame.bytes.slice();
    if ((await sha256Hex(copy.buffer)) !== frame.sha256) {
      throw new SyncHttpError('server', 200, 'MEDIA_HASH_MISMATCH', 'downloaded bytes changed');
    }
    out.set(frame.sha256, copy);
  }
  return out;
}

/** Groups documents into batches of about MEDIA_BATCH_TARGET_BYTES; big files go alone. */
function groupForBatches<T extends { bytes: number }>(docs: readonly T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const doc of docs) {
    if (
      current.length > 0 &&
      (size + doc.bytes > MEDIA_BATCH_TARGET_BYTES || current.length >= MEDIA_BATCH_MAX_ITEMS)
    ) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(doc);
    size += doc.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function createMediaQueue(options: MediaQueueOptions): MediaQueue {
  const { media, http } = options;
  const now = options.now ?? Date.now;
  const stop = new AbortController();
  const backoffs = new Map<string, { backoff: Backoff; notBefore: number; code: string }>();
  let running: Promise<MediaQueueStatus> | null = null;
  /** False once the server turned out not to know POST /media/batch. */
  let batches = true;

  async function pendingDocs(): Promise<RxDocument<MediaDoc>[]> {
    return media
      .find({ selector: { uploadState: 'pending' }, limit: options.batchSize ?? MEDIA_ROUND_SIZE })
      .exec();
  }

  async function status(): Promise<MediaQueueStatus> {
    const pending = await media.count({ selector: { uploadState: 'pending' } }).exec();
    const failing: Record<string, string> = {};
    for (const [sha, entry] of backoffs) if (entry.backoff.failures > 0) failing[sha] = entry.code;
    return { pending, failing };
  }

  function backoffOf(sha256: string) {
    const entry = backoffs.get(sha256) ?? {
      backoff: createBackoff({ baseMs: 1_000, maxMs: 3_600_000, ...options.backoff }),
      notBefore: 0,
      code: '',
    };
    backoffs.set(sha256, entry);
    return entry;
  }

  function failed(sha256: string, code: string): void {
    const entry = backoffOf(sha256);
    entry.code = code;
    entry.backoff.fail();
    entry.notBefore = Date.now() + entry.backoff.nextDelay();
  }

  /** Uploads the bytes unless the server has them; true once the server holds them. */
  async function uploadOne(doc: RxDocument<MediaDoc>, known: Set<string> | null): Promise<boolean> {
    try {
      const bytes = await mediaBytes(doc);
      if (!bytes) {
        failed(doc.sha256, 'MEDIA_BYTES_MISSING');
        return false;
      }
      const missing = known ? known.has(doc.sha256) : !(await serverHas(http, doc.sha256));
      if (missing) {
        // Local integrity first: never upload bytes that do not match their hash.
        if ((await sha256Hex(bytes)) !== doc.sha256) {
          throw new SyncHttpError('client', 0, 'MEDIA_HASH_MISMATCH', 'local bytes changed');
        }
        await upload(http, doc.sha256, bytes, doc.mime);
      }
      return true;
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'network') {
        options.connectivity?.reportNetworkFailure();
      }
      failed(doc.sha256, error instanceof SyncHttpError ? error.code : 'MEDIA_UPLOAD_FAILED');
      return false;
    }
  }

  /** Uploads one group in one request; returns the hashes the server confirmed. */
  async function sendBatch(group: RxDocument<MediaDoc>[], known: Set<string>): Promise<string[]> {
    const items: { sha256: string; bytes: Blob }[] = [];
    // Read, decrypt and hash the whole group at once (~2 MiB): one at a time, each photo
    // waited for its IndexedDB read, its decryption and its digest in turn.
    const read = await Promise.all(
      group.map(async (doc) => {
        const bytes = await mediaBytes(doc);
        if (!bytes) return { doc, bytes, code: 'MEDIA_BYTES_MISSING' };
        // Local integrity first: never upload bytes that do not match their hash.
        if ((await sha256Hex(bytes)) !== doc.sha256) {
          return { doc, bytes, code: 'MEDIA_HASH_MISMATCH' };
        }
        return { doc, bytes, code: null };
      }),
    );
    for (const { doc, bytes, code } of read) {
      if (code !== null || !bytes) failed(doc.sha256, code ?? 'MEDIA_BYTES_MISSING');
      else items.push({ sha256: doc.sha256, bytes });
    }
    if (items.length === 0) return [];
    try {
      const answer = await uploadBatch(http, items);
      if (answer === null) {
        batches = false; // an older server: one PUT per photo from now on
        const confirmed: string[] = [];
        for (const doc of group) if (await uploadOne(doc, known)) confirmed.push(doc.sha256);
        return confirmed;
      }
      for (const [sha, code] of answer.refused) failed(sha, code);
      for (const item of items) {
        if (!answer.accepted.has(item.sha256) && !answer.refused.has(item.sha256)) {
          failed(item.sha256, 'MEDIA_UNCONFIRMED');
        }
      }
      return items.map((i) => i.sha256).filter((sha) => answer.accepted.has(sha));
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'network') {
        options.connectivity?.reportNetworkFailure();
      }
      const code = error instanceof SyncHttpError ? error.code : 'MEDIA_UPLOAD_FAILED';
      for (const item of items) failed(item.sha256, code);
      return [];
    }
  }

  /** Marks every pending document holding confirmed bytes as uploaded, in one write. */
  async function confirm(hashes: readonly string[]): Promise<void> {
    if (hashes.length === 0) return;
    const uploadedAt = now();
    const same = await media
      .find({ selector: { sha256: { $in: [...hashes] }, uploadState: 'pending' } })
      .exec();
    // Patches started together reach storage as one bulk write (RxDB's incremental queue).
    await Promise.all(same.map((d) => d.incrementalPatch({ uploadState: 'uploaded', uploadedAt })));
    for (const sha of hashes) backoffs.delete(sha);
  }

  /**
   * One round: the pending documents (one per hash: the others are confirmed with it), one
   * question for the hashes the server lacks, their bytes in batches of about 2 MiB (a few in
   * flight), one confirming write.
   */
  async function round(): Promise<void> {
    const bySha = new Map<string, RxDocument<MediaDoc>>();
    const due = Date.now();
    for (const doc of await pendingDocs()) {
      if ((backoffs.get(doc.sha256)?.notBefore ?? 0) > due) continue;
      if (!bySha.has(doc.sha256)) bySha.set(doc.sha256, doc);
    }
    if (bySha.size === 0) return;
    let known: Set<string> | null;
    try {
      known = await serverMissing(http, [...bySha.keys()]);
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'network') {
        options.connectivity?.reportNetworkFailure();
      }
      const code = error instanceof SyncHttpError ? error.code : 'MEDIA_UPLOAD_FAILED';
      for (const sha of bySha.keys()) failed(sha, code);
      return;
    }
    const done: string[] = [];
    if (known === null || !batches) {
      // An older server: ask and upload one photo at a time.
      const queue = [...bySha.values()];
      const workers = Array.from({ length: options.concurrency ?? 4 }, async () => {
        for (let doc = queue.shift(); doc && !stop.signal.aborted; doc = queue.shift()) {
          if (await uploadOne(doc, known)) done.push(doc.sha256);
        }
      });
      await Promise.all(workers);
    } else {
      const send: RxDocument<MediaDoc>[] = [];
      for (const [sha, doc] of bySha) {
        if (known.has(sha)) send.push(doc);
        else done.push(sha); // the server already holds these bytes
      }
      const groups = groupForBatches(send);
      const workers = Array.from({ length: options.concurrency ?? 4 }, async () => {
        for (let group = groups.shift(); group && !stop.signal.aborted; group = groups.shift()) {
          const [only] = group;
          if (group.length === 1 && only && only.bytes > MEDIA_BATCH_TARGET_BYTES) {
            if (await uploadOne(only, known)) done.push(only.sha256); // a big scan: its own PUT
          } else {
            done.push(...(await sendBatch(group, known)));
          }
        }
      });
      await Promise.all(workers);
    }
    await confirm(done);
  }

  function flush(): Promise<MediaQueueStatus> {
    running ??= (async () => {
      try {
        if (options.connectivity && !options.connectivity.online) return await status();
        await round();
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
