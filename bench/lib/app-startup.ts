// The real app's start-up with a full local database (browser host + built renderer in
// Chromium, navigation until the records list shows rows) is not measured yet: it needs the
// host's key storage to open a seeded database and a scripted login. The data layer's own
// restart time (open + first records list) is measured in bench/local.ts instead.
import type { PartContext } from './part.ts';

export interface AppStartup {
  records: number;
  /** Navigation → first records list rows visible. */
  usableMs: number;
  firstRenderMs: number;
}

export async function measureAppStartup(_ctx: PartContext): Promise<AppStartup | null> {
  throw new Error(
    'needs a seeded database under the browser host origin with the host-held keys and a scripted login; the data-layer restart time (open + first list) stands in for it',
  );
}
