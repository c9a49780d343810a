// Messages between the chaos orchestrator and its client processes (Node IPC).

export const CHAOS_COLLECTIONS = [
  'applications',
  'workOrders',
  'events',
  'conflicts',
  'syncIssues',
] as const;

/** The synced collections compared at the end (syncIssues is local). */
export const COMPARED = ['applications', 'workOrders', 'events', 'conflicts'] as const;
export type Compared = (typeof COMPARED)[number];

export interface ClientConfig {
  index: number;
  baseUrl: string;
  stationId: string;
  deviceId: string;
  accessToken: string;
  refreshToken: string;
  /** This device's clock is off by this much (ms). */
  clockOffsetMs: number;
  seed: number;
  writes: number;
  /** Chance per write of dropping off the network for a while. */
  offlineChance: number;
  /** Pause between writes, up to (ms). */
  maxPauseMs: number;
}

/** A write the client acknowledged (its local insert resolved): it must reach the server. */
export type LedgerEntry =
  | { kind: 'doc'; collection: 'applications' | 'workOrders' | 'events'; id: string }
  | { kind: 'note'; workOrderId: string; noteId: string };

export type ToClient =
  { type: 'start'; config: ClientConfig } | { type: 'settle' } | { type: 'stop' };

export type FromClient =
  | { type: 'ready' }
  | { type: 'ack'; entry: LedgerEntry }
  | { type: 'writes-done'; offline: number }
  | {
      type: 'snapshot';
      docs: Record<Compared, string[]>;
      pending: number;
      openIssues: { code: string; documentId: string }[];
    }
  | { type: 'error'; message: string };
