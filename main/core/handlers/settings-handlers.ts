import type { Settings } from '../../contract/index.js';
import { defaultSettings, settingsSchema } from '../../contract/operations/settings.js';
import { AppError } from '../app-error.js';
import { LoopbackError, type Loopback, type Store } from '../ports/index.js';
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

/**
 * A new test port must be free: it is bound now (test runs listen on it anyway), so a port another program holds is
 * refused here, in Settings, rather than at the next test run.
 */
async function probeTestPort(loopback: Loopback | undefined, port: number): Promise<void> {
  if (!loopback) return;
  try {
    await loopback.listen(port);
  } catch (error) {
    if (!(error instanceof LoopbackError)) throw error;
    const who = error.kind === 'port_in_use' ? 'another program is listening on it (another SSO Workbench, or a local web server)' : error.kind === 'permission' ? 'this user may not listen on it' : error.message;
    throw new AppError('conflict', `Port ${port} on 127.0.0.1 cannot be used for test logins: ${who}.`, {
      field: 'testPort',
      hint: 'Pick another port (1024–65535), or close the program that holds this one; then register the new test URLs at the IdP.',
    });
  }
}

export const settingsHandlers: HandlerGroup<'settings.get' | 'settings.update' | 'settings.keychainStatus'> = ({
  ports,
  audit,
}) => ({
  'settings.get': () => readSettings(ports.store),
  'settings.update': async (patch) => {
    const before = readSettings(ports.store);
    if (patch.testPort !== undefined && patch.testPort !== before.testPort) await probeTestPort(ports.loopback, patch.testPort);
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
