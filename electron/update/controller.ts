// Update state machine. The updater itself (electron-updater) sits behind UpdaterPort so
// this logic — above all "no install without a fresh pre-update backup" — is unit-tested.
import type { UpdateState } from '../../shared/host/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { BackupStore } from '../backup/backupStore.ts';
import type { UpdateFeed } from './feed.ts';

export type UpdaterEvent =
  | { readonly type: 'checking' }
  | { readonly type: 'available'; readonly version: string }
  | { readonly type: 'not-available' }
  | { readonly type: 'progress'; readonly percent: number }
  | { readonly type: 'downloaded'; readonly version: string }
  | { readonly type: 'error'; readonly message: string };

export interface UpdaterPort {
  configure(feed: UpdateFeed): void;
  /** Starts a check (and a download when one is available); progress arrives as events. */
  check(): Promise<void>;
  quitAndInstall(): void;
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export interface UpdateController {
  state(): UpdateState;
  check(): Promise<Result<UpdateState>>;
  install(backupId: string): Promise<Result<UpdateState>>;
}

/** How recent the pre-update backup must be. */
export const PRE_UPDATE_BACKUP_MAX_AGE_MS = 15 * 60 * 1000;

export function reduceUpdate(state: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  switch (event.type) {
    case 'checking':
      return { ...state, phase: 'checking', error: null };
    case 'available':
      return { ...state, phase: 'available', availableVersion: event.version, checkedAt: now };
    case 'not-available':
      return {
        ...state,
        phase: 'not-available',
        availableVersion: null,
        progressPercent: null,
        checkedAt: now,
      };
    case 'progress':
      return {
        ...state,
        phase: 'downloading',
        progressPercent: Math.max(0, Math.min(100, event.percent)),
      };
    case 'downloaded':
      return {
        ...state,
        phase: 'downloaded',
        availableVersion: event.version,
        progressPercent: 100,
      };
    case 'error':
      // The underlying message may carry URLs or paths; keep it in English for support.
      return {
        ...state,
        phase: 'error',
        checkedAt: now,
        error: {
          code: 'UPDATE_FAILED',
          message: '检查或下载更新失败，稍后会自动重试',
          messageEn: `Update check/download failed: ${event.message.slice(0, 300)}`,
        },
      };
  }
}

export function createUpdateController(options: {
  port: UpdaterPort;
  currentVersion: string;
  backupStore: BackupStore;
  /** Read on every check: the server URL or station may have changed. */
  feed: () => Promise<UpdateFeed | null>;
  now?: () => number;
}): UpdateController {
  const now = options.now ?? Date.now;
  let current: UpdateState = {
    phase: 'idle',
    currentVersion: options.currentVersion,
    availableVersion: null,
    progressPercent: null,
    channel: null,
    feedUrl: null,
    checkedAt: null,
    error: null,
  };
  options.port.onEvent((event) => {
    if (current.phase === 'installing') return;
    current = reduceUpdate(current, event, now());
  });

  return {
    state: () => current,
    async check() {
      if (
        current.phase === 'checking' ||
        current.phase === 'downloading' ||
        current.phase === 'installing'
      ) {
        return ok(current);
      }
      const feed = await options.feed();
      if (!feed) {
        return fail(
          'UPDATE_NO_SERVER',
          '尚未配置服务器地址，无法检查更新',
          'No server configured; cannot check for updates',
        );
      }
      options.port.configure(feed);
      current = { ...current, channel: feed.channel, feedUrl: feed.url };
      try {
        await options.port.check();
      } catch (error) {
        current = reduceUpdate(current, { type: 'error', message: String(error) }, now());
      }
      return ok(current);
    },
    async install(backupId) {
      if (current.phase !== 'downloaded') {
        return fail('UPDATE_NOT_READY', '更新尚未下载完成', 'No downloaded update to install');
      }
      const backup = await options.backupStore.get(backupId);
      if (
        !backup ||
        backup.reason !== 'pre-update' ||
        now() - backup.createdAt > PRE_UPDATE_BACKUP_MAX_AGE_MS
      ) {
        return fail(
          'UPDATE_NEEDS_BACKUP',
          '安装更新前必须先完成本地备份',
          'A fresh pre-update backup is required before installing',
          'backupId',
        );
      }
      current = { ...current, phase: 'installing' };
      options.port.quitAndInstall();
      return ok(current);
    },
  };
}

/** For hosts without auto-update (the browser host, development runs). */
export function createDisabledUpdates(
  currentVersion: string,
  reason: { message: string; messageEn: string },
): UpdateController {
  const state: UpdateState = {
    phase: 'disabled',
    currentVersion,
    availableVersion: null,
    progressPercent: null,
    channel: null,
    feedUrl: null,
    checkedAt: null,
    error: { code: 'UPDATE_DISABLED', ...reason },
  };
  const disabled = () => fail('UPDATE_DISABLED', reason.message, reason.messageEn);
  return { state: () => state, check: async () => disabled(), install: async () => disabled() };
}
