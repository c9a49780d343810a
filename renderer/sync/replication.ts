// The replication client: one RxDB replication per synced collection speaking protocol v1
// (docs/PROTOCOL.md). Pull by checkpoint, push rows with their assumed master state, a live
// SSE stream for busy collections (polling for the rest), retries with exponential backoff
// and jitter, waiting while offline, and a sticky "please upgrade" state on HTTP 426.
//
// The replications are never paused: RxDB's pause() drops the documents of a push that was
// in flight, and a later checkpoint-only step (e.g. after a pull) then moves the upstream
// checkpoint past them, so they would never be pushed (found by the chaos test). Instead each
// handler waits at a gate until the device is online and not halted; RxDB keeps the rows.
import { Subject, debounceTime, merge, type Subscription } from 'rxjs';
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxCollection,
  type RxDocumentData,
  type RxReplicationPullStreamItem,
  type WithDeleted,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { isSyncedCollection } from '../../shared/sync/collections.ts';
import { syncPaths, type PushRow, type PushResponse } from '../../shared/sync/protocol.ts';
import type { WaypostDataStore } from '../db/database.ts';
import type { CollectionName } from '../db/collections.ts';
import { CLIENT_ONLY_FIELDS, applyApplicationLookupFields } from '../db/derived-fields.ts';
import { MEDIA_ATTACHMENT_ID } from '../db/schemas/media.schema.ts';
import {
  SYNC_MESSAGES,
  useSyncStatus,
  type StaffActor,
  type SyncStatusStore,
} from '../stores/sync-status.ts';
import { createBackoff, sleep, type Backoff } from './backoff.ts';
import { stripClientFields } from './conflict-handler.ts';
import { createConnectivity, type Connectivity } from './connectivity.ts';
import { SyncHttpError, createSyncHttp, type AuthTokens, type SyncHttp } from './http.ts';
import { assumedStateFor, discardIssue, openIssues, retryIssue, settlePush } from './issues.ts';
import { collectionStream$ } from './stream.ts';
import { isPullResponse, isPushResponse, type ClientCheckpoint } from './wire.ts';
import { Observable } from 'rxjs';

type Json = Record<string, unknown>;
/**
 * A pulled media document's local state (null: none), read for the whole page by the pull
 * handler. A symbol key: RxDB's copies ({ ...doc }) keep it, JSON and the wire never see it,
 * and documents from the live stream never carry it (the modifier reads those itself).
 */
const LOCAL_STATE = Symbol('localState');
type PulledDoc = Json & { [LOCAL_STATE]?: RxDocumentData<Json> | null };

/**
 * Chosen by measurement (docs/DATA.md, tests/integration/sync-client/measure-batches.ts):
 * throughput grows with batch size both ways; push stops at 1000 rows so one request stays
 * ~1.5 MB and well inside the request time limit on a slow link, pull uses the server's cap.
 */
export const DEFAULT_PUSH_BATCH_SIZE = 1000;
export const DEFAULT_PULL_BATCH_SIZE = 2000;
/** Pending-count refresh interval while a replication is busy (ms): at least this... */
const RECOUNT_BUSY_MS = 2_000;
/** ...and at least this many times the last recount took (a recount reads every unsent row). */
const RECOUNT_BUSY_FACTOR = 10;
/** Browsers allow 6 HTTP/1.1 connections per origin: live streams only for busy collections. */
export const DEFAULT_STREAM_COLLECTIONS: readonly SyncedCollection[] = [
  'applications',
  'events',
  'waybills',
];

export interface StartSyncOptions<K extends CollectionName> {
  store: WaypostDataStore<K>;
  baseUrl: string;
  tokens: AuthTokens;
  onTokens?: (tokens: AuthTokens) => void;
  deviceId?: string;
  fetch?: typeof fetch;
  status?: SyncStatusStore;
  pushBatchSize?: number;
  pullBatchSize?: number;
  streamCollections?: readonly SyncedCollection[];
  /** Collections without a live stream pull this often (ms). */
  pollIntervalMs?: number;
  /** Where online/offline events come from; the window in a browser. */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  healthPath?: string;
  backoff?: { baseMs?: number; maxMs?: number };
  /** Longest wait between health probes while offline (ms). */
  probeIntervalMs?: number;
  requestTimeoutMs?: number;
}

