import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/roles` → `roles`. Hash URLs work the same from `file://` (Electron) and the bridge, and
 * never reach the server. An empty hash is the default route.
 */
export function useHashRoute(defaultPath: string): string {
  const hash = useSyncExternalStore(subscribe, readHash, () => '');
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return path === '' ? defaultPath : safeDecode(path);
}

/** The href of a route, for links (`<a href>` keeps routes keyboard- and middle-click-friendly). */
export function hrefOf(path: string): string {
  return `#/${path}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readHash(): string {
  return window.location.hash;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
