// One chaos client: its own process, its own RxDB (Dexie on fake-indexeddb, production
// validation), the real replication client. Writes online and offline, acknowledges each write
// to the orchestrator once the local insert resolved, then settles and reports its data.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { ulid } from 'ulid';
import { residentIdCheckChar } from '../../shared/validation/residentId.ts';
import { insertApplication } from '../../renderer/db/applications.ts';
import { createWaypostDatabase } from '../../renderer/db/database.ts';
import { CLIENT_ONLY_FIELDS } from '../../renderer/db/derived-fields.ts';
import { randomKey } from '../../renderer/db/keys.ts';
import { dexieStorage } from '../../renderer/db/storage.ts';
import { canonical } from '../../renderer/sync/conflict-rules.ts';
import { stripClientFields } from '../../renderer/sync/conflict-handler.ts';
import { startSync } from '../../renderer/sync/replication.ts';
import { createSyncStatusStore } from '../../renderer/stores/sync-status.ts';
import {
  CHAOS_COLLECTIONS,
  COMPARED,
  type ClientConfig,
  type Compared,
  type FromClient,
  type ToClient,
} from './messages.ts';
import { prng } from './prng.ts';

function send(message: FromClient): void {
  process.send?.(message);
}

const STATUS_FLOW = [
  'accepted',
  'materials_handed_over',
  'in_production',
  'produced',
  'packed',
  'dispatched',
];
const ORDER_FLOW = ['open', 'assigned', 'resolved'] as const;

