import { useWorkbenchEvent } from '../client';
import { notifyNotice } from './notify';

/** Shows the engine's `onNotice` events (e.g. the keychain became unavailable) as notifications. */
export function useEngineNotices(): void {
  useWorkbenchEvent('onNotice', (payload) => notifyNotice(payload.level, payload.message));
}
