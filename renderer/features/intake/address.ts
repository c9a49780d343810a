// Address look-ups over shared/divisions for the intake form: names for a chosen code, whether
// a county has streets to choose from, and the delivery promise for the destination.
import {
  childrenOf,
  divisionPath,
  loadTownships,
  PLACEHOLDER_NAMES,
  type Division,
} from '../../../shared/divisions/index.ts';
import { promiseFor, type SlaConfig, type SlaTier } from '../../../shared/sla/index.ts';
import type { AddressNames } from './draft.ts';
import type { AddressLookup } from './validate.ts';

export function namesOfPath(path: readonly Division[]): AddressNames {
  const names: { province?: string; city?: string; county?: string; street?: string } = {};
  for (const division of path) {
    if (PLACEHOLDER_NAMES.has(division.name)) continue;
    if (division.level === 'province') names.province = division.name;
    else if (division.level === 'city') names.city = division.name;
    else if (division.level === 'county') names.county = division.name;
    else names.street = division.name;
  }
  return names;
}

/** Synchronous look-up; call `prepareAddress(code)` first so the province's streets are loaded. */
export const divisionsLookup: AddressLookup = {
  resolve(code) {
    if (!/^\d{6}(\d{3})?$/.test(code)) return null;
    const path = divisionPath(code);
    if (!path.ok) return null;
    const last = path.value[path.value.length - 1];
    return last && last.code === code ? namesOfPath(path.value) : null;
  },
  countyHasStreets(countyCode) {
    return childrenOf(countyCode).length > 0;
  },
};

export async function prepareAddress(code: string): Promise<void> {
  if (/^\d{6}/.test(code)) await loadTownships(code.slice(0, 2));
}

export interface DeliveryPromise {
  readonly tier: SlaTier;
  readonly dueAt: number;
  readonly hours: number;
}

export function deliveryPromise(
  divisionCode: string,
  acceptedAt: number,
  config: SlaConfig = {},
  override?: SlaTier,
): DeliveryPromise | null {
  if (!/^\d{6}(\d{3})?$/.test(divisionCode)) return null;
  const promise = promiseFor(acceptedAt, divisionCode, config, override ? { override } : {});
  const due = promise.dueAt.getTime();
  return { tier: promise.tier, dueAt: due, hours: Math.round((due - acceptedAt) / 3_600_000) };
}
