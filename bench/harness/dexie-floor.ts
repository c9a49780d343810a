// The floor: the same rows and the same sequence of writes through raw Dexie on IndexedDB, with
// the same strict durability, but no RxDB, no encryption, no validation and no blind indexes
// (plain-text indexes instead). Nothing built on IndexedDB can be faster than this.
import { Dexie, type Table } from 'dexie';
import { phoneLast4 } from '../../shared/privacy/phone.ts';
import {
  photoVariant,
  sha256Hex,
  syntheticIntake,
  syntheticMedia,
  type SyntheticContext,
} from '../lib/synthetic.ts';
import type {
  ApplicationDoc,
  EventDoc,
  MediaDoc,
  WaybillDoc,
} from '../../shared/sync/collections.ts';
import type { SamplesResult, SearchKind, Timed } from './api.ts';
import { photo } from './photo.ts';
import { searchValue, seedInChunks } from './local.ts';

type FloorApplication = ApplicationDoc & { mobileLast4: string; recipientMobileLast4: string };
interface Block {
  id: string;
  next: number;
}
interface FloorDb extends Dexie {
  applications: Table<FloorApplication, string>;
  waybills: Table<WaybillDoc, string>;
  media: Table<MediaDoc, string>;
  attachments: Table<{ id: string; data: Blob }, string>;
  events: Table<EventDoc, string>;
  blocks: Table<Block, string>;
}

let floor: FloorDb | null = null;

function openFloorDb(name: string): FloorDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as FloorDb;
  db.version(1).stores({
    applications:
      'id, acceptanceNo, acceptedAt, status, [stationId+acceptedAt], applicant.idNumber, mobileLast4, recipientMobileLast4',
    waybills: 'id, waybillNo, applicationId',
    media: 'id, sha256',
    attachments: 'id',
    events: 'id, applicationId, at',
    blocks: 'id',
  });
  return db;
}

function current(): FloorDb {
  if (!floor) throw new Error('dexie floor not open');
  return floor;
}

function withLookups(app: ApplicationDoc): FloorApplication {
  return {
    ...app,
    mobileLast4: phoneLast4(app.applicant.mobile ?? ''),
    recipientMobileLast4: phoneLast4(app.recipient?.mobile ?? ''),
  };
}

export async function openDexieFloor(name: string): Promise<Timed> {
  const started = performance.now();
  floor = openFloorDb(name);
  await floor.open();
  await floor.blocks.put({ id: 'BENCHBLOCK', next: 0 });
  return { ms: performance.now() - started };
}

export async function closeDexieFloor(): Promise<void> {
  floor?.close();
  floor = null;
}

export async function seedDexieFloor(
  from: number,
  count: number,
  ctx: SyntheticContext,
  chunk: number,
): Promise<Timed> {
  const db = current();
  return seedInChunks(from, count, ctx, chunk, async (rows) => {
    await Promise.all([
      db.applications.bulkPut(rows.map((r) => withLookups(r.application))),
      db.waybills.bulkPut(rows.map((r) => r.waybill)),
      db.events.bulkPut(rows.map((r) => r.event)),
    ]);
  });
}

/** The intake save of harness/local.ts, write for write, on raw Dexie. */
export async function dexieIntakeSaves(
  from: number,
  count: number,
  ctx: SyntheticContext,
): Promise<SamplesResult> {
  const db = current();
  const samples: number[] = [];
  const counts: number[] = [];
  const base = photo();
  for (let i = from; i < from + count; i += 1) {
    const bytes = photoVariant(base, i);
    const sha256 = await sha256Hex(bytes);
    const now = Date.now();
    const started = performance.now();
    const rows = syntheticIntake(i, ctx, { now, photoSha256: sha256 });
    const duplicates = await db.applications
      .where('acceptanceNo')
      .equals(rows.application.acceptanceNo)
      .toArray();
    if (duplicates.length > 0) throw new Error('duplicate acceptance number in the benchmark');
    const media = syntheticMedia(i, ctx, { sha256, bytes: bytes.length }, rows.application.id, now);
    // Metadata and bytes in one transaction, as the app's media write (one atomic insert).
    await db.transaction('rw', [db.media, db.attachments], async () => {
      await db.media.put(media);
      await db.attachments.put({ id: media.id, data: new Blob([bytes], { type: 'image/jpeg' }) });
    });
    const serial = await db.transaction('rw', db.blocks, async () => {
      const block = await db.blocks.get('BENCHBLOCK');
      const next = block?.next ?? 0;
      await db.blocks.put({ id: 'BENCHBLOCK', next: next + 1 });
      return next;
    });
    const waybillNo = `EB${String(serial).padStart(11, '0')}`;
    await db.applications.put(
      withLookups({ ...rows.application, waybillNo, mediaIds: [media.id] }),
    );
    await db.waybills.put({ ...rows.waybill, waybillNo });
    await db.events.put(rows.event);
    samples.push(performance.now() - started);
    counts.push(1);
  }
  return { samples, counts };
}

