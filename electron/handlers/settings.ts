import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { ok } from '../../shared/result.ts';
import type { HostDeps } from './deps.ts';

export function createSettingsHandlers(
  deps: HostDeps,
): HostHandlerGroup<'settings.get' | 'settings.set'> {
  return {
    'settings.get': async () => ok(await deps.settings.get()),
    'settings.set': (patch) => deps.settings.update(patch),
  };
}