export interface SyncEngine {
  readonly http: SyncHttp;
  readonly connectivity: Connectivity;
  readonly replications: ReadonlyMap<SyncedCollection, RxReplicationState<Json, ClientCheckpoint>>;
  /** Resolves when every collection has pushed and pulled all it can see now. */
  awaitInSync(): Promise<void>;
  /** Pull now in every collection (e.g. after a block of numbers arrived). */
  resync(): void;
  setTokens(tokens: AuthTokens): void;
  stop(): Promise<void>;
}

function globalEvents(): Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null {
  return typeof window !== 'undefined' && typeof window.addEventListener === 'function'
    ? window
    : null;
}

export async function startSync<K extends CollectionName>(
  options: StartSyncOptions<K>,
): Promise<SyncEngine> {
  const { store } = options;
  const status = options.status ?? useSyncStatus;
  if (options.deviceId) store.context.deviceId = options.deviceId;
  const http = createSyncHttp({
    baseUrl: options.baseUrl,
    tokens: options.tokens,
    onTokens: options.onTokens,
    fetch: options.fetch,
    timeoutMs: options.requestTimeoutMs,
  });
  const events = options.events === undefined ? globalEvents() : options.events;
  const connectivity = createConnectivity({
    baseUrl: options.baseUrl,
    healthPath: options.healthPath,
    fetch: options.fetch,
    events,
    navigatorOnLine: () => (typeof navigator !== 'undefined' ? navigator.onLine : undefined),
    ...(options.probeIntervalMs ? { maxProbeIntervalMs: options.probeIntervalMs } : {}),
  });
  const collections: SyncedCollection[] = [];
  for (const name of store.collectionNames) if (isSyncedCollection(name)) collections.push(name);
  const db = store.db.collections as unknown as Record<string, RxCollection<Json>>;
  const replications = new Map<SyncedCollection, RxReplicationState<Json, ClientCheckpoint>>();
  const subscriptions: Subscription[] = [];
  const stopped = new AbortController();
  let halted: 'upgrade_required' | 'auth' | null = null;
  let lastError: SyncHttpError | null = null;
  const changed$ = new Subject<void>();

  const issueStore = {
    db: store.db.collections as unknown as Parameters<typeof retryIssue>[0]['db'],
    context: store.context,
  };
  status.setState({
    retryIssue: (id: string, edited: Json) => retryIssue(issueStore, id, edited),
    discardIssue: (id: string, staff: StaffActor, reason: string) =>
      discardIssue(issueStore, id, staff, reason),
    firstSync: {
      done: false,
      collectionsDone: 0,
      collectionsTotal: collections.length,
      documentsPulled: 0,
    },
  });

  function refreshState(): void {
    if (halted === 'upgrade_required') {
      status.setState({ state: 'upgrade_required', error: SYNC_MESSAGES.upgrade_required });
      return;
    }
    if (halted === 'auth') {
      status.setState({ state: 'error', error: SYNC_MESSAGES.auth });
      return;
    }
    if (!connectivity.online) {
      status.setState({ state: 'offline', error: null });
      return;
    }
    if (lastError) {
      status.setState({
        state: 'error',
        error: lastError.kind === 'client' ? SYNC_MESSAGES.client : SYNC_MESSAGES.server,
      });
      return;
    }
    const active = [...replications.values()].some((r) => r.subjects.active.getValue());
    status.setState({ state: active ? 'syncing' : 'online', error: null });
  }

  // Handlers wait here while offline or halted; opening the gate re-checks everyone.
  let gateChanged = new Subject<void>();
  function openGate(): void {
    const previous = gateChanged;
    gateChanged = new Subject<void>();
    previous.next();
    previous.complete();
  }
  async function gate(): Promise<void> {
    while (!stopped.signal.aborted && (halted !== null || !connectivity.online)) {
      const changed = gateChanged;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          sub.unsubscribe();
          reject(stopped.signal.reason);
        };
        const sub = changed.subscribe({
          complete: () => {
            stopped.signal.removeEventListener('abort', onAbort);
            resolve();
          },
        });
        stopped.signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    if (stopped.signal.aborted) throw stopped.signal.reason;
  }

  function halt(kind: 'upgrade_required' | 'auth'): void {
    if (halted === 'upgrade_required') return;
    halted = kind;
    refreshState();
  }

  /** Runs one request with the collection's backoff; classifies the failure. */
  async function attempt<T>(backoff: Backoff, run: () => Promise<T>): Promise<T> {
    await gate();
    const delay = backoff.nextDelay();
    if (delay > 0) await sleep(delay, stopped.signal);
    await gate();
    try {
      const result = await run();
      backoff.reset();
      lastError = null;
      status.setState({ lastSyncedAt: store.context.now() });
      refreshState();
      return result;
    } catch (error) {
      backoff.fail();
      if (error instanceof SyncHttpError) {
        if (error.kind === 'upgrade_required' || error.kind === 'auth') halt(error.kind);
        else if (error.kind === 'network') connectivity.reportNetworkFailure();
        else lastError = error;
      }
      refreshState();
      throw error;
    }
  }

  for (const name of collections) {
    const collection = db[name];
    if (!collection) continue;
    const clientFields = CLIENT_ONLY_FIELDS[name];
    const pullBackoff = createBackoff(options.backoff);
    const pushBackoff = createBackoff(options.backoff);
    const stream$ = streamFor(name);

    const replication = replicateRxCollection<Json, ClientCheckpoint>({
      replicationIdentifier: `waypost-v1-${name}-${http.baseUrl}`,
      collection,
      live: true,
      // Our handlers wait their own backoff; RxDB's fixed retry just re-enters them.
      retryTime: 100,
      waitForLeadership: store.db.multiInstance,
      pull: {
        batchSize: options.pullBatchSize ?? DEFAULT_PULL_BATCH_SIZE,
        stream$,
        modifier: (doc: Json) => pullModifier(name, collection, doc),
        handler: (checkpoint, batchSize) =>
          attempt(pullBackoff, async () => {
            const query = new URLSearchParams({ limit: String(batchSize) });
            if (checkpoint?.cp) query.set('checkpoint', checkpoint.cp);
            const body = await http.json<unknown>(
              'GET',
              `${syncPaths.pull(name)}?${query}`,
              undefined,
              stopped.signal,
            );
            if (!isPullResponse(body)) {
              throw new SyncHttpError('server', 200, 'BAD_PULL', 'unreadable pull answer');
            }
            if (name === 'media' && body.documents.length > 0) {
              // One read for the page (was one IndexedDB transaction per pulled photo).
              const ids = body.documents.map((d) => String(d['id']));
              const locals = new Map<string, RxDocumentData<Json>>();
              for (const local of await collection.storageInstance.findDocumentsById(ids, true)) {
                locals.set(String(local['id']), local);
              }
              for (const doc of body.documents as PulledDoc[]) {
                doc[LOCAL_STATE] = locals.get(String(doc['id'])) ?? null;
              }
            }
            return {
              documents: body.documents as WithDeleted<Json>[],
              checkpoint: body.checkpoint === null ? checkpoint : { cp: body.checkpoint },
            };
          }),
      },
      push: {
        batchSize: options.pushBatchSize ?? DEFAULT_PUSH_BATCH_SIZE,
        modifier: (doc: WithDeleted<Json>) => stripClientFields(doc, clientFields),
        handler: (rows) =>
          attempt(pushBackoff, async () => {
            const ids = rows.map((row) => String(row.newDocumentState['id']));
            const issues = await openIssues(issueStore, name, ids);
            const sent: PushRow<Json>[] = rows.map((row) => ({
              assumedMasterState: assumedStateFor(
                {
                  assumedMasterState: (row.assumedMasterState ??
                    null) as PushRow<Json>['assumedMasterState'],
                  newDocumentState: row.newDocumentState as PushRow<Json>['newDocumentState'],
                },
                issues.get(String(row.newDocumentState['id'])),
              ),
              newDocumentState: row.newDocumentState as PushRow<Json>['newDocumentState'],
            }));
            const body = await http.json<unknown>(
              'POST',
              syncPaths.push(name),
              sent,
              stopped.signal,
            );
            if (!isPushResponse(body)) {
              throw new SyncHttpError('server', 200, 'BAD_PUSH', 'unreadable push answer');
            }
            const response: PushResponse<Json> = body;
            const conflictIds = new Set(response.conflicts.map((d) => String(d['id'])));
            await settlePush(issueStore, name, sent, response.rejected ?? [], conflictIds, issues);
            return response.conflicts as WithDeleted<Json>[];
          }),
      },
    });
    replications.set(name, replication);
    subscriptions.push(
      replication.active$.subscribe(() => refreshState()),
      replication.sent$.subscribe(() => changed$.next()),
      replication.received$.subscribe(() => {
        const first = status.getState().firstSync;
        if (!first.done) {
          status.setState({ firstSync: { ...first, documentsPulled: first.documentsPulled + 1 } });
        }
      }),
      collection.$.subscribe(() => changed$.next()),
    );
    void replication
      .awaitInitialReplication()
      .then(() => {
        const first = status.getState().firstSync;
        const collectionsDone = first.collectionsDone + 1;
        status.setState({
          firstSync: { ...first, collectionsDone, done: collectionsDone >= first.collectionsTotal },
        });
      })
      .catch(() => undefined);
  }

  function streamFor(
    name: SyncedCollection,
  ): Observable<RxReplicationPullStreamItem<Json, ClientCheckpoint>> {
    const live = (options.streamCollections ?? DEFAULT_STREAM_COLLECTIONS).includes(name);
    if (live) {
      return collectionStream$({
        http,
        collection: name,
        connectivity,
        onFailure: (error) => {
          if (
            error instanceof SyncHttpError &&
            (error.kind === 'upgrade_required' || error.kind === 'auth')
          ) {
            halt(error.kind);
          }
        },
      });
    }
    const every = options.pollIntervalMs ?? 30_000;
    return new Observable((subscriber) => {
      const timer = setInterval(() => {
        if (connectivity.online) subscriber.next('RESYNC');
      }, every);
      return () => clearInterval(timer);
    });
  }

  async function pullModifier(
    name: SyncedCollection,
    collection: RxCollection<Json>,
    doc: PulledDoc,
  ): Promise<WithDeleted<Json>> {
    const { [LOCAL_STATE]: readByHandler, ...out } = doc;
    if (name === 'applications') {
      await applyApplicationLookupFields(store.blindIndexer, out);
    }
    if (name === 'media') {
      // Keep the local bytes: the server never has attachments, and a pulled state without
      // them would otherwise drop the photo before the media queue uploaded it. The pull
      // handler read the page's local states; documents from the live stream are read here.
      const [local] =
        readByHandler === undefined
          ? await collection.storageInstance.findDocumentsById([String(doc['id'])], true)
          : [readByHandler ?? undefined];
      out['uploadState'] = local?.['uploadState'] ?? 'remote';
      if (typeof local?.['uploadedAt'] === 'number') out['uploadedAt'] = local['uploadedAt'];
      const attachment = local?._attachments?.[MEDIA_ATTACHMENT_ID];
      // Always present, even empty: RxDB keeps this state as what the server holds, and a
      // later local edit of the document cannot be pushed against a state without it (AT4).
      out['_attachments'] = attachment
        ? {
            [MEDIA_ATTACHMENT_ID]: {
              digest: attachment.digest,
              length: attachment.length,
              type: attachment.type,
            },
          }
        : {};
    }
    return out as WithDeleted<Json>;
  }

  // Pending pushes: documents changed after the upstream checkpoint whose state differs from
  // what the server is known to hold. Recounted shortly after changes settle.
  async function countPending(name: SyncedCollection): Promise<number | null> {
    const replication = replications.get(name);
    const state = replication?.internalReplicationState;
    if (!state) return null;
    let checkpoint = await getLastCheckpointDoc(state, 'up');
    let count = 0;
    for (;;) {
      const { documents, checkpoint: next } = await getChangedDocumentsSince(
        state.input.forkInstance,
        500,
        checkpoint,
      );
      if (documents.length === 0) break;
      const ids = documents.map((d) => String((d as Json)[state.primaryPath]));
      const assumed = await getAssumedMasterState(state, ids);
      for (const doc of documents) {
        const id = String((doc as Json)[state.primaryPath]);
        const master = assumed[id];
        const docState = writeDocToDocState(doc, state.hasAttachments, false);
        if (!master || !state.input.conflictHandler.isEqual(master.docData, docState, 'pending')) {
          count += 1;
        }
      }
      checkpoint = next;
      if (documents.length < 500) break;
    }
    return count;
  }

  async function recountPending(): Promise<void> {
    const pending: Partial<Record<SyncedCollection, number>> = { ...status.getState().pending };
    for (const name of replications.keys()) {
      const count = await countPending(name).catch(() => null);
      if (count !== null) pending[name] = count;
    }
    const totalPending = Object.values(pending).reduce((a, b) => a + (b ?? 0), 0);
    status.setState({ pending, totalPending });
  }
  // One recount at a time: a count reads every unsent document, so during a long sync of
  // thousands of rows overlapping or back-to-back recounts would cost more than the sync
  // itself. While replicating, at most one every RECOUNT_BUSY_MS; the last change always counts.
  // With 10,000 unsent rows one recount takes seconds (a 10,000-row push: documents in sync
  // after 28 s with a recount every 2 s, 24 s without), so the pause grows with its cost: recounting stays under ~1/10 of the time.
  let recounting = false;
  let recountAgain = false;
  async function scheduleRecount(): Promise<void> {
    if (recounting) {
      recountAgain = true;
      return;
    }
    recounting = true;
    try {
      do {
        recountAgain = false;
        const started = Date.now();
        await recountPending().catch(() => undefined);
        const took = Date.now() - started;
        const busy = [...replications.values()].some((r) => r.subjects.active.getValue());
        if (recountAgain && busy) {
          await sleep(Math.max(RECOUNT_BUSY_MS, RECOUNT_BUSY_FACTOR * took), stopped.signal);
        }
      } while (recountAgain && !stopped.signal.aborted);
    } catch {
      // stopped while waiting
    } finally {
      recounting = false;
    }
  }
  subscriptions.push(
    merge(changed$, connectivity.online$)
      .pipe(debounceTime(300))
      .subscribe(() => void scheduleRecount()),
  );

  // Open issues for the list (metadata only; the refused document stays encrypted).
  const syncIssues = db['syncIssues'];
  if (syncIssues) {
    subscriptions.push(
      syncIssues
        .find({ selector: { state: { $in: ['open', 'retrying'] } }, sort: [{ rejectedAt: 'asc' }] })
        .$.subscribe((docs) => {
          status.setState({
            issues: docs.map((d) => {
              const issue = d.toJSON() as Json;
              return {
                id: String(issue['id']),
                collectionName: String(issue['collectionName']),
                documentId: String(issue['documentId']),
                code: String(issue['code']),
                message: String(issue['message']),
                messageEn: String(issue['messageEn']),
                ...(typeof issue['field'] === 'string' ? { field: issue['field'] } : {}),
                state: issue['state'] === 'retrying' ? 'retrying' : 'open',
                rejectedAt: Number(issue['rejectedAt']),
                attempts: Number(issue['attempts']),
              };
            }),
          });
        }),
    );
  }

  // Back online: open the gate and pull whatever changed meanwhile.
  subscriptions.push(
    connectivity.online$.subscribe((online) => {
      if (online && halted === null) {
        openGate();
        for (const replication of replications.values()) replication.reSync();
      }
      refreshState();
    }),
  );
  refreshState();

  return {
    http,
    connectivity,
    replications,
    async awaitInSync() {
      await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
      await recountPending();
    },
    resync() {
      for (const replication of replications.values()) replication.reSync();
    },
    setTokens(tokens) {
      http.setTokens(tokens);
      if (halted === 'auth') {
        halted = null;
        openGate();
        refreshState();
      }
    },
    async stop() {
      stopped.abort(new Error('sync stopped'));
      subscriptions.forEach((s) => s.unsubscribe());
      await Promise.all([...replications.values()].map((r) => r.cancel()));
      connectivity.stop();
    },
  };
}
