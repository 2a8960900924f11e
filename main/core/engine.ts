import { isOperationName, operations, type OperationName, type Result } from '../contract/index.js';
import { toAppErrorShape } from './app-error.js';
import { AuditTrail } from './audit-trail.js';
import { EventBus, type EventListener } from './event-bus.js';
import { appHandlers } from './handlers/app-handlers.js';
import { auditHandlers } from './handlers/audit-handlers.js';
import { settingsHandlers } from './handlers/settings-handlers.js';
import { connectionHandlers, defaultIdpTools, type IdpTools } from './connections/handlers.js';
import { testRunHandlers } from './test-runs/handlers.js';
import { TestRunService } from './test-runs/service.js';
import { rbacHandlers } from './rbac/handlers.js';
import { targetHandlers } from './targets/handlers.js';
import { RehearsalService } from './rehearsal/service.js';
import type { HandlerContext, Handlers } from './handlers/types.js';
import type { Ports } from './ports/index.js';
import { zodIssuesToError } from './zod-issues.js';

/** The engine's one door. Every adapter calls `invoke`; nothing else of the core is reachable from outside. */
export interface Engine {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Optional collaborators; tests inject fakes here. */
export interface EngineOptions {
  /** OIDC discovery, SAML metadata, x509 and key helpers (default: main/core/idp/*, loaded on first use). */
  idpTools?: IdpTools;
}

export function createEngine(ports: Ports, options: EngineOptions = {}): Engine {
  const events = new EventBus();
  const context: HandlerContext = { ports, events, audit: new AuditTrail(ports, events) };
  const testRuns = new TestRunService(context);
  const rehearsal = new RehearsalService(context);
  const handlers: Handlers = {
    ...appHandlers(context),
    ...settingsHandlers(context),
    ...auditHandlers(context),
    ...connectionHandlers({ ...context, idp: options.idpTools ?? defaultIdpTools }),
    ...testRunHandlers(context, testRuns),
    ...rbacHandlers(context, (ref, input) => testRuns.evaluate(ref, input)),
    ...targetHandlers(context, rehearsal),
  };
  // A save of exactly a tested draft records that passing run as the connection's validation (test-runs/drafts.ts).
  for (const name of ['connections.create', 'connections.update'] as const) {
    const save = handlers[name] as (input: unknown) => Promise<{ id: string }>;
    (handlers as Record<string, unknown>)[name] = async (input: unknown) => {
      const saved = await save(input);
      return (await testRuns.adoptDraftPass(saved.id)) ? handlers['connections.get']({ ref: saved.id }) : saved;
    };
  }

  return {
    async invoke(name, input) {
      if (!isOperationName(name)) {
        return { ok: false, error: { code: 'invalid_input', message: `Unknown operation "${name}".`, field: 'operation' } };
      }
      const definition = operations[name as OperationName];
      const parsed = definition.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: zodIssuesToError(parsed.error) };
      try {
        const handler = handlers[name as OperationName] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        // Outputs are checked too: a value that breaks the contract (or carries an unknown field) never leaves.
        const checked = definition.output.safeParse(value);
        if (!checked.success) {
          ports.log.log('error', 'operation output broke the contract', { operation: name, issues: checked.error.issues });
          return { ok: false, error: { code: 'internal', message: `Operation ${name} produced an invalid result.` } };
        }
        return { ok: true, value: checked.data };
      } catch (error) {
        const shape = toAppErrorShape(error);
        if (shape.code === 'internal') {
          ports.log.log('error', 'operation failed', { operation: name, error: String((error as Error)?.stack ?? error) });
        }
        return { ok: false, error: shape };
      }
    },
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      // Waiting test runs end as cancelled (no tests.wait hangs), then the loopback listener stops.
      await testRuns.close();
      await rehearsal.stop();
      await ports.loopback?.close();
      await ports.secrets.close();
      ports.store.close();
    },
  };
}
