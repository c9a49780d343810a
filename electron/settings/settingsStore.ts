// Settings persisted as one JSON file in the data dir.
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { SettingsPatch } from '../../shared/host/schemas.ts';
import { applySettingsPatch, defaultSettings } from '../../shared/host/settings.ts';
import type { HostKind, Settings } from '../../shared/host/types.ts';
import type { Result } from '../../shared/result.ts';
import { readJsonFile, writeFileAtomic } from '../storage/files.ts';

export interface SettingsStore {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Result<Settings>>;
  /** Called after every successful update (CSP origin, ID reader, update feed…). */
  onChange(listener: (settings: Settings) => void): void;
}

export function createSettingsStore(options: {
  dataDir: string;
  hostKind: HostKind;
}): SettingsStore {
  const path = join(options.dataDir, 'settings.json');
  const listeners: ((settings: Settings) => void)[] = [];
  let cached: Settings | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    if (cached) return cached;
    const defaults = defaultSettings(options.hostKind);
    const raw = await readJsonFile(path);
    // A stored file is a full patch; anything unreadable falls back to defaults field by
    // field rather than refusing to start.
    let loaded = defaults;
    if (raw !== undefined && typeof raw === 'object' && raw !== null) {
      const fields: Record<string, unknown> = { ...raw };
      for (const [key, value] of Object.entries(fields)) {
        const patch = { [key]: value };
        if (!Value.Check(SettingsPatch, patch)) continue;
        const applied = applySettingsPatch(loaded, patch);
        if (applied.ok) loaded = applied.value;
      }
    }
    cached = loaded;
    return loaded;
  }

  return {
    get: load,
    update(patch) {
      // Serialise writers so two quick patches cannot lose one another.
      const run = queue.then(async () => {
        const next = applySettingsPatch(await load(), patch);
        if (!next.ok) return next;
        await writeFileAtomic(path, JSON.stringify(next.value, null, 2));
        cached = next.value;
        for (const listener of listeners) listener(next.value);
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
