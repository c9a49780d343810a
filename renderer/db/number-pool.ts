// Offline waybill numbers. The server hands this device blocks of S10 serials
// (POST /api/v1/numbers/blocks); takeNumber() advances a block's offset with a compare-and-swap
// on its revision, so two app windows on one IndexedDB never get the same number. Below a
// threshold a new block is fetched while online. With the pool empty the application is still
// saved: its waybill request waits (pending_print) and gets a number as soon as a block arrives.
import { getChangedDocumentsSince, type RxCollection, type RxDocument } from 'rxdb';
import { fail, ok, type Result } from '../../shared/result.ts';
import { s10CheckDigit } from '../../shared/validation/waybill.ts';
import { API_PREFIX } from '../../shared/sync/protocol.ts';
import type { SyncHttp } from '../sync/http.ts';
import type { ClientDocTypes, CollectionName, NumberBlockDoc } from './collections.ts';
import type { WaypostDataStore } from './database.ts';
import { deterministicId, newId } from './ids.ts';

type WaybillDoc = ClientDocTypes['waybills'];
type LabelKind = WaybillDoc['labelKind'];

/** What the server grants (docs/PROTOCOL.md "Waybill numbers"). */
export interface NumberBlockGrant {
  id: string;
  serviceIndicator: string;
  firstSerial: number | string;
  count: number;
}

export interface TakenNumber {
  waybillNo: string;
  numberBlockId: string;
}

export interface WaybillRequest {
  applicationId: string;
  stationId: string;
  labelKind: LabelKind;
  requestedAt: number;
}

export type AllocateOutcome =
  | { kind: 'allocated'; waybill: WaybillDoc }
  | { kind: 'pending_print'; code: string; message: string; messageEn: string };

export const POOL_EMPTY_NOTICE = {
  code: 'WAYBILL_NUMBER_PENDING',
  message: '本机邮件号已用完：受理单已保存，联网领取号段后将自动分配邮件号并排队打印面单。',
  messageEn:
    'No waybill numbers left on this device: the application is saved; it gets a number and its label is queued for printing as soon as a new block arrives.',
} as const;

const REQUESTS_DOC = 'waybill-requests';
const COUNTRY = 'CN';

export function waybillNumberAt(
  block: Pick<NumberBlockDoc, 'serviceIndicator' | 'firstSerial'>,
  offset: number,
): string {
  const serial = String(block.firstSerial + offset).padStart(8, '0');
  return `${block.serviceIndicator}${serial}${s10CheckDigit(serial)}${COUNTRY}`;
}

/**
 * The waybill a taken number makes (pure). Intake writes it itself, after the application that
 * already carries the number, so the application is not written a second time.
 */
export function waybillForNumber(
  request: { applicationId: string; stationId: string; deviceId: string; labelKind: LabelKind },
  number: TakenNumber,
  at: { id: string; state: 'allocated' | 'pending_print'; now: number },
): WaybillDoc {
  return {
    id: at.id,
    stationId: request.stationId,
    deviceId: request.deviceId,
    createdAt: at.now,
    updatedAt: at.now,
    applicationId: request.applicationId,
    waybillNo: number.waybillNo,
    numberBlockId: number.numberBlockId,
    labelKind: request.labelKind,
    state: at.state,
    printCount: 0,
  };
}

/** POST /numbers/blocks through the sync client's HTTP (auth, protocol header). */
export function httpBlockSource(http: SyncHttp): () => Promise<NumberBlockGrant> {
  return async () => {
    const body = await http.json<unknown>('POST', `${API_PREFIX}/numbers/blocks`, {});
    if (
      typeof body !== 'object' ||
      body === null ||
      !('id' in body) ||
      !('serviceIndicator' in body) ||
      !('firstSerial' in body) ||
      !('count' in body)
    ) {
      throw new Error('unreadable number block');
    }
    return {
      id: String(body.id),
      serviceIndicator: String(body.serviceIndicator),
      firstSerial:
        typeof body.firstSerial === 'number' ? body.firstSerial : String(body.firstSerial),
      count: Number(body.count),
    };
  };
}

export interface NumberPoolOptions<K extends CollectionName> {
  store: WaypostDataStore<K>;
  stationId: string;
  /** Fetches a new block; absent while not logged in. */
  requestBlock?: () => Promise<NumberBlockGrant>;
  isOnline?: () => boolean;
  /** Fetch a new block when fewer numbers than this remain. */
  threshold?: number;
}

