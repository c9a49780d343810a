// Local benchmarks on the real data layer in Chromium: createWaypostDatabase (RxDB 17, Dexie
// on IndexedDB with strict durability, AES-GCM encryption, z-schema validation, blind
// indexes), exactly as the production renderer opens it.
import { createWaypostDatabase, type WaypostDataStore } from '../../renderer/db/database.ts';
import { withDerivedFields, insertApplication } from '../../renderer/db/applications.ts';
import {
  findApplicationsByAcceptanceNo,
  findApplicationsByIdNumber,
  findApplicationsByMobileLast4,
  findApplicationsByWaybillNo,
  findNewestApplications,
} from '../../renderer/db/lookups.ts';
import { createNumberPool, type NumberPool } from '../../renderer/db/number-pool.ts';
import { storeMedia } from '../../renderer/sync/media-queue.ts';
import { dexieStorage } from '../../renderer/db/storage.ts';
import { newId } from '../../renderer/db/ids.ts';
import { phoneLast4 } from '../../shared/privacy/phone.ts';
import {
  photoVariant,
  sha256Hex,
  syntheticIntake,
  syntheticMedia,
  type IntakeRows,
  type SyntheticContext,
} from '../lib/synthetic.ts';
import type { SamplesResult, SearchKind, StoreCounts, Timed, Validation } from './api.ts';
import { photo } from './photo.ts';

export const LOCAL_COLLECTIONS = [
  'applications',
  'waybills',
  'media',
  'events',
  'conflicts',
  'syncIssues',
  'numberBlocks',
] as const;
type LocalName = (typeof LOCAL_COLLECTIONS)[number];

/** Fixed keys: benchmarks reopen their databases; the values are as random as real ones. */
export const BENCH_DATABASE_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
export const BENCH_INDEX_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 7) & 0xff);

let store: WaypostDataStore<LocalName> | null = null;
let pool: NumberPool | null = null;

function open(): WaypostDataStore<LocalName> {
  if (!store) throw new Error('local store not open');
  return store;
}

export async function openLocal(name: string, validation: Validation): Promise<Timed> {
  const started = performance.now();
  store = await createWaypostDatabase({
    name,
    storage: dexieStorage(),
    // The harness API's 'z-schema' means "production validation", now @cfworker/json-schema.
    validation: validation === 'none' ? 'none' : 'json-schema',
    databaseKey: BENCH_DATABASE_KEY,
    blindIndexKey: BENCH_INDEX_KEY,
    collections: LOCAL_COLLECTIONS,
    deviceId: 'bench-device',
  });
  pool = createNumberPool({ store, stationId: 'S001' });
  // Numbers are granted by the server in real use; one large block stands in for it here.
  await pool.addBlock({ id: 'BENCHBLOCK', serviceIndicator: 'EB', firstSerial: 0, count: 100_000 });
  return { ms: performance.now() - started };
}

export async function closeLocal(): Promise<void> {
  await store?.close();
  store = null;
  pool = null;
}

/**
 * The one seeding loop of both systems: synthetic intakes `from`..`from+count` in chunks of
 * `chunk`, each chunk handed to `write` as one batch (what a first sync's pull does).
 */
export async function seedInChunks(
  from: number,
  count: number,
  ctx: SyntheticContext,
  chunk: number,
  write: (rows: IntakeRows[]) => Promise<void>,
): Promise<Timed> {
  const started = performance.now();
  for (let start = from; start < from + count; start += chunk) {
    const end = Math.min(from + count, start + chunk);
    const rows: IntakeRows[] = [];
    for (let i = start; i < end; i += 1) rows.push(syntheticIntake(i, ctx));
    await write(rows);
  }
  return { ms: performance.now() - started };
}

/** Seeds through the data layer: one bulkInsert per collection per chunk, all in parallel. */
export async function seedLocal(
  from: number,
  count: number,
  ctx: SyntheticContext,
  chunk: number,
): Promise<Timed> {
  const s = open();
  return seedInChunks(from, count, ctx, chunk, async (rows) => {
    const apps = await Promise.all(rows.map((r) => withDerivedFields(s, r.application)));
    const results = await Promise.all([
      s.db.applications.bulkInsert(apps),
      s.db.waybills.bulkInsert(rows.map((r) => r.waybill)),
      s.db.events.bulkInsert(rows.map((r) => r.event)),
    ]);
    const errors = results.reduce((n, r) => n + r.error.length, 0);
    if (errors > 0)
      throw new Error(
        `seed: ${errors} write errors (first: ${JSON.stringify(results.find((r) => r.error.length)?.error[0]?.status)})`,
      );
  });
}

