// Ends long-lived connections (event streams) whose session stops being valid: logout,
// refresh-token reuse, device revocation, a staff member disabled, moved or given another
// role. Database triggers (migration 002) NOTIFY `waypost_auth_<schema>` with
// `session:<id>`, `device:<id>` or `staff:<id>` whatever wrote the change (server, admin CLI,
// plain SQL), so every server process closes the affected streams at once. A sweep re-reads
// all watched sessions in ONE query every `sweepMs` as a safety net (a dropped LISTEN
// connection), instead of one query per stream per heartbeat.
import type { Db } from '../db/types.ts';
import type { TokenClaims } from './tokens.ts';

export interface SessionWatch {
  readonly channel: string;
  /** Calls `onInvalid` once when the session behind `claims` ends; returns an unwatch. */
  watch(
    claims: Pick<TokenClaims, 'sid' | 'deviceId' | 'staffId'>,
    onInvalid: () => void,
  ): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads every watched session now (the sweep; tests call it directly). */
  sweep(): Promise<void>;
}

interface Watcher {
  sid: string;
  deviceId: string;
  staffId: string;
  onInvalid: () => void;
}

export function createSessionWatch(db: Db, options: { sweepMs: number }): SessionWatch {
  const channel = `waypost_auth_${db.namespace}`;
  const watchers = new Set<Watcher>();
  let unlisten: (() => Promise<void>) | null = null;
  let timer: NodeJS.Timeout | undefined;
  let sweeping = false;

  const end = (matches: (w: Watcher) => boolean): void => {
    for (const watcher of [...watchers]) {
      if (!matches(watcher)) continue;
      watchers.delete(watcher);
      watcher.onInvalid();
    }
  };

  const onNotify = (payload: string): void => {
    const [kind, id] = payload.split(':', 2);
    if (!id) return;
    if (kind === 'session') end((w) => w.sid === id);
    else if (kind === 'device') end((w) => w.deviceId === id);
    else if (kind === 'staff') end((w) => w.staffId === id);
  };

  const sweep = async (): Promise<void> => {
    if (sweeping || watchers.size === 0) return;
    sweeping = true;
    try {
      const asked = new Set([...watchers].map((w) => w.sid));
      const ids = [...asked];
      const { rows } = await db.query<{ id: string }>(
        `SELECT se.id
           FROM sessions se
           JOIN devices d ON d.id = se.device_id
           JOIN staff s ON s.id = se.staff_id
          WHERE se.id = ANY($1::text[])
            AND se.revoked_at IS NULL AND d.revoked_at IS NULL AND s.disabled_at IS NULL`,
        [ids],
      );
      const valid = new Set(rows.map((r) => r.id));
      end((w) => asked.has(w.sid) && !valid.has(w.sid));
    } catch {
      // The database is unreachable: keep the streams; the next sweep decides.
    } finally {
      sweeping = false;
    }
  };

  return {
    channel,
    watch(claims, onInvalid) {
      const watcher: Watcher = {
        sid: claims.sid,
        deviceId: claims.deviceId,
        staffId: claims.staffId,
        onInvalid,
      };
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
    async start() {
      unlisten ??= await db.listen(channel, onNotify);
      if (!timer) {
        timer = setInterval(() => void sweep(), options.sweepMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      const stop = unlisten;
      unlisten = null;
      if (stop) await stop().catch(() => undefined);
    },
    sweep,
  };
}
