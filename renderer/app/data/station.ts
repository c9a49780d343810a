// The accepting station as printed on waybills and receipts (public business data). The
// server sends it at login; the last copy is kept so offline logins print the same.
import type { StaffSession } from '../../stores/session.ts';
import { EMS_HOTLINE, type StationInfo } from '../../features/intake/labels.ts';

const KEY = 'waypost.station';

export function rememberStation(info: StationInfo): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(info));
  } catch {
    // not persisted: the fallback below applies next time
  }
}

export function stationInfo(session: StaffSession): StationInfo {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (
      parsed &&
      typeof parsed === 'object' &&
      'name' in parsed &&
      typeof parsed.name === 'string' &&
      'phone' in parsed &&
      typeof parsed.phone === 'string' &&
      'address' in parsed &&
      typeof parsed.address === 'object' &&
      parsed.address !== null &&
      'detail' in parsed.address &&
      typeof parsed.address.detail === 'string'
    ) {
      return parsed as StationInfo;
    }
  } catch {
    // fall through
  }
  return { name: session.stationName, phone: EMS_HOTLINE, address: { detail: session.stationName } };
}
