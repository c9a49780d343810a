import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { ok } from '../../shared/result.ts';
import type { HostDeps } from './deps.ts';

export function createLogHandlers(deps: HostDeps): HostHandlerGroup<'log.write'> {
  return {
    'log.write': async ({ entries }) => ok({ written: await deps.logs.write('renderer', entries) }),
  };
}
