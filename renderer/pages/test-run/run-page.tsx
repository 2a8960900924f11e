import { useEffect, useRef } from 'react';
import { RunScreen } from './run-screen';
import { RunsIndex } from './runs-index';
import { useHashSegments } from './use-hash-segments';

/** The `runs` route: `#/runs/<runId>` is a run's screen, `#/runs` the place to start one. */
export function RunPage() {
  const runId = useHashSegments()[1];
  useFocusTitleOnChange(runId);
  return runId ? <RunScreen key={runId} runId={runId} /> : <RunsIndex />;
}

/**
 * Moving within a route (`#/runs` → `#/runs/<id>`) is a new screen too: focus its title as the frame does between
 * routes, so screen readers announce it. The first render is the frame's business.
 */
export function useFocusTitleOnChange(key: string | undefined): void {
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    document.getElementById('page-title')?.focus({ preventScroll: false });
  }, [key]);
}
