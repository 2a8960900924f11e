import { useSyncExternalStore } from 'react';

/** The hash path split into decoded segments: `#/runs/abc` → `['runs', 'abc']`. Follows hash changes. */
export function useHashSegments(): string[] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return segmentsOf(hash);
}

export function segmentsOf(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
