import { afterEach, describe, expect, it } from 'vitest';
import { parseWaybillNumber } from '../../../shared/validation/waybill.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import {
  createNumberPool,
  waybillNumberAt,
  type NumberBlockGrant,
} from '../../../renderer/db/number-pool.ts';
import {
  fakeDexieStorage,
  makeApplication,
  openTestDatabase,
  testKeys,
  uniqueName,
} from './fixtures.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const block = (id: string, firstSerial: number, count: number): NumberBlockGrant => ({
  id,
  serviceIndicator: 'EA',
  firstSerial,
  count,
});

describe('number pool', () => {
  it('computes valid S10 numbers from a block', () => {
    expect(waybillNumberAt({ serviceIndicator: 'EA', firstSerial: 12345678 }, 0)).toBe(
      'EA123456785CN',
    );
    expect(waybillNumberAt({ serviceIndicator: 'EA', firstSerial: 0 }, 8)).toBe('EA000000080CN');
    expect(waybillNumberAt({ serviceIndicator: 'EA', firstSerial: 10 }, 5)).toBe('EA000000155CN');
  });

  it('never hands out the same number twice across two windows on one IndexedDB', async () => {
    const name = uniqueName();
    const storage = fakeDexieStorage();
    const keys = testKeys();
    const common = {
      name,
      storage,
      ...keys,
      multiInstance: true,
      ignoreDuplicate: true,
    };
    const a = await openTestDatabase({ ...common, collections: ['numberBlocks'] });
    const b = await openTestDatabase({ ...common, collections: ['numberBlocks'] });
    open.push(a, b);
    const poolA = createNumberPool({ store: a, stationId: 'S001' });
    const poolB = createNumberPool({ store: b, stationId: 'S001' });
    await poolA.addBlock(block('B1', 1000, 120));
    await poolB.addBlock(block('B2', 5000, 80));
    await poolA.addBlock(block('B1', 1000, 120)); // a retried grant changes nothing

    const takes = Array.from({ length: 230 }, (_, i) => (i % 2 === 0 ? poolA : poolB).takeNumber());
    const results = await Promise.all(takes);
    const numbers = results.flatMap((r) => (r.ok ? [r.value.waybillNo] : []));
    const empty = results.filter((r) => !r.ok);
    expect(numbers).toHaveLength(200);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((n) => parseWaybillNumber(n).ok)).toBe(true);
    expect(empty).toHaveLength(30);
    expect(empty.every((r) => !r.ok && r.error.code === 'NUMBER_POOL_EMPTY')).toBe(true);
    expect(await poolA.remaining()).toBe(0);
  });

  it('saves a waybill request when the pool is empty offline and serves it when a block arrives', async () => {
    const store = await openTestDatabase({
      collections: ['applications', 'waybills', 'numberBlocks', 'conflicts', 'syncIssues'],
    });
    open.push(store);
    let online = false;
    let served = 0;
    const pool = createNumberPool({
      store,
      stationId: 'S001',
      isOnline: () => online,
      threshold: 5,
      requestBlock: async () => {
        served += 1;
        return block(`G${served}`, 100 * served, 10);
      },
    });
    const app = await insertApplication(store, makeApplication());
    const outcome = await pool.allocateWaybill(app, 'ems100x150');
    expect(outcome.ok && outcome.value.kind).toBe('pending_print');
    expect(outcome.ok && outcome.value.kind === 'pending_print' && outcome.value.message).toMatch(
      /受理单已保存/,
    );
    expect(await pool.pendingRequests()).toHaveLength(1);
    expect(await store.db.waybills.count().exec()).toBe(0);

    online = true;
    const refill = await pool.refill();
    expect(refill.ok).toBe(true);
    expect(await pool.pendingRequests()).toHaveLength(0);
    const [waybill] = await store.db.waybills.find().exec();
    expect(waybill?.state).toBe('pending_print');
    expect(waybill?.applicationId).toBe(app.id);
    expect((await store.db.applications.findOne(app.id).exec())?.waybillNo).toBe(
      waybill?.waybillNo,
    );

    // With numbers in stock, the next application is allocated at once.
    const second = await insertApplication(store, makeApplication());
    const now = await pool.allocateWaybill(second, 'ems76x130');
    expect(now.ok && now.value.kind).toBe('allocated');
    // A second assignPending run (e.g. another window) creates no duplicate.
    expect(await pool.assignPending()).toBe(0);
    expect(await store.db.waybills.count().exec()).toBe(2);
  });
});
