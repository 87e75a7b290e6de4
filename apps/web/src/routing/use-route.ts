import { useCallback, useSyncExternalStore } from 'react';
import { matchRoute, type Route } from './match-route';

const NAVIGATED = 'ohf:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** Moves to a console path without reloading the page (history.pushState). */
export function navigate(path: string): void {
  if (path === currentLocation()) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current route and query string; re-renders on navigation and on the back button. */
export function useRoute(): { readonly route: Route; readonly search: URLSearchParams; readonly setSearch: (values: Record<string, string>) => void } {
  const location = useSyncExternalStore(subscribe, currentLocation);
  const [pathname = '/', query = ''] = location.split('?');
  const setSearch = useCallback(
    (values: Record<string, string>) => {
      const next = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
      const text = next.toString();
      window.history.replaceState(null, '', text === '' ? pathname : `${pathname}?${text}`);
      window.dispatchEvent(new Event(NAVIGATED));
    },
    [pathname],
  );
  return { route: matchRoute(pathname), search: new URLSearchParams(query), setSearch };
}
