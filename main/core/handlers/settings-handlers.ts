import { defaultSettings, settingsSchema, type Settings } from '../../contract/index.js';
import type { Store } from '../ports/index.js';
import type { HandlerGroup } from './types.js';

/** Stored values over defaults; a stored value that no longer validates falls back to its default. */
export function readSettings(store: Store): Settings {
  const stored = store.settings.getAll();
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const [key, value] of Object.entries(stored)) {
    const candidate = { ...merged, [key]: value };
    if (settingsSchema.safeParse(candidate).success) merged[key] = value;
  }
  return settingsSchema.parse(merged);
}

export const settingsHandlers: HandlerGroup<'settings.get' | 'settings.update' | 'settings.keychainStatus'> = ({
  ports,
  audit,
}) => ({
  'settings.get': () => readSettings(ports.store),
  'settings.update': (patch) => {
    const before = readSettings(ports.store);
    ports.store.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        ports.store.settings.set(key, value);
      }
      audit.record('settings.update', 'settings', { before, patch });
    });
    return readSettings(ports.store);
  },
  'settings.keychainStatus': () => ports.secrets.status(),
});
