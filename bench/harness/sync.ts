// Waypost sync in Chromium: the production replication client (renderer/sync/replication.ts)
// on the production data layer, against the real server (same origin through the bench proxy).
import { createWaypostDatabase, type WaypostDataStore } from '../../renderer/db/database.ts';
import { withDerivedFields } from '../../renderer/db/applications.ts';
import { createMediaQueue, downloadMedia, sha256Hex } from '../../renderer/sync/media-queue.ts';
import type { ClientDocTypes } from '../../renderer/db/collections.ts';
import { MEDIA_ATTACHMENT_ID } from '../../renderer/db/schemas/media.schema.ts';
import { dexieStorage } from '../../renderer/db/storage.ts';
import { startSync, type SyncEngine } from '../../renderer/sync/replication.ts';
import {
  photoVariant,
  syntheticIntake,
  syntheticMedia,
  type SyntheticContext,
} from '../lib/synthetic.ts';
import type { DeviceAuth, SyncRunResult, Timed, Validation } from './api.ts';
import { BENCH_DATABASE_KEY, BENCH_INDEX_KEY } from './local.ts';
import { photo } from './photo.ts';

type MediaDoc = ClientDocTypes['media'];
const SYNC_COLLECTIONS = ['applications', 'events', 'media', 'conflicts', 'syncIssues'] as const;
type SyncName = (typeof SYNC_COLLECTIONS)[number];
/** Parallel photo uploads/downloads (a media queue would keep a few in flight). */
const MEDIA_CONCURRENCY = 4;
/** Photos per download request (POST /media/fetch): about 2 MiB of 30 KB portraits. */
const PHOTOS_PER_FETCH = 64;

async function openStore(
  name: string,
  deviceId: string,
  validation: Validation,
): Promise<WaypostDataStore<SyncName>> {
  return createWaypostDatabase({
    name,
    storage: dexieStorage(),
    databaseKey: BENCH_DATABASE_KEY,
    blindIndexKey: BENCH_INDEX_KEY,
    collections: SYNC_COLLECTIONS,
    deviceId,
    // The harness API's 'z-schema' means "production validation", now @cfworker/json-schema
    // (as in local.ts); passing it through measured RxDB's z-schema plugin, 20× slower.
    validation: validation === 'none' ? 'none' : 'json-schema',
  });
}

/** Local writes made offline: applications and portraits with their bytes, 1,000 a write. */
export async function prepareOutbox(
  name: string,
  from: number,
  count: number,
  photos: number,
  ctx: SyntheticContext,
  validation: Validation,
): Promise<Timed> {
  const started = performance.now();
  const store = await openStore(name, ctx.deviceId, validation);
  const base = photo();
  try {
    for (let start = from; start < from + count; start += 1000) {
      const apps = [];
      const media: MediaDoc[] = [];
      for (let i = start; i < Math.min(from + count, start + 1000); i += 1) {
        const { application } = syntheticIntake(i, ctx);
        if (i - from < photos) {
          const bytes = photoVariant(base, i);
          const sha256 = await sha256Hex(bytes.slice().buffer);
          const meta = syntheticMedia(i, ctx, { sha256, bytes: bytes.length }, application.id);
          // What storeMedia() writes for one photo, here for a thousand in one bulk write.
          media.push({
            ...meta,
            uploadState: 'pending',
            _attachments: [
              {
                id: MEDIA_ATTACHMENT_ID,
                data: new Blob([bytes], { type: meta.mime }),
                type: meta.mime,
              },
            ],
          } as MediaDoc);
          application.mediaIds = [meta.id];
          application.photoSha256 = sha256;
        }
        apps.push(await withDerivedFields(store, application));
      }
      if (media.length > 0) {
        const written = await store.db.media.bulkInsert(media);
        if (written.error.length > 0) throw new Error('outbox photo write failed');
      }
      const result = await store.db.applications.bulkInsert(apps);
      if (result.error.length > 0) throw new Error('outbox write failed');
    }
  } finally {
    await store.close();
  }
  return { ms: performance.now() - started };
}

async function runPool<T>(
  items: T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      const item = items[next];
      next += 1;
      if (item === undefined) return;
      await run(item);
    }
  });
  await Promise.all(workers);
}

function engineFor(store: WaypostDataStore<SyncName>, auth: DeviceAuth): Promise<SyncEngine> {
  return startSync({
    store,
    baseUrl: auth.baseUrl,
    tokens: { accessToken: auth.accessToken, refreshToken: auth.refreshToken },
    deviceId: auth.deviceId,
    events: null,
    requestTimeoutMs: 120_000,
  });
}

