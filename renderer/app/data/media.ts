// Photos and scans already on this device: 一照通用 (reuse a person's earlier accepted portrait,
// found by the ID number's blind index) and the images of a record.
import type { PhotoSpecCode } from '../../../shared/catalogue/index.ts';
import { findApplicationsByIdNumber } from '../../db/lookups.ts';
import { MEDIA_ATTACHMENT_ID } from '../../db/schemas/media.schema.ts';
import type { CapturedImage } from '../../features/intake/draft.ts';
import { data } from './db.ts';

export interface EarlierPortrait {
  readonly image: CapturedImage;
  readonly takenAt: number;
}

export async function mediaBytes(mediaId: string): Promise<Uint8Array | null> {
  const doc = await data().db.media.findOne(mediaId).exec();
  const attachment = doc?.getAttachment(MEDIA_ATTACHMENT_ID);
  if (!attachment) return null;
  const blob = await attachment.getData();
  return new Uint8Array(await blob.arrayBuffer());
}

export async function findEarlierPortrait(
  idNumber: string,
  spec: PhotoSpecCode,
): Promise<EarlierPortrait | null> {
  const store = data();
  const applications = await findApplicationsByIdNumber(store, idNumber);
  const mediaIds = applications.flatMap((a) => a.mediaIds ?? []);
  if (mediaIds.length === 0) return null;
  const found = await store.db.media.findByIds(mediaIds).exec();
  const portraits = [...found.values()]
    .filter((m) => m.kind === 'portrait' && m.accepted === true && m.spec === spec)
    .sort((a, b) => b.createdAt - a.createdAt);
  for (const portrait of portraits) {
    const bytes = await mediaBytes(portrait.id);
    if (!bytes) continue;
    return {
      takenAt: portrait.createdAt,
      image: {
        localId: portrait.id,
        kind: 'portrait',
        mime: portrait.mime === 'image/png' ? 'image/png' : 'image/jpeg',
        bytes,
        sha256: portrait.sha256,
        widthPx: portrait.widthPx ?? 0,
        heightPx: portrait.heightPx ?? 0,
        spec,
        reusedMediaId: portrait.id,
      },
    };
  }
  return null;
}
