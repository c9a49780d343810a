// Which screen is showing. Kept in the URL hash so a reload (or a screenshot script) lands on
// the same screen; no router library needed for a handful of desktop screens.
import { create } from 'zustand';

const CORE_ROUTES = [
  'intake',
  'vehicle',
  'records',
  'sync-issues',
  'van-start',
  'van-end',
  'settings',
] as const;
/** After intake (renderer/features/after-intake): their titles live in that feature's i18n. */
export const AFTER_INTAKE_ROUTES = [
  'handover',
  'sorting',
  'promises',
  'work-orders',
  'enquiry',
  'reports',
] as const;
export const ROUTES = [...CORE_ROUTES, ...AFTER_INTAKE_ROUTES] as const;
export type CoreRoute = (typeof CORE_ROUTES)[number];
export type AfterIntakeRouteName = (typeof AFTER_INTAKE_ROUTES)[number];
export type Route = (typeof ROUTES)[number];

export function isAfterIntakeRoute(route: Route): route is AfterIntakeRouteName {
  return (AFTER_INTAKE_ROUTES as readonly string[]).includes(route);
}

export function isRoute(value: string): value is Route {
  return (ROUTES as readonly string[]).includes(value);
}

export function routeFromHash(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(name) ? name : null;
}

interface NavigationState {
  route: Route;
  go: (route: Route) => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  route: 'intake',
  go: (route) => {
    set({ route });
    if (typeof window !== 'undefined' && routeFromHash(window.location.hash) !== route) {
      window.history.replaceState(null, '', `#/${route}`);
    }
  },
}));

/** Follows manual hash edits (and the browser's back button) after start-up. */
export function bindNavigationToHash(): () => void {
  const apply = () => {
    const route = routeFromHash(window.location.hash);
    if (route && route !== useNavigation.getState().route) useNavigation.setState({ route });
  };
  apply();
  window.addEventListener('hashchange', apply);
  return () => window.removeEventListener('hashchange', apply);
}
