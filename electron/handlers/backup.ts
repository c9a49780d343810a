import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { ok } from '../../shared/result.ts';
import type { HostDeps } from './deps.ts';

export function createBackupHandlers(
  deps: HostDeps,
): HostHandlerGroup<'backup.save' | 'backup.list' | 'backup.read'> {
  return {
    'backup.save': ({ reason, data, note }) =>
      deps.backups.save({
        reason,
        data: Buffer.from(data, 'base64'),
        ...(note === undefined ? {} : { note }),
      }),
    'backup.list': async () => ok(await deps.backups.list()),
    'backup.read': ({ id }) => deps.backups.read(id),
  };
}
