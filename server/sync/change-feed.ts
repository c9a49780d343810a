// "Collection X changed" signals from every server process: pushes pg_notify the channel in
// their transaction (delivered at commit), and each process LISTENs once and wakes its own
// open streams. On PGlite (one process) the same LISTEN/NOTIFY works in-process.
import type { Db } from '../db/types.ts';

export interface ChangeFeed {
  readonly channel: string;
  subscribe(collection: string, onChange: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createChangeFeed(db: Db): ChangeFeed {
  const channel = `waypost_sync_${db.namespace}`;
  const listeners = new Map<string, Set<() => void>>();
  let unlisten: (() => Promise<void>) | null = null;

  return {
    channel,
    subscribe(collection, onChange) {
      let set = listeners.get(collection);
      if (!set) {
        set = new Set();
        listeners.set(collection, set);
      }
      set.add(onChange);
      return () => {
        set.delete(onChange);
      };
    },
    async start() {
      unlisten ??= await db.listen(channel, (collection) => {
        for (const listener of listeners.get(collection) ?? []) listener();
      });
    },
    async stop() {
      const stop = unlisten;
      unlisten = null;
      if (stop) await stop().catch(() => undefined);
    },
  };
}
