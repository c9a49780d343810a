// The real app's start-up with a full local database: browser host + built renderer in
// Chromium, time from navigation until the records list shows rows.
import type { PartContext } from './part.ts';

export interface AppStartup {
  records: number;
  /** Navigation → first records list rows visible. */
  usableMs: number;
  firstRenderMs: number;
}

export async function measureAppStartup(_ctx: PartContext): Promise<AppStartup | null> {
  throw new Error('the renderer UI is not wired to the data layer yet');
}
