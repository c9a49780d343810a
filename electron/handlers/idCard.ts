import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import type { HostDeps } from './deps.ts';

export function createIdCardHandlers(
  deps: HostDeps,
): HostHandlerGroup<'idCard.status' | 'idCard.read'> {
  return {
    'idCard.status': async () => (await deps.idCardReader()).status(),
    'idCard.read': async () => (await deps.idCardReader()).read(),
  };
}
