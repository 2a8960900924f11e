import type { Result, WorkbenchEvent } from '../contract/index.js';
import type { EngineDoor } from './ipc-registrar.js';

/** The engine's door before the engine exists: calls and subscriptions wait until `attach`, then go straight through. */
export interface LateEngine extends EngineDoor {
  attach(engine: EngineDoor): void;
}

/**
 * Lets the IPC handlers and the window be in place before the engine is loaded, so the first window shows without
 * loading the engine's modules (test runs, SAML, OIDC: issue 14). A call made meanwhile waits for the engine; a
 * subscription made meanwhile is passed on when it arrives (no engine event can exist before the engine).
 */
export function createLateEngine(): LateEngine {
  let attached: EngineDoor | undefined;
  let arrive: (engine: EngineDoor) => void = () => {};
  const arrived = new Promise<EngineDoor>((resolve) => (arrive = resolve));
  return {
    attach(engine) {
      if (attached) throw new Error('The engine is already attached.');
      attached = engine;
      arrive(engine);
    },
    async invoke(name: string, input: unknown): Promise<Result<unknown>> {
      return (attached ?? (await arrived)).invoke(name, input);
    },
    subscribe(listener: (event: WorkbenchEvent) => void): () => void {
      if (attached) return attached.subscribe(listener);
      let unsubscribe: (() => void) | undefined;
      let cancelled = false;
      void arrived.then((engine) => {
        if (!cancelled) unsubscribe = engine.subscribe(listener);
      });
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
  };
}
