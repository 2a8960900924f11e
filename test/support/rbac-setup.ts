import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, FixedClock } from './fakes.js';

/** Operation outputs, loosely typed for assertions. */
export type Loose = Record<string, unknown> & { id: string; name: string };

/** An engine over in-memory ports, with `call` (throws on error) and `fail` (returns the error of a failing call). */
export function rbacSetup() {
  const clock = new FixedClock();
  const ports = createTestPorts({ clock });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const call = async <T = Loose>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const fail = async (name: string, input: unknown) => {
    const result = await engine.invoke(name, input);
    if (result.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
    return result.error;
  };
  const role = (name: string, organizationId: string | null, over: Record<string, unknown> = {}) =>
    call('roles.create', { scope: organizationId ? 'organization' : 'global', organizationId, name, ...over });
  return { ports, engine, clock, call, fail, role };
}

export const perm = (key: string) => {
  const [resource, action] = key.split(':');
  return { resource, action };
};
