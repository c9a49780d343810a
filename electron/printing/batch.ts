// Batch manifests and progress. A batch file lists the label keys in order;
// which of them are printed is read from the ledger, so progress survives a
// crash exactly as far as the ledger does (each entry is fsync'd).
import path from 'node:path';
import type { BatchItemState, BatchProgress, LabelKind } from '../../shared/printing/types.ts';
import type { WaypostError } from '../../shared/result.ts';
import type { PrintLedger } from './ledger/ledger.ts';
import { openAttemptsOf } from './ledger/state.ts';
import { keyFileName, readJson, writeJsonAtomic } from './store.ts';

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

function isManifest(value: unknown): value is BatchManifest {
  return (
    typeof value === 'object' &&
    value !== null &&
    'batchId' in value &&
    typeof value.batchId === 'string' &&
    'printerId' in value &&
    typeof value.printerId === 'string' &&
    'items' in value &&
    Array.isArray(value.items)
  );
}

function isStatus(value: unknown): value is BatchStatus {
  return (
    typeof value === 'object' &&
    value !== null &&
    'updatedAt' in value &&
    typeof value.updatedAt === 'number'
  );
}

export class BatchStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'batches');
  }

  private file(batchId: string, suffix: string): string {
    return path.join(this.dir, keyFileName(batchId).replace('.json', suffix));
  }

  async save(manifest: BatchManifest): Promise<void> {
    await writeJsonAtomic(this.file(manifest.batchId, '.batch.json'), manifest);
  }

  async load(batchId: string): Promise<BatchManifest | undefined> {
    const raw = await readJson(this.file(batchId, '.batch.json'));
    return isManifest(raw) && raw.batchId === batchId ? raw : undefined;
  }

  async saveStatus(batchId: string, status: BatchStatus): Promise<void> {
    await writeJsonAtomic(this.file(batchId, '.status.json'), status);
  }

  async loadStatus(batchId: string): Promise<BatchStatus | undefined> {
    const raw = await readJson(this.file(batchId, '.status.json'));
    return isStatus(raw) ? raw : undefined;
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
