// All host handlers in one map, built from injected dependencies. Electron main and the
// browser host both call this, so they serve the very same functions.
import type { HostHandlers } from '../../shared/host/contract.ts';
import { createAppHandlers } from './app.ts';
import { createBackupHandlers } from './backup.ts';
import type { HostDeps } from './deps.ts';
import { createDeviceHandlers } from './device.ts';
import { createIdCardHandlers } from './idCard.ts';
import { createKeyHandlers } from './keys.ts';
import { createLogHandlers } from './log.ts';
import { createPrintingHandlers } from './printing.ts';
import { createSettingsHandlers } from './settings.ts';
import { createUpdateHandlers } from './update.ts';

export type { HostDeps } from './deps.ts';
export { dispatchHostRequest } from './dispatch.ts';

export function createHostHandlers(deps: HostDeps): HostHandlers {
  return {
    ...createAppHandlers(deps),
    ...createSettingsHandlers(deps),
    ...createKeyHandlers(deps),
    ...createDeviceHandlers(deps),
    ...createLogHandlers(deps),
    ...createPrintingHandlers(deps),
    ...createIdCardHandlers(deps),
    ...createBackupHandlers(deps),
    ...createUpdateHandlers(deps),
  };
}
