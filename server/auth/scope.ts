// Which stations' documents a caller may see and write.
//   clerk, van:  their device's station only (plus documents naming it as toStationId);
//   supervisor:  every station of their region — the stations whose division code starts
//                with the region prefix of the supervisor's own station (its city, first 4
//                digits; a province-level station, code ending 0000, covers the province);
//   admin:       everything.
import type { Role } from './tokens.ts';

export type Scope = { kind: 'all' } | { kind: 'stations'; stations: readonly string[] };

export function regionPrefix(divisionCode: string): string {
  return divisionCode.endsWith('0000') ? divisionCode.slice(0, 2) : divisionCode.slice(0, 4);
}

export function inScope(scope: Scope, stations: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  return stations.some((s) => scope.stations.includes(s));
}

export interface ScopeInput {
  role: Role;
  deviceStation: string;
  /** Division code of the staff member's own station (supervisor's region). */
  staffDivision: string;
}

/** The role decides; supervisors' regions are resolved to station codes by the caller. */
export function scopeKind(input: ScopeInput): 'device' | 'region' | 'all' {
  if (input.role === 'admin') return 'all';
  if (input.role === 'supervisor') return 'region';
  return 'device';
}
