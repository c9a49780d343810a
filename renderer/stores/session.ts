// Who is logged in on this device, and whether the screen is locked. Tokens are not kept here
// (the auth module holds them in memory for the sync client); this is what the UI shows.
import { create } from 'zustand';
import type { StaffRole } from '../app/roles.ts';

export interface StaffSession {
  readonly staffId: string;
  readonly username: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly stationId: string;
  readonly stationName: string;
  /** 'offline' when the verifier let the clerk in without the server. */
  readonly mode: 'online' | 'offline';
  readonly loggedInAt: number;
  /** For offline logins: days left before the local verifier expires. */
  readonly offlineDaysLeft?: number;
}

interface SessionState {
  session: StaffSession | null;
  locked: boolean;
  lockReason: 'manual' | 'idle' | null;
  start: (session: StaffSession) => void;
  end: () => void;
  lock: (reason: 'manual' | 'idle') => void;
  unlock: () => void;
}

export const useSession = create<SessionState>((set) => ({
  session: null,
  locked: false,
  lockReason: null,
  start: (session) => set({ session, locked: false, lockReason: null }),
  end: () => set({ session: null, locked: false, lockReason: null }),
  lock: (reason) => set((s) => (s.session ? { locked: true, lockReason: reason } : s)),
  unlock: () => set({ locked: false, lockReason: null }),
}));
