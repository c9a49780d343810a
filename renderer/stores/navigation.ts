// Which screen is showing. Kept in the URL hash so a reload (or a screenshot script) lands on
// the same screen; no router library needed for a handful of desktop screens.
import { create } from 'zustand';

export const ROUTES = [
  'intake',
  'vehicle',
  'records',
  'sync-issues',
  'van-start',
  'van-end',
  'settings',
] as const;
export type Route = (typeof ROUTES)[number];

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
