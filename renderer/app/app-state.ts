/**
 * The app's readiness signal on the root element: `loading` until `app.info` answered, then `ready`, or `error`.
 * End-to-end tests wait for `[data-app-state="ready"]`, never for time (conventions: hermetic e2e tests).
 */
export type AppState = 'loading' | 'ready' | 'error';

export function setAppState(state: AppState): void {
  document.getElementById('root')?.setAttribute('data-app-state', state);
}
