// What the ledger says about each label (pure reduction over the entries).
import type { LedgerEntry } from '../../../shared/printing/types.ts';

export interface LabelState {
  readonly labelKey: string;
  /** The first confirmed print (print, or a reprint of an in-doubt label). */
  firstPrint: LedgerEntry | null;
  prints: number;
  reprints: number;
  voided: LedgerEntry | null;
  /** Attempts with no settling entry: bytes may have reached the printer. */
  readonly openAttempts: Map<string, LedgerEntry>;
}

export function emptyState(labelKey: string): LabelState {
  return {
    labelKey,
    firstPrint: null,
    prints: 0,
    reprints: 0,
    voided: null,
    openAttempts: new Map(),
  };
}

/** Fold one entry into the per-label state map (entries arrive in ledger order). */
export function applyEntry(states: Map<string, LabelState>, entry: LedgerEntry): void {
  let state = states.get(entry.labelKey);
  if (state === undefined) {
    state = emptyState(entry.labelKey);
    states.set(entry.labelKey, state);
  }
  switch (entry.kind) {
    case 'attempt':
      state.openAttempts.set(entry.id, entry);
      return;
    case 'failed':
      if (entry.attemptId !== undefined) state.openAttempts.delete(entry.attemptId);
      return;
    case 'print':
    case 'reprint':
      if (entry.attemptId !== undefined) state.openAttempts.delete(entry.attemptId);
      if (entry.kind === 'print') state.prints += 1;
      else state.reprints += 1;
      state.firstPrint ??= entry;
      return;
    case 'void':
      state.voided ??= entry;
      return;
  }
}

export function isPrinted(state: LabelState | undefined): boolean {
  return state?.firstPrint != null;
}

/** Open attempts of one batch (the batch's in-doubt labels). */
export function openAttemptsOf(
  state: LabelState | undefined,
  batchId: string | undefined,
): LedgerEntry[] {
  if (state === undefined) return [];
  return [...state.openAttempts.values()].filter((entry) => entry.batchId === batchId);
}
