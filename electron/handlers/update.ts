import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { ok } from '../../shared/result.ts';
import type { HostDeps } from './deps.ts';

export function createUpdateHandlers(
  deps: HostDeps,
): HostHandlerGroup<'update.check' | 'update.state' | 'update.install'> {
  return {
    'update.check': () => deps.updates.check(),
    'update.state': async () => ok(deps.updates.state()),
    'update.install': ({ backupId }) => deps.updates.install(backupId),
  };
}
