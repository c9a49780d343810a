import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import type { HostDeps } from './deps.ts';

export function createKeyHandlers(
  deps: HostDeps,
): HostHandlerGroup<'keys.databaseKey' | 'keys.blindIndexKey'> {
  return {
    'keys.databaseKey': () => deps.keyStore.getOrCreate('database'),
    'keys.blindIndexKey': () => deps.keyStore.getOrCreate('blindIndex'),
  };
}