function counter(engine: SyncEngine): { counts: Record<string, number>; stop: () => void } {
  const counts: Record<string, number> = {};
  const subs = [...engine.replications.entries()].flatMap(([name, replication]) => [
    replication.sent$.subscribe(() => {
      counts[`${name}:sent`] = (counts[`${name}:sent`] ?? 0) + 1;
    }),
    replication.received$.subscribe(() => {
      counts[`${name}:received`] = (counts[`${name}:received`] ?? 0) + 1;
    }),
  ]);
  return { counts, stop: () => subs.forEach((s) => s.unsubscribe()) };
}

/**
 * The app's media queue (renderer/sync/media-queue.ts) until no photo is pending. Refused
 * uploads (e.g. 503 when the server is busy) are retried by the queue's own backoff, as in
 * the app; they are counted, and the run gives up only after a generous deadline.
 */
async function uploadPhotos(
  store: WaypostDataStore<SyncName>,
  engine: SyncEngine,
  failures: Record<string, number>,
): Promise<number> {
  const queue = createMediaQueue({
    media: store.db.media,
    http: engine.http,
    connectivity: engine.connectivity,
    intervalMs: 3_600_000,
    backoff: { baseMs: 500, maxMs: 5_000 },
  });
  const deadline = performance.now() + 20 * 60_000;
  const seen = new Set<string>();
  try {
    const before = (await queue.status()).pending;
    for (;;) {
      const status = await queue.flush();
      if (status.pending === 0) return before;
      const failing = Object.entries(status.failing);
      for (const [sha, code] of failing) {
        if (seen.has(sha)) continue;
        seen.add(sha);
        failures[code] = (failures[code] ?? 0) + 1;
      }
      if (performance.now() > deadline) {
        throw new Error(
          `photo upload still failing: ${JSON.stringify(status.failing).slice(0, 300)}`,
        );
      }
      if (failing.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    queue.stop();
  }
}

export async function syncPush(name: string, auth: DeviceAuth): Promise<SyncRunResult> {
  const store = await openStore(name, auth.deviceId, auth.validation);
  const started = performance.now();
  const engine = await engineFor(store, auth);
  const count = counter(engine);
  try {
    let docsMs = 0;
    let photosMs = 0;
    const failures: Record<string, number> = {};
    const [, photos] = await Promise.all([
      engine.awaitInSync().then(() => {
        docsMs = performance.now() - started;
      }),
      uploadPhotos(store, engine, failures).then((n) => {
        photosMs = performance.now() - started;
        return n;
      }),
    ]);
    const ms = performance.now() - started;
    return {
      ms,
      documents: { ...count.counts },
      bytes: 0,
      photos,
      docsMs,
      photosMs,
      ...(Object.keys(failures).length > 0 ? { photoRetries: failures } : {}),
    };
  } finally {
    count.stop();
    await engine.stop();
    await store.close();
  }
}

export async function syncPull(
  name: string,
  auth: DeviceAuth,
  downloadPhotos: boolean,
): Promise<SyncRunResult> {
  const store = await openStore(name, auth.deviceId, auth.validation);
  const started = performance.now();
  const engine = await engineFor(store, auth);
  const count = counter(engine);
  try {
    await engine.awaitInSync();
    const docsMs = performance.now() - started;
    let photos = 0;
    if (downloadPhotos) {
      // The bytes of the pulled media documents, ~60 photos (2 MiB) a request, 4 in flight.
      const media = await store.db.media.find().exec();
      const hashes = [...new Set(media.map((d) => d.sha256))];
      const groups: string[][] = [];
      for (let i = 0; i < hashes.length; i += PHOTOS_PER_FETCH) {
        groups.push(hashes.slice(i, i + PHOTOS_PER_FETCH));
      }
      await runPool(groups, MEDIA_CONCURRENCY, async (group) => {
        const got = await downloadMedia(engine.http, group);
        if (!got || got.size !== group.length) {
          throw new Error(`photo download: ${got?.size ?? 'no'} of ${group.length}`);
        }
        photos += got.size;
      });
    }
    const ms = performance.now() - started;
    return { ms, documents: { ...count.counts }, bytes: 0, photos, docsMs, photosMs: ms - docsMs };
  } finally {
    count.stop();
    await engine.stop();
    await store.close();
  }
}

/** A device that synced before: restart replication and wait until both sides agree. */
export async function syncCatchUp(name: string, auth: DeviceAuth): Promise<SyncRunResult> {
  return syncPush(name, auth);
}
