// The peer a user would otherwise pick: PouchDB 9 in the browser (IndexedDB adapter)
// replicating to a CouchDB-protocol server (pouchdb-server on LevelDB). Same documents as the
// Waypost runs: the applications as JSON, the portraits as attachments of media documents.
import PouchDB, { type PouchDoc } from 'pouchdb-browser';
import {
  photoVariant,
  sha256Hex,
  syntheticIntake,
  syntheticMedia,
  type SyntheticContext,
} from '../lib/synthetic.ts';
import type { SyncRunResult, Timed } from './api.ts';
import {
  DEFAULT_PULL_BATCH_SIZE,
  DEFAULT_PUSH_BATCH_SIZE,
} from '../../renderer/sync/replication.ts';
import { photo } from './photo.ts';

/** Waypost's own defaults, so batch size is not the difference between the two systems. */
const PUSH_BATCH = DEFAULT_PUSH_BATCH_SIZE;
const PULL_BATCH = DEFAULT_PULL_BATCH_SIZE;

export async function pouchPrepare(
  name: string,
  from: number,
  count: number,
  photos: number,
  ctx: SyntheticContext,
): Promise<Timed> {
  const started = performance.now();
  const db = new PouchDB(name);
  const base = photo();
  for (let start = from; start < from + count; start += 1000) {
    const docs: PouchDoc[] = [];
    for (let i = start; i < Math.min(from + count, start + 1000); i += 1) {
      const { application } = syntheticIntake(i, ctx);
      docs.push({ _id: `applications:${application.id}`, ...application });
      if (i - from < photos) {
        const bytes = photoVariant(base, i);
        const media = syntheticMedia(
          i,
          ctx,
          { sha256: await sha256Hex(bytes), bytes: bytes.length },
          application.id,
        );
        docs.push({
          _id: `media:${media.id}`,
          ...media,
          _attachments: {
            bytes: { content_type: 'image/jpeg', data: new Blob([bytes], { type: 'image/jpeg' }) },
          },
        });
      }
    }
    await db.bulkDocs(docs);
  }
  await db.close();
  return { ms: performance.now() - started };
}

function result(ms: number, docs: number): SyncRunResult {
  return { ms, documents: { all: docs }, bytes: 0, photos: 0 };
}

export async function pouchPush(name: string, remote: string): Promise<SyncRunResult> {
  const db = new PouchDB(name);
  const target = new PouchDB(new URL(remote, location.href).href);
  const started = performance.now();
  const outcome = await db.replicate.to(target, { batch_size: PUSH_BATCH });
  const ms = performance.now() - started;
  if (!outcome.ok || outcome.doc_write_failures > 0) throw new Error('pouch push failed');
  await db.close();
  return result(ms, outcome.docs_written);
}

export async function pouchPull(name: string, remote: string): Promise<SyncRunResult> {
  const db = new PouchDB(name);
  const source = new PouchDB(new URL(remote, location.href).href);
  const started = performance.now();
  const outcome = await db.replicate.from(source, { batch_size: PULL_BATCH });
  const ms = performance.now() - started;
  if (!outcome.ok || outcome.doc_write_failures > 0) throw new Error('pouch pull failed');
  await db.close();
  return result(ms, outcome.docs_written);
}

export async function pouchDestroy(name: string): Promise<void> {
  await new PouchDB(name).destroy();
}
