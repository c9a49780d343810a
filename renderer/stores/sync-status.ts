// What the UI shows about sync: the state (online / offline / syncing / error / upgrade
// required), pending pushes per collection, the last successful sync, first-sync progress and
// every record the server refused. The sync engine writes it; screens read it and call
// retryIssue / discardIssue (bound to the running engine).
import { create } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { fail, type Result } from '../../shared/result.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';

export type SyncState = 'online' | 'offline' | 'syncing' | 'error' | 'upgrade_required';

export interface SyncStatusError {
  code: string;
  message: string;
  messageEn: string;
}

/** A refused record as the list shows it (no personal data: the document stays encrypted). */
export interface SyncIssueView {
  id: string;
  collectionName: string;
  documentId: string;
  code: string;
  message: string;
  messageEn: string;
  field?: string;
  state: 'open' | 'retrying';
  rejectedAt: number;
  attempts: number;
}

export interface StaffActor {
  staffId: string;
  role: string;
  stationId: string;
}

export interface FirstSyncProgress {
  done: boolean;
  collectionsDone: number;
  collectionsTotal: number;
  documentsPulled: number;
}

export interface SyncStatusState {
  state: SyncState;
  error: SyncStatusError | null;
  pending: Partial<Record<SyncedCollection, number>>;
  totalPending: number;
  lastSyncedAt: number | null;
  firstSync: FirstSyncProgress;
  issues: SyncIssueView[];
  /** Re-validates the edited record and pushes it again. */
  retryIssue(issueId: string, editedDoc: Record<string, unknown>): Promise<Result<void>>;
  /** Supervisors and admins only; audited. The record is kept, marked discarded. */
  discardIssue(issueId: string, staff: StaffActor, reason: string): Promise<Result<void>>;
}

export type SyncStatusStore = StoreApi<SyncStatusState>;

const notRunning = async (): Promise<Result<void>> =>
  fail('SYNC_NOT_RUNNING', '同步尚未启动，请登录后再试', 'Sync is not running: log in first');

function initialState(): SyncStatusState {
  return {
    state: 'offline',
    error: null,
    pending: {},
    totalPending: 0,
    lastSyncedAt: null,
    firstSync: { done: false, collectionsDone: 0, collectionsTotal: 0, documentsPulled: 0 },
    issues: [],
    retryIssue: notRunning,
    discardIssue: notRunning,
  };
}

/** A separate store (tests, or several engines in one process). */
export function createSyncStatusStore(): SyncStatusStore {
  return createStore<SyncStatusState>()(() => initialState());
}

/** The app's store, as a React hook (`useSyncStatus((s) => s.state)`) and a vanilla store. */
export const useSyncStatus = create<SyncStatusState>()(() => initialState());

export const SYNC_MESSAGES = {
  upgrade_required: {
    code: 'UPGRADE_REQUIRED',
    message: '请升级客户端：服务器已不再支持此版本。数据已安全保存在本机，升级后自动同步。',
    messageEn:
      'Please upgrade the client: the server no longer supports this version. Your data is safe on this device and syncs after the upgrade.',
  },
  auth: {
    code: 'AUTH_EXPIRED',
    message: '登录已过期，请重新登录后继续同步。数据已安全保存在本机。',
    messageEn:
      'The login has expired: log in again to continue syncing. Your data is safe on this device.',
  },
  server: {
    code: 'SERVER_UNAVAILABLE',
    message: '同步服务器暂时无法处理请求，稍后自动重试。',
    messageEn: 'The sync server cannot handle requests right now; retrying automatically.',
  },
  client: {
    code: 'SYNC_REQUEST_REFUSED',
    message: '同步请求被服务器拒绝，稍后自动重试；如持续出现请联系管理员。',
    messageEn:
      'The server refused a sync request; retrying. Contact the administrator if it persists.',
  },
} as const satisfies Record<string, SyncStatusError>;
