import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { ok } from '../../shared/result.ts';
import { diskUsage } from '../backup/backupStore.ts';
import type { HostDeps } from './deps.ts';

export function createAppHandlers(deps: HostDeps): HostHandlerGroup<'app.info'> {
  return {
    'app.info': async () =>
      ok({
        appName: deps.appName,
        version: deps.appVersion,
        hostKind: deps.hostKind,
        platform: process.platform,
        arch: process.arch,
        electronVersion: deps.electronVersion,
        chromeVersion: deps.chromeVersion,
        dataDir: deps.dataDir,
        disk: await diskUsage(deps.dataDir),
        keyProtection: deps.keyStore.protection,
        startedAt: deps.startedAt,
      }),
  };
}
