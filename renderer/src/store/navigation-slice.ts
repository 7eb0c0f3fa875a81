import type { StateCreator } from 'zustand';
import { formatRoute, parseHash, type Route } from '../lib/route';
import type { WorkbenchState } from './index';

export interface NavigationSlice {
  route: Route;
  /** Goes to a page (and records it in the URL hash, so a reload keeps it). */
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Reads the page from the URL hash (on start and on back/forward). */
  syncRouteFromHash(): void;
}

const currentHash = () => (typeof window === 'undefined' ? '' : window.location.hash);

export const createNavigationSlice: StateCreator<WorkbenchState, [], [], NavigationSlice> = (set) => ({
  route: parseHash(currentHash()),
  navigate(route, options) {
    const hash = formatRoute(route);
    if (hash !== currentHash()) {
      if (options?.replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    set({ route });
  },
  syncRouteFromHash() {
    set({ route: parseHash(currentHash()) });
  },
});
