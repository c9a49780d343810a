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

export const useIntake = create<IntakeState>((set) => ({
  draft: emptyDraft(),
  errors: {},
  scanned: {},
  saving: false,
  outcome: null,
  update: (path, change) =>
    set((state) => {
      const draft = clone(state.draft);
      change(draft);
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
