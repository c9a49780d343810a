import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { insertApplication } from '../../../renderer/db/applications.ts';
import {
  findApplicationsByAcceptanceNo,
  findApplicationsByIdNumber,
  findApplicationsByMobile,
  findApplicationsByMobileLast4,
  findApplicationsByWaybillNo,
} from '../../../renderer/db/lookups.ts';
import { MEDIA_ATTACHMENT_ID } from '../../../renderer/db/schemas/media.schema.ts';
import { storeMedia } from '../../../renderer/sync/media-queue.ts';
import {
  T0,
  fakeDexieStorage,
  fakeIndexedDb,
  makeApplication,
  openTestDatabase,
  testKeys,
  uniqueName,
} from './fixtures.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function rawIndexedDbText(dbName: string, collection: string, version: number) {
  const dexie = new Dexie(`rxdb-dexie-${dbName}--${version}--${collection}`, fakeIndexedDb);
  await dexie.open();
  const parts: string[] = [];
  for (const table of dexie.tables) {
    for (const row of await table.toArray()) {
      if (row?.data instanceof Blob) parts.push(await row.data.text());
      else parts.push(JSON.stringify(row));
    }
  }
  dexie.close();
  return parts.join('\n');
}

describe('createWaypostDatabase', () => {
  it('opens twelve collections and derives masked display and look-up fields', async () => {
    const store = await openTestDatabase();
    open.push(store);
    expect(Object.keys(store.db.collections).sort()).toHaveLength(12);
    const input = makeApplication();
    const doc = await insertApplication(store, input);
    expect(doc.display.idNumber).toBe(
      `${input.applicant.idNumber.slice(0, 6)}********${input.applicant.idNumber.slice(-4)}`,
    );
    expect(doc.display.applicantName).toBe('张**');
    expect(doc.blindIdNumber).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.mobileLast4).toBe(input.applicant.mobile?.slice(-4));
    expect(doc.recipientMobileLast4).toBe(input.recipient?.mobile.slice(-4));
  });

  it('finds applications by ID number, mobile, last 4, acceptance and waybill number', async () => {
    const store = await openTestDatabase();
    open.push(store);
    const a = makeApplication();
    const b = makeApplication();
    await insertApplication(store, a);
    await insertApplication(store, b);
    await store.db.waybills.insert({
      id: a.id.replace(/.$/, 'W'),
      stationId: 'S001',
      deviceId: 'device-a',
      createdAt: T0,
      updatedAt: T0,
      applicationId: b.id,
      waybillNo: 'EA123456785CN',
      labelKind: 'ems100x150',
      state: 'allocated',
      printCount: 0,
    });
    const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
    // Lower-case x, spaces and full-width digits normalise to the same index.
    expect(ids(await findApplicationsByIdNumber(store, a.applicant.idNumber))).toEqual([a.id]);
    expect(
      ids(await findApplicationsByIdNumber(store, ` ${b.applicant.idNumber.toLowerCase()} `)),
    ).toEqual([b.id]);
    expect(ids(await findApplicationsByMobile(store, `+86 ${a.applicant.mobile}`))).toEqual([a.id]);
    expect(ids(await findApplicationsByMobile(store, b.recipient?.mobile ?? ''))).toEqual([b.id]);
    expect(
      ids(await findApplicationsByMobileLast4(store, (a.applicant.mobile ?? '').slice(-4))),
    ).toEqual([a.id]);
    expect(ids(await findApplicationsByAcceptanceNo(store, b.acceptanceNo))).toEqual([b.id]);
    expect(ids(await findApplicationsByWaybillNo(store, 'ea 123456785 cn'))).toEqual([b.id]);
    expect(await findApplicationsByIdNumber(store, '')).toEqual([]);
    expect(await findApplicationsByMobileLast4(store, '12')).toEqual([]);
  });

  it('keeps look-up fields right after an edit', async () => {
    const store = await openTestDatabase();
    open.push(store);
    const a = makeApplication();
    const doc = await insertApplication(store, a);
    await doc.incrementalPatch({
      applicant: { ...a.applicant, mobile: '13712345678' },
    });
    expect(await findApplicationsByMobile(store, a.applicant.mobile ?? '')).toHaveLength(0);
    expect((await findApplicationsByMobile(store, '13712345678')).map((d) => d.id)).toEqual([a.id]);
    expect((await findApplicationsByMobileLast4(store, '5678')).map((d) => d.id)).toEqual([a.id]);
  });

  it('hashes depend on the blind-index key', async () => {
    const one = await openTestDatabase({ collections: ['numberBlocks'] });
    const two = await openTestDatabase({ collections: ['numberBlocks'] });
    open.push(one, two);
    const id = '110105199003071239';
    expect(await one.blindIndexer.hash('idNumber', id)).not.toBe(
      await two.blindIndexer.hash('idNumber', id),
    );
    expect(await one.blindIndexer.hash('idNumber', id)).not.toBe(
      await one.blindIndexer.hash('mobile', id),
    );
  });

  it('stores personal data and photo bytes encrypted in IndexedDB', async () => {
    const name = uniqueName();
    const store = await openTestDatabase({ name, storage: fakeDexieStorage() });
    open.push(store);
    const a = makeApplication();
    await insertApplication(store, a);
    const marker = 'PLAINTEXT-PHOTO-MARKER';
    const media = await storeMedia(
      store.db.media,
      {
        id: a.id.replace(/.$/, 'M'),
        stationId: 'S001',
        deviceId: 'device-a',
        createdAt: T0,
        updatedAt: T0,
        kind: 'portrait',
        mime: 'image/jpeg',
      },
      new Blob([marker], { type: 'image/jpeg' }),
    );
    expect(media.uploadState).toBe('pending');
    expect(media.bytes).toBe(marker.length);
    const raw = await rawIndexedDbText(name, 'applications', 2);
    expect(raw).toContain(a.acceptanceNo); // sanity: we read the right table
    for (const secret of [
      a.applicant.idNumber,
      a.applicant.mobile ?? '',
      a.recipient?.mobile ?? '',
      '张测试',
      '坞城路',
    ]) {
      expect(raw).not.toContain(secret);
    }
    const rawMedia = await rawIndexedDbText(name, 'media', 0);
    expect(rawMedia).toContain(media.sha256);
    expect(rawMedia).not.toContain(marker);
    const back = await (
      await store.db.media.findOne(media.id).exec()
    )
      ?.getAttachment(MEDIA_ATTACHMENT_ID)
      ?.getData();
    expect(await back?.text()).toBe(marker);
  });

  it('refuses to open with a different database key', async () => {
    const name = uniqueName();
    const storage = fakeDexieStorage();
    const keys = testKeys();
    const first = await openTestDatabase({ name, storage, ...keys, collections: ['numberBlocks'] });
    await first.close();
    await expect(
      openTestDatabase({ name, storage, ...testKeys(), collections: ['numberBlocks'] }),
    ).rejects.toThrow(/DB1/);
    const again = await openTestDatabase({ name, storage, ...keys, collections: ['numberBlocks'] });
    await again.close();
  });
});