export async function dexieSearches(
  kind: SearchKind,
  indexes: number[],
  ctx: SyntheticContext,
): Promise<SamplesResult> {
  const db = current();
  const samples: number[] = [];
  const counts: number[] = [];
  for (const index of indexes) {
    const value = searchValue(kind, index, ctx);
    const started = performance.now();
    let found: FloorApplication[];
    if (kind === 'waybill') {
      const waybills = await db.waybills.where('waybillNo').equals(value).toArray();
      const apps = await db.applications.bulkGet(waybills.map((w) => w.applicationId));
      found = apps.filter((a): a is FloorApplication => a !== undefined);
    } else if (kind === 'phoneLast4') {
      const [a, b] = await Promise.all([
        db.applications.where('mobileLast4').equals(value).toArray(),
        db.applications.where('recipientMobileLast4').equals(value).toArray(),
      ]);
      found = [...new Map([...a, ...b].map((doc) => [doc.id, doc])).values()];
    } else {
      found = await db.applications.where('applicant.idNumber').equals(value).toArray();
    }
    samples.push(performance.now() - started);
    counts.push(found.length);
  }
  return { samples, counts };
}

/** Bulk write of the rows one sync run moves: applications, events, media and photo blobs. */
export async function dexieBulkWrite(
  name: string,
  from: number,
  count: number,
  photos: number,
  ctx: SyntheticContext,
): Promise<Timed & { bytes: number }> {
  const db = openFloorDb(name);
  await db.open();
  const base = photo();
  const apps: FloorApplication[] = [];
  const events: EventDoc[] = [];
  const media: MediaDoc[] = [];
  const blobs: { id: string; data: Blob }[] = [];
  let bytes = 0;
  for (let i = from; i < from + count; i += 1) {
    const rows = syntheticIntake(i, ctx);
    apps.push(withLookups(rows.application));
    events.push(rows.event);
    bytes += JSON.stringify(rows.application).length + JSON.stringify(rows.event).length;
    if (i - from < photos) {
      const data = photoVariant(base, i);
      const doc = syntheticMedia(
        i,
        ctx,
        { sha256: await sha256Hex(data), bytes: data.length },
        rows.application.id,
      );
      media.push(doc);
      blobs.push({ id: doc.id, data: new Blob([data], { type: 'image/jpeg' }) });
      bytes += JSON.stringify(doc).length + data.length;
    }
  }
  const started = performance.now();
  // Same batch size as the replication's pull; media spread evenly over the batches.
  const share = (i: number) => Math.floor((i * media.length) / Math.max(1, apps.length));
  for (let start = 0; start < apps.length; start += 1000) {
    const end = start + 1000;
    await db.transaction('rw', [db.applications, db.events, db.media, db.attachments], async () => {
      await db.applications.bulkPut(apps.slice(start, end));
      await db.events.bulkPut(events.slice(start, end));
      await db.media.bulkPut(media.slice(share(start), share(end)));
      await db.attachments.bulkPut(blobs.slice(share(start), share(end)));
    });
  }
  const ms = performance.now() - started;
  db.close();
  await Dexie.delete(name);
  return { ms, bytes };
}