export async function countLocal(): Promise<StoreCounts> {
  const s = open();
  const [applications, waybills, media, events] = await Promise.all([
    s.db.applications.count().exec(),
    s.db.waybills.count().exec(),
    s.db.media.count().exec(),
    s.db.events.count().exec(),
  ]);
  return { applications, waybills, media, events };
}

/**
 * One intake save as renderer/app/data/intake.ts does it: duplicate check by acceptance
 * number, the portrait (metadata + encrypted 30 KB attachment), a number from the pool, the
 * application carrying it (derived fields, encrypted), its waybill, then its 'accepted' event.
 * Each write is its own IndexedDB transaction, as in the app (one per collection: RxDB keeps
 * each collection in its own IndexedDB database).
 */
export async function intakeSaves(
  from: number,
  count: number,
  ctx: SyntheticContext,
): Promise<SamplesResult> {
  const s = open();
  const numbers = pool;
  if (!numbers) throw new Error('number pool not open');
  const samples: number[] = [];
  const counts: number[] = [];
  const base = photo();
  for (let i = from; i < from + count; i += 1) {
    const bytes = photoVariant(base, i);
    const sha256 = await sha256Hex(bytes);
    const now = Date.now();
    const started = performance.now();
    const rows = syntheticIntake(i, ctx, { now, photoSha256: sha256 });
    const duplicates = await findApplicationsByAcceptanceNo(s, rows.application.acceptanceNo);
    if (duplicates.length > 0) throw new Error('duplicate acceptance number in the benchmark');
    const {
      sha256: _sha,
      bytes: _size,
      ...input
    } = syntheticMedia(i, ctx, { sha256, bytes: bytes.length }, rows.application.id, now);
    // Metadata, encrypted bytes and upload state in one write (renderer/sync/media-queue.ts).
    const media = await storeMedia(s.db.media, input, new Blob([bytes], { type: 'image/jpeg' }));
    const taken = await numbers.takeNumber();
    if (!taken.ok) throw new Error(taken.error.messageEn);
    await insertApplication(s, {
      ...rows.application,
      waybillNo: taken.value.waybillNo,
      mediaIds: [media.id],
    });
    await s.db.waybills.insert({
      ...rows.waybill,
      id: newId(now),
      waybillNo: taken.value.waybillNo,
      numberBlockId: taken.value.numberBlockId,
      state: 'allocated',
      printCount: 0,
    });
    await s.db.events.insert(rows.event);
    samples.push(performance.now() - started);
    counts.push(1);
  }
  return { samples, counts };
}

/** The search value for record `index` (what a clerk would type). */
export function searchValue(kind: SearchKind, index: number, ctx: SyntheticContext): string {
  const rows = syntheticIntake(index, ctx);
  switch (kind) {
    case 'waybill':
      return rows.waybill.waybillNo;
    case 'phoneLast4':
      return phoneLast4(rows.application.applicant.mobile ?? '');
    case 'idNumber':
      return rows.application.applicant.idNumber ?? '';
  }
}

export async function searches(
  kind: SearchKind,
  indexes: number[],
  ctx: SyntheticContext,
): Promise<SamplesResult> {
  const s = open();
  const samples: number[] = [];
  const counts: number[] = [];
  for (const index of indexes) {
    const value = searchValue(kind, index, ctx);
    const started = performance.now();
    const found =
      kind === 'waybill'
        ? await findApplicationsByWaybillNo(s, value)
        : kind === 'phoneLast4'
          ? await findApplicationsByMobileLast4(s, value)
          : await findApplicationsByIdNumber(s, value);
    // Reading the rows (decryption happens on access to the document data).
    for (const doc of found) void doc.toJSON();
    samples.push(performance.now() - started);
    counts.push(found.length);
  }
  return { samples, counts };
}

/** renderer/app/data/records.ts with no query: newest 500 applications, their waybills. */
export async function recordsList(repeats: number): Promise<SamplesResult> {
  const s = open();
  const samples: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const started = performance.now();
    const found = await findNewestApplications(s, 500);
    await s.db.syncIssues.find({ selector: { state: { $in: ['open', 'retrying'] } } }).exec();
    const ids = found.map((a) => a.id);
    const waybills = await s.db.waybills.find({ selector: { applicationId: { $in: ids } } }).exec();
    const rows = found.map((doc) => doc.toJSON().display.applicantName);
    samples.push(performance.now() - started);
    counts.push(rows.length + waybills.length);
  }
  return { samples, counts };
}
