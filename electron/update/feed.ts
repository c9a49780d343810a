// Where updates come from: the central server serves electron-builder's generic-provider
// files (latest.yml, latest-linux.yml, …) per channel, so each station can be moved to a
// new version on its own schedule (staged roll-out by station).
import type { DeviceEnrolment } from '../../shared/host/schemas.ts';
import type { Settings } from '../../shared/host/types.ts';

export interface UpdateFeed {
  readonly url: string;
  readonly channel: string;
}

export function updateFeed(
  settings: Pick<Settings, 'serverUrl' | 'updateChannel'>,
  enrolment: Pick<DeviceEnrolment, 'stationCode'> | null,
): UpdateFeed | null {
  if (settings.serverUrl === null) return null;
  const raw = settings.updateChannel ?? enrolment?.stationCode ?? 'stable';
  const channel = /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : 'stable';
  return { url: `${settings.serverUrl}/api/v1/updates/${channel}/`, channel };
}
