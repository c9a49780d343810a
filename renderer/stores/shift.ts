// The van crew's current shift (出车 → 收车), kept on the device across restarts.
import { create } from 'zustand';

export interface Shift {
  readonly id: string;
  readonly startedAt: number;
  readonly staffId: string;
  readonly staffName: string;
  readonly endedAt?: number;
}

const KEY = 'waypost.shift';

function load(): Shift | null {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    if (parsed && typeof parsed === 'object' && 'id' in parsed && 'startedAt' in parsed)
      return parsed as Shift;
  } catch {
    // none
  }
  return null;
}

interface ShiftState {
  shift: Shift | null;
  start: (shift: Shift) => void;
  end: (at: number) => void;
}

export const useShift = create<ShiftState>((set, get) => ({
  shift: load(),
  start: (shift) => {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(shift));
    set({ shift });
  },
  end: (at) => {
    const current = get().shift;
    if (!current) return;
    const ended = { ...current, endedAt: at };
    globalThis.localStorage?.setItem(KEY, JSON.stringify(ended));
    set({ shift: ended });
  },
}));
