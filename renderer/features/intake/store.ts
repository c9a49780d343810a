// The intake screen's state: the draft, the errors shown beside fields, and what the last save
// did. Field updates clear that field's error so the clerk sees it go away as they fix it.
import { create } from 'zustand';
import type { WaypostError } from '../../../shared/result.ts';
import { emptyDraft, impliedPriority, type IntakeDraft } from './draft.ts';
import type { FieldErrors } from './validate.ts';

export interface SaveOutcome {
  readonly applicationId: string;
  readonly acceptanceNo: string;
  readonly waybillNo: string | null;
  readonly method: 'mail' | 'collect';
  /** The pool was empty: the waybill waits for a number and its print. */
  readonly pendingPrint: boolean;
  readonly waybillPrinted: boolean;
  readonly receiptPrinted: boolean;
  readonly printError: WaypostError | null;
}

interface IntakeState {
  draft: IntakeDraft;
  errors: FieldErrors;
  /** Fields filled by a scanner, shown with a small tag. */
  scanned: Record<string, boolean>;
  saving: boolean;
  outcome: SaveOutcome | null;
  update: (path: string, change: (draft: IntakeDraft) => void) => void;
  setErrors: (errors: FieldErrors) => void;
  markScanned: (path: string) => void;
  setSaving: (saving: boolean) => void;
  setOutcome: (outcome: SaveOutcome | null) => void;
  reset: (businessCode?: IntakeDraft['businessCode']) => void;
}

function clone(draft: IntakeDraft): IntakeDraft {
  return {
    ...draft,
    applicant: { ...draft.applicant },
    delivery: { ...draft.delivery },
    recipient: {
      ...draft.recipient,
      address: { ...draft.recipient.address, names: { ...draft.recipient.address.names } },
    },
    fee: { ...draft.fee },
    documents: [...draft.documents],
    rubbings: [...draft.rubbings],
    vehicle: { ...draft.vehicle },
  };
}

/** `next` with every part equal to the same part of `prev` replaced by prev's object, so
 * screens subscribed to an unchanged part do not re-render. */
function shareUnchanged<T>(prev: T, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || !prev || !next)
    return next;
  if (prev instanceof Uint8Array || next instanceof Uint8Array) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(prev).length) {
    if (Array.isArray(next)) return next;
  }
  let same = keys.length === Object.keys(prev).length;
  const out: Record<string, unknown> = Array.isArray(next)
    ? ([] as unknown as Record<string, unknown>)
    : {};
  for (const key of keys) {
    const p = (prev as Record<string, unknown>)[key];
    const shared = shareUnchanged(p, (next as Record<string, unknown>)[key]);
    out[key] = shared;
    if (shared !== p) same = false;
  }
  return same ? prev : (out as T);
}

export const useIntake = create<IntakeState>((set) => ({
  draft: emptyDraft(),
  errors: {},
  scanned: {},
  saving: false,
  outcome: null,
  update: (path, change) =>
    set((state) => {
      const changed = clone(state.draft);
      change(changed);
      const draft = shareUnchanged(state.draft, changed);
      const errors = { ...state.errors };
      // Clear this field's error and any error of a field nested under it.
      for (const key of Object.keys(errors)) {
        if (key === path || key.startsWith(`${path}.`)) delete errors[key];
      }
      return { draft, errors };
    }),
  setErrors: (errors) => set({ errors }),
  markScanned: (path) => set((state) => ({ scanned: { ...state.scanned, [path]: true } })),
  setSaving: (saving) => set({ saving }),
  setOutcome: (outcome) => set({ outcome }),
  reset: (businessCode) =>
    set(() => {
      const draft = emptyDraft();
      if (businessCode) {
        draft.businessCode = businessCode;
        draft.priority = impliedPriority(businessCode) ?? 'normal';
      }
      return { draft, errors: {}, scanned: {}, saving: false, outcome: null };
    }),
}));
