import type { HostHandlerGroup } from '../../shared/host/contract.ts';
import { normaliseServerUrl } from '../../shared/host/settings.ts';
import type { HostDeps } from './deps.ts';

export function createDeviceHandlers(
  deps: HostDeps,
): HostHandlerGroup<'device.identity' | 'device.setEnrolment' | 'device.clearEnrolment'> {
  return {
    'device.identity': () => deps.device.identity(),
    'device.setEnrolment': async (enrolment) => {
      const serverUrl = normaliseServerUrl(enrolment.serverUrl);
      if (!serverUrl.ok) return serverUrl;
      return deps.device.setEnrolment({ ...enrolment, serverUrl: serverUrl.value });
    },
    'device.clearEnrolment': () => deps.device.clearEnrolment(),
  };
}
