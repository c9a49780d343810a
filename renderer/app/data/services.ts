// The data layer's running parts for the logged-in session: the sync engine (with the
// server session's tokens), the waybill number pool and the media upload queue. An offline
// login gets the pool (no refills) and no engine until the clerk logs in online again.
import { createNumberPool, httpBlockSource, type NumberPool } from '../../db/number-pool.ts';
import { createMediaQueue, type MediaQueue } from '../../sync/media-queue.ts';
import { startSync, type SyncEngine } from '../../sync/replication.ts';
import type { AuthTokens } from '../../sync/http.ts';
import { useSyncStatus } from '../../stores/sync-status.ts';
import type { StaffSession } from '../../stores/session.ts';
import { refreshConfig } from './config.ts';
import { data } from './db.ts';
import { call } from './host.ts';
import { printPendingWaybills } from './auto-print.ts';

interface Services {
  engine: SyncEngine | null;
  pool: NumberPool;
  media: MediaQueue | null;
  timers: number[];
  stopOnline: (() => void) | null;
  session: StaffSession;
}

let running: Services | null = null;

export function numberPool(): NumberPool | null {
  return running?.pool ?? null;
}

export function syncEngine(): SyncEngine | null {
  return running?.engine ?? null;
}

export async function stopServices(): Promise<void> {
  const current = running;
  running = null;
  if (!current) return;
  current.timers.forEach((t) => window.clearInterval(t));
  current.stopOnline?.();
  current.media?.stop();
  await current.engine?.stop();
  useSyncStatus.setState({ state: 'offline' });
}

export async function startServices(
  session: StaffSession,
  tokens: AuthTokens | null,
  onTokens: (tokens: AuthTokens) => void,
): Promise<void> {
  await stopServices();
  const store = data();
  const identity = await call((h) => h.device.identity());
  const enrolment = identity.ok ? identity.value.enrolment : null;
  let engine: SyncEngine | null = null;
  if (tokens && enrolment) {
    engine = await startSync({
      store,
      baseUrl: enrolment.serverUrl,
      tokens,
      onTokens,
      deviceId: enrolment.deviceId,
    });
    void refreshConfig(enrolment.serverUrl, tokens.accessToken);
  }
  const pool = createNumberPool({
    store,
    stationId: session.stationId,
    ...(engine ? { requestBlock: httpBlockSource(engine.http), isOnline: () => engine.connectivity.online } : {}),
  });
  const media = engine
    ? createMediaQueue({ media: store.db.media, http: engine.http, connectivity: engine.connectivity })
    : null;
  const timers: number[] = [];
  running = { engine, pool, media, timers, session, stopOnline: null };
  // Numbers run low during a busy day and blocks arrive when the network returns: refill
  // every 30 s, and after a failed request retry sooner (2 s, doubling) while online.
  let retryMs = 2_000;
  let retry: number | null = null;
  const tick = async () => {
    if (running?.pool !== pool) return;
    const refilled = await pool.refill();
    await pool.assignPending();
    await printPendingWaybills(session);
    if (retry !== null) window.clearTimeout(retry);
    retry = null;
    if (!refilled.ok && refilled.error.code === 'NUMBER_BLOCK_UNAVAILABLE') {
      retry = window.setTimeout(() => void tick(), retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    } else {
      retryMs = 2_000;
    }
  };
  void tick();
  timers.push(window.setInterval(() => void tick(), 30_000));
  const subscription = engine?.connectivity.online$.subscribe((online) => {
    if (online) void tick();
  });
  running.stopOnline = subscription ? () => subscription.unsubscribe() : null;
}