export interface NumberPool {
  takeNumber(): Promise<Result<TakenNumber>>;
  remaining(): Promise<number>;
  addBlock(grant: NumberBlockGrant): Promise<void>;
  /** Fetches a block if below the threshold and online; then serves waiting requests. */
  refill(): Promise<Result<number>>;
  /** A number and a waybill for a mailed application, or a waiting request if the pool is empty. */
  allocateWaybill(
    application: { id: string; stationId: string },
    labelKind: LabelKind,
  ): Promise<Result<AllocateOutcome>>;
  /** Gives waiting applications their numbers (state pending_print: label queued). */
  assignPending(): Promise<number>;
  pendingRequests(): Promise<WaybillRequest[]>;
}

interface PoolCollections {
  numberBlocks: RxCollection<NumberBlockDoc>;
  waybills?: RxCollection<WaybillDoc>;
  applications?: RxCollection<ClientDocTypes['applications']>;
}

export function createNumberPool<K extends CollectionName>(
  options: NumberPoolOptions<K>,
): NumberPool {
  const { store } = options;
  const collections = store.db.collections as unknown as PoolCollections;
  const blocks = collections.numberBlocks;
  const threshold = options.threshold ?? 50;
  let refilling: Promise<Result<number>> | null = null;

  /** Open blocks, oldest first, read from storage: another window may have added or used one. */
  async function openBlocks(): Promise<RxDocument<NumberBlockDoc>[]> {
    const { documents } = await getChangedDocumentsSince(blocks.storageInstance, 10_000);
    const ids = documents
      .filter((b) => !b._deleted && b.open === 1)
      .sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1))
      .map((b) => b.id);
    const found = await blocks.findByIds(ids).exec();
    return ids.flatMap((id) => {
      const doc = found.get(id);
      return doc ? [doc] : [];
    });
  }

  /** The offset taken and what is left in the block after it, or null if it was used up. */
  async function takeFrom(
    block: RxDocument<NumberBlockDoc>,
  ): Promise<{ offset: number; left: number } | null> {
    let taken: { offset: number; left: number } | null = null;
    // The modifier re-runs on the stored state after a revision conflict (another window
    // took a number first); the value from its last, successful run is ours. getLatest(): a
    // kept document object holds the revision it was read at, so every write would conflict.
    await block.getLatest().incrementalModify((data) => {
      if (data.nextOffset >= data.count) {
        taken = null;
        return { ...data, open: 0 };
      }
      const nextOffset = data.nextOffset + 1;
      taken = { offset: data.nextOffset, left: data.count - nextOffset };
      return { ...data, nextOffset, open: nextOffset < data.count ? 1 : 0 };
    });
    return taken;
  }

  // Open blocks as last read from storage. The compare-and-swap above is what keeps numbers
  // unique, so a stale list costs at most a retried write; storage is read again only when
  // this list runs dry (another window may have added a block) or after addBlock. This keeps
  // a save at one IndexedDB transaction for its number (was three reads and a write).
  let known: Promise<RxDocument<NumberBlockDoc>[]> | null = null;

  async function takeFromAny(
    candidates: RxDocument<NumberBlockDoc>[],
  ): Promise<Result<TakenNumber> | null> {
    for (const block of candidates) {
      const taken = await takeFrom(block);
      if (taken !== null) {
        // This block's rest is a lower bound of the pool's: only then can it be low.
        if (taken.left < threshold) void maybeRefill();
        return ok({ waybillNo: waybillNumberAt(block, taken.offset), numberBlockId: block.id });
      }
      known = null; // a used-up block: read the list again next time
    }
    return null;
  }

  async function takeNumber(): Promise<Result<TakenNumber>> {
    const cached = known;
    if (cached) {
      const list = await cached;
      // A failure here (e.g. a block removed meanwhile) falls back to reading storage.
      const taken = await takeFromAny(list).catch(() => null);
      if (taken) return taken;
      if (known === cached) known = null;
    }
    const fresh = openBlocks();
    known ??= fresh;
    const taken = await takeFromAny(await fresh);
    if (taken) return taken;
    void maybeRefill();
    return fail('NUMBER_POOL_EMPTY', POOL_EMPTY_NOTICE.message, POOL_EMPTY_NOTICE.messageEn);
  }

  /** Read from storage, not RxDB's caches: another window may have taken numbers just now. */
  async function remaining(): Promise<number> {
    const { documents } = await getChangedDocumentsSince(blocks.storageInstance, 10_000);
    return documents
      .filter((b) => !b._deleted && b.open === 1)
      .reduce((sum, b) => sum + Math.max(0, b.count - b.nextOffset), 0);
  }

  async function addBlock(grant: NumberBlockGrant): Promise<void> {
    const firstSerial = Number(grant.firstSerial);
    if (
      !Number.isInteger(firstSerial) ||
      firstSerial < 0 ||
      firstSerial + grant.count > 100_000_000
    ) {
      throw new RangeError('number block out of range');
    }
    const existing = await blocks.findOne(grant.id).exec();
    if (existing) return; // a retried request: never reset a block's offset
    try {
      await blocks.insert({
        id: grant.id,
        stationId: options.stationId,
        serviceIndicator: grant.serviceIndicator,
        firstSerial,
        count: grant.count,
        nextOffset: 0,
        open: 1,
        receivedAt: store.context.now(),
      });
    } catch (error) {
      if (!(await blocks.findOne(grant.id).exec())) throw error; // not "another window stored it"
    }
    known = null; // read the blocks again on the next take: this one may be older
  }

  function maybeRefill(): Promise<Result<number>> {
    refilling ??= (async (): Promise<Result<number>> => {
      try {
        const left = await remaining();
        if (left >= threshold) return ok(left);
        if (!options.requestBlock || (options.isOnline && !options.isOnline())) {
          return fail(
            'NUMBER_POOL_OFFLINE',
            '离线：联网后自动领取新号段',
            'Offline: a new block is fetched when online',
          );
        }
        await addBlock(await options.requestBlock());
        await assignPending();
        return ok(await remaining());
      } catch {
        return fail(
          'NUMBER_BLOCK_UNAVAILABLE',
          '暂时无法领取新号段，稍后自动重试',
          'Could not fetch a new number block; retrying later',
        );
      } finally {
        refilling = null;
      }
    })();
    return refilling;
  }

  async function readRequests(): Promise<WaybillRequest[]> {
    const doc = await store.db.getLocal<{ requests: WaybillRequest[] }>(REQUESTS_DOC);
    return doc ? [...doc.get('requests')] : [];
  }

  async function changeRequests(
    change: (requests: WaybillRequest[]) => WaybillRequest[],
  ): Promise<void> {
    const existing = await store.db.getLocal<{ requests: WaybillRequest[] }>(REQUESTS_DOC);
    if (existing) {
      await existing.incrementalModify((data) => ({
        ...data,
        requests: change([...data.requests]),
      }));
    } else {
      try {
        await store.db.insertLocal(REQUESTS_DOC, { requests: change([]) });
      } catch {
        await changeRequests(change); // another window created it first
      }
    }
  }

  /** Creates the waybill (deterministic id per pending application: created at most once). */
  async function createWaybill(
    request: { applicationId: string; stationId: string; labelKind: LabelKind },
    number: TakenNumber,
    state: 'allocated' | 'pending_print',
    id: string,
  ): Promise<WaybillDoc | null> {
    const waybills = collections.waybills;
    if (!waybills) throw new Error('number pool: the waybills collection is not open');
    const now = store.context.now();
    const waybill = waybillForNumber({ ...request, deviceId: store.context.deviceId }, number, {
      id,
      state,
      now,
    });
    try {
      await waybills.insert(waybill);
    } catch (error) {
      if (await waybills.findOne(id).exec()) return null; // another window won
      throw error;
    }
    const application = await collections.applications?.findOne(request.applicationId).exec();
    await application?.incrementalPatch({ waybillNo: number.waybillNo, updatedAt: now });
    return waybill;
  }

  async function assignPending(): Promise<number> {
    let assigned = 0;
    for (const request of await readRequests()) {
      const id = await deterministicId(`waybill-request:${request.applicationId}`);
      const waybills = collections.waybills;
      const done = waybills ? await waybills.findOne(id).exec() : null;
      if (!done) {
        const number = await takeNumber();
        if (!number.ok) break;
        if (await createWaybill(request, number.value, 'pending_print', id)) assigned += 1;
      }
      await changeRequests((list) => list.filter((r) => r.applicationId !== request.applicationId));
    }
    return assigned;
  }

  return {
    takeNumber,
    remaining,
    addBlock,
    refill: maybeRefill,
    assignPending,
    pendingRequests: readRequests,
    async allocateWaybill(application, labelKind) {
      const number = await takeNumber();
      if (number.ok) {
        const waybill = await createWaybill(
          { applicationId: application.id, stationId: application.stationId, labelKind },
          number.value,
          'allocated',
          newId(store.context.now()),
        );
        if (waybill) return ok({ kind: 'allocated', waybill });
      }
      await changeRequests((list) =>
        list.some((r) => r.applicationId === application.id)
          ? list
          : [
              ...list,
              {
                applicationId: application.id,
                stationId: application.stationId,
                labelKind,
                requestedAt: store.context.now(),
              },
            ],
      );
      return ok({ kind: 'pending_print', ...POOL_EMPTY_NOTICE });
    },
  };
}
