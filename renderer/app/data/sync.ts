// The sync bar's view of the data layer's sync-status store.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSyncStatus } from '../../stores/sync-status.ts';
import type { SyncView } from '../../features/sync-bar/model.ts';

export interface SyncViewWithError extends SyncView {
  /** The engine's own explanation when it stopped on an error (auth expired, refused...). */
  readonly error: { readonly message: string; readonly messageEn: string } | null;
}

export function useSyncView(): SyncViewWithError {
  // Only primitives (and stable references) in the selector: useShallow compares one level.
  const flat = useSyncStatus(
    useShallow((s) => ({
      connection: s.state,
      pending: s.totalPending,
      mediaPending: s.pending.media ?? 0,
      lastSyncAt: s.lastSyncedAt,
      firstSyncing: !s.firstSync.done && s.firstSync.collectionsTotal > 0,
      firstDone: s.firstSync.collectionsDone,
      firstTotal: s.firstSync.collectionsTotal,
      issueCount: s.issues.length,
      error: s.state === 'error' || s.state === 'upgrade_required' ? s.error : null,
    })),
  );
  return useMemo(
    () => ({
      connection: flat.connection,
      pending: flat.pending,
      mediaPending: flat.mediaPending,
      lastSyncAt: flat.lastSyncAt,
      firstSync: flat.firstSyncing ? { done: flat.firstDone, total: flat.firstTotal } : null,
      issueCount: flat.issueCount,
      error: flat.error,
    }),
    [flat],
  );
}
