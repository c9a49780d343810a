// What the sync bar says, decided from the sync state (pure, unit-tested). Problems are put in
// plain words with what to do about them.

export type Connection = 'online' | 'offline' | 'syncing' | 'error' | 'upgrade_required';

export interface SyncView {
  readonly connection: Connection;
  /** Documents written here and not yet acknowledged by the server. */
  readonly pending: number;
  readonly mediaPending: number;
  readonly lastSyncAt: number | null;
  /** Present during the first full pull of a freshly enrolled device. */
  readonly firstSync: { readonly done: number; readonly total: number | null } | null;
  /** Records the server rejected (kept, fixable). */
  readonly issueCount: number;
}

export type Tone = 'success' | 'processing' | 'warning' | 'error' | 'default';

export interface SyncBarLine {
  readonly tone: Tone;
  /** i18n key of the short state label. */
  readonly stateKey:
    'sync.online' | 'sync.offline' | 'sync.syncing' | 'sync.error' | 'sync.upgrade';
  /** i18n keys of the problems to spell out, worst first. */
  readonly problems: readonly ('sync.unreachable' | 'sync.rejected' | 'sync.upgradeHint')[];
  readonly showProgress: boolean;
  /** 0–100 when the first sync knows its total. */
  readonly percent: number | null;
}

export function syncBarLine(view: SyncView): SyncBarLine {
  const problems: SyncBarLine['problems'][number][] = [];
  if (view.connection === 'upgrade_required') problems.push('sync.upgradeHint');
  if (view.connection === 'offline' || view.connection === 'error')
    problems.push('sync.unreachable');
  if (view.issueCount > 0) problems.push('sync.rejected');
  const stateKey =
    view.connection === 'upgrade_required'
      ? 'sync.upgrade'
      : view.connection === 'online'
        ? 'sync.online'
        : view.connection === 'syncing'
          ? 'sync.syncing'
          : view.connection === 'error'
            ? 'sync.error'
            : 'sync.offline';
  const tone: Tone =
    view.connection === 'upgrade_required' || view.issueCount > 0
      ? 'error'
      : view.connection === 'offline' || view.connection === 'error'
        ? 'warning'
        : view.connection === 'syncing'
          ? 'processing'
          : 'success';
  const total = view.firstSync?.total ?? null;
  const percent =
    view.firstSync && total && total > 0
      ? Math.min(100, Math.round((view.firstSync.done / total) * 100))
      : null;
  return { tone, stateKey, problems, showProgress: view.firstSync !== null, percent };
}

/** "3 分钟" style age for the last sync; the caller adds 前 / ago. */
export function ageParts(from: number, now: number): { value: number; unit: 'm' | 'h' | 'd' } {
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'm' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'h' };
  return { value: Math.floor(hours / 24), unit: 'd' };
}
