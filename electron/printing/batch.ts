// Batch manifests and progress. A batch file lists the label keys in order;
// which of them are printed is read from the ledger, so progress survives a
// crash exactly as far as the ledger does (each entry is fsync'd).
import path from 'node:path';
import type { BatchItemState, BatchProgress, LabelKind } from '../../shared/printing/types.ts';
import type { WaypostError } from '../../shared/result.ts';
import type { PrintLedger } from './ledger/ledger.ts';
import { openAttemptsOf } from './ledger/state.ts';
import { hasFields, keyedJsonStore, type KeyedJsonStore } from './store.ts';

export interface BatchManifest {
  readonly batchId: string;
  readonly printerId: string;
  readonly createdAt: number;
  readonly items: readonly { readonly labelKey: string; readonly labelKind: LabelKind }[];
}

export interface BatchStatus {
  readonly lastError?: Pick<WaypostError, 'code' | 'message' | 'messageEn'>;
  readonly updatedAt: number;
}

const isManifest = hasFields<BatchManifest>({
  batchId: 'string',
  printerId: 'string',
  items: 'array',
});
const isStatus = hasFields<BatchStatus>({ updatedAt: 'number' });

export class BatchStore {
  private readonly manifests: KeyedJsonStore<BatchManifest>;
  private readonly statuses: KeyedJsonStore<BatchStatus>;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'batches');
    this.manifests = keyedJsonStore(
      dir,
      '.batch.json',
      (value, batchId): value is BatchManifest => isManifest(value) && value.batchId === batchId,
    );
    this.statuses = keyedJsonStore(dir, '.status.json', (value): value is BatchStatus =>
      isStatus(value),
    );
  }

  save(manifest: BatchManifest): Promise<void> {
    return this.manifests.save(manifest.batchId, manifest);
  }

  load(batchId: string): Promise<BatchManifest | undefined> {
    return this.manifests.load(batchId);
  }

  saveStatus(batchId: string, status: BatchStatus): Promise<void> {
    return this.statuses.save(batchId, status);
  }

  loadStatus(batchId: string): Promise<BatchStatus | undefined> {
    return this.statuses.load(batchId);
  }
}

export function itemState(ledger: PrintLedger, batchId: string, labelKey: string): BatchItemState {
  const state = ledger.state(labelKey);
  if (state?.firstPrint != null)
    return state.firstPrint.batchId === batchId ? 'printed' : 'skipped';
  if (state?.voided != null) return 'skipped';
  return openAttemptsOf(state, batchId).length > 0 ? 'in_doubt' : 'pending';
}

export function computeProgress(
  manifest: BatchManifest,
  ledger: PrintLedger,
  running: boolean,
  status: BatchStatus | undefined,
  now: number,
): BatchProgress {
  const items = manifest.items.map((item) => ({
    labelKey: item.labelKey,
    state: itemState(ledger, manifest.batchId, item.labelKey),
  }));
  const count = (state: BatchItemState) => items.filter((item) => item.state === state).length;
  const pending = count('pending');
  const inDoubt = count('in_doubt');
  const state = running ? 'running' : pending + inDoubt === 0 ? 'done' : 'paused';
  return {
    batchId: manifest.batchId,
    printerId: manifest.printerId,
    state,
    total: items.length,
    printed: count('printed'),
    skipped: count('skipped'),
    pending,
    inDoubt,
    items,
    ...(state === 'paused' && status?.lastError !== undefined
      ? { lastError: status.lastError }
      : {}),
    updatedAt: status?.updatedAt ?? now,
  };
}