async function run(config: ClientConfig): Promise<void> {
  const random = prng(config.seed);
  const now = () => Date.now() + config.clockOffsetMs;
  let offline = false;
  let offlineSpells = 0;
  const store = await createWaypostDatabase({
    name: `chaos-${config.index}`,
    storage: dexieStorage({ indexedDB, IDBKeyRange }),
    databaseKey: randomKey(),
    blindIndexKey: randomKey(),
    collections: CHAOS_COLLECTIONS,
    now,
    deviceId: config.deviceId,
  });
  const status = createSyncStatusStore();
  const engine = await startSync({
    store,
    baseUrl: config.baseUrl,
    tokens: { accessToken: config.accessToken, refreshToken: config.refreshToken },
    deviceId: config.deviceId,
    status,
    events: null,
    fetch: (input, init) =>
      offline ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init),
    backoff: { baseMs: 100, maxMs: 2_000 },
    probeIntervalMs: 500,
    pollIntervalMs: 2_000,
    requestTimeoutMs: 5_000,
    streamCollections: ['applications', 'workOrders', 'events'],
  });
  const db = store.db;
  const station = config.stationId;
  let serial = 0;

  function newApplication() {
    serial += 1;
    const at = now();
    const first17 = `14010619900${String((config.index % 9) + 1)}${String((serial % 28) + 1).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`;
    return {
      id: ulid(at),
      stationId: station,
      deviceId: config.deviceId,
      createdAt: at,
      updatedAt: at,
      acceptanceNo: `C${config.index}-${serial}`,
      businessCode: 'ID_RENEWAL',
      status: 'accepted',
      priority: 'normal' as const,
      clerkId: 'chaos-clerk',
      acceptedAt: at,
      applicant: {
        name: '混沌测试',
        idNumber: first17 + residentIdCheckChar(first17),
        mobile: `139${String(config.index).padStart(2, '0')}${String(serial).padStart(6, '0')}`,
      },
      delivery: { method: 'mail' as const },
    };
  }

  async function insertOrder(applicationId: string): Promise<string> {
    const at = now();
    const id = ulid(at);
    await db.workOrders.insert({
      id,
      stationId: station,
      deviceId: config.deviceId,
      createdAt: at,
      updatedAt: at,
      applicationId,
      kind: 'complaint',
      status: 'open',
      raisedBy: 'chaos-clerk',
      raisedAt: at,
      deadlineAt: at + 86_400_000,
      notes: [],
    });
    return id;
  }

  // Client 0 creates the shared records everyone edits concurrently.
  if (config.index === 0) {
    for (let i = 0; i < 3; i += 1) {
      const app = await insertApplication(store, newApplication());
      send({ type: 'ack', entry: { kind: 'doc', collection: 'applications', id: app.id } });
      const order = await insertOrder(app.id);
      send({ type: 'ack', entry: { kind: 'doc', collection: 'workOrders', id: order } });
    }
  }
  send({ type: 'ready' });

  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];

  for (let i = 0; i < config.writes; i += 1) {
    if (!offline && random() < config.offlineChance) {
      offline = true;
      offlineSpells += 1;
      setTimeout(() => void (offline = false), 500 + random() * 2_500);
    }
    const roll = random();
    const orders = await db.workOrders.find().exec();
    const apps = await db.applications.find({ limit: 50 }).exec();
    if (roll < 0.35 || apps.length === 0) {
      const app = await insertApplication(store, newApplication());
      send({ type: 'ack', entry: { kind: 'doc', collection: 'applications', id: app.id } });
    } else if (roll < 0.55) {
      const target = pick(apps);
      if (target) {
        const at = now();
        const id = ulid(at);
        await db.events.insert({
          id,
          stationId: station,
          deviceId: config.deviceId,
          createdAt: at,
          updatedAt: at,
          applicationId: target.id,
          type: 'materials_handed_over',
          at,
          staffId: 'chaos-clerk',
        });
        send({ type: 'ack', entry: { kind: 'doc', collection: 'events', id } });
      }
    } else if (roll < 0.8 && orders.length > 0) {
      const order = pick(orders);
      if (order) {
        const at = now();
        const noteId = ulid(at);
        await order.incrementalModify((d) => ({
          ...d,
          updatedAt: Math.max(d.updatedAt, at),
          notes: [
            ...d.notes,
            { id: noteId, at, staffId: 'chaos-clerk', text: `设备${config.index}备注${i}` },
          ],
        }));
        send({ type: 'ack', entry: { kind: 'note', workOrderId: order.id, noteId } });
      }
    } else if (roll < 0.9) {
      const target = pick(apps);
      if (target) {
        await target.incrementalModify((d) => {
          const next =
            STATUS_FLOW[Math.min(STATUS_FLOW.indexOf(d.status) + 1, STATUS_FLOW.length - 1)];
          return { ...d, status: next ?? d.status, note: `设备${config.index}改${i}` };
        });
      }
    } else if (orders.length > 0) {
      const order = pick(orders);
      if (order) {
        await order.incrementalModify((d) => ({
          ...d,
          status: pick(ORDER_FLOW) ?? d.status,
          assigneeId: `clerk-${config.index}`,
        }));
      }
    } else {
      const app = pick(apps);
      if (app) {
        const id = await insertOrder(app.id);
        send({ type: 'ack', entry: { kind: 'doc', collection: 'workOrders', id } });
      }
    }
    await new Promise((r) => setTimeout(r, random() * config.maxPauseMs));
  }
  offline = false;
  send({ type: 'writes-done', offline: offlineSpells });

  async function snapshot(): Promise<void> {
    const docs = {} as Record<Compared, string[]>;
    for (const name of COMPARED) {
      const all = await db[name].find({ sort: [{ id: 'asc' }] }).exec();
      docs[name] = all.map((d) =>
        canonical({
          ...stripClientFields(d.toJSON() as Record<string, unknown>, CLIENT_ONLY_FIELDS[name]),
          _deleted: false,
        }),
      );
    }
    const issues = await db.syncIssues
      .find({ selector: { state: { $in: ['open', 'retrying'] } } })
      .exec();
    send({
      type: 'snapshot',
      docs,
      pending: status.getState().totalPending,
      openIssues: issues.map((x) => ({ code: x.code, documentId: x.documentId })),
    });
  }

  process.on('message', (message: ToClient) => {
    if (message.type === 'settle') {
      void (async () => {
        engine.resync();
        await Promise.race([engine.awaitInSync(), new Promise((r) => setTimeout(r, 10_000))]);
        await snapshot();
      })().catch((error: unknown) => send({ type: 'error', message: String(error) }));
    }
    if (message.type === 'stop') {
      void (async () => {
        await engine.stop();
        await store.close();
        process.exit(0);
      })();
    }
  });
}

process.once('message', (message: ToClient) => {
  if (message.type !== 'start') return;
  run(message.config).catch((error: unknown) => {
    send({
      type: 'error',
      message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    });
    process.exit(1);
  });
});
