import type { Result } from '../contract/result.js';
// The registry, not the contract's index: the index builds every schema; a domain's come with its handler group.
import { domainOf, isOperationName } from '../contract/registry.js';
import { toAppErrorShape } from './app-error.js';
import { AuditTrail } from './audit-trail.js';
import { EventBus, type EventListener } from './event-bus.js';
import type { IdpTools } from './connections/idp-tools.js';
import type { OperationDefinition } from '../contract/define.js';
import { groupOfDomain, handlerGroups, type GroupDeps, type GroupName } from './handlers/handler-groups.js';
import type { HandlerContext } from './handlers/types.js';
import type { RehearsalService } from './rehearsal/service.js';
import type { TestRunService } from './test-runs/service.js';
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

type AnyHandler = (input: unknown) => unknown;

/**
 * The engine. Synchronous to create and cheap: each handler group, with its domain's schemas, is imported on the first
 * call of one of its operations (main/core/handlers/handler-groups.ts, issue 14).
 */
export function createEngine(ports: Ports, options: EngineOptions = {}): Engine {
  const events = new EventBus();
  const context: HandlerContext = { ports, events, audit: new AuditTrail(ports, events) };
  let testRuns: TestRunService | undefined;
  let testRunsLoading: Promise<TestRunService> | undefined;
  let rehearsal: RehearsalService | undefined;
  const deps: GroupDeps = {
    context,
    idpTools: options.idpTools,
    testRuns: () =>
      (testRunsLoading ??= import('./test-runs/service.js').then(({ TestRunService }) => {
        testRuns = new TestRunService(context);
        return testRuns;
      }, (error: unknown) => {
        testRunsLoading = undefined; // retried on the next call
        throw error;
      })),
    loadedTestRuns: () => testRuns,
    setRehearsal: (service) => (rehearsal = service),
  };
  type Loaded = { definitions: Record<string, OperationDefinition>; handlers: Record<string, AnyHandler | undefined> };
  const groups = new Map<GroupName, Promise<Loaded>>();
  const groupOf = (name: Parameters<typeof domainOf>[0]): Promise<Loaded> => {
    const group = groupOfDomain[domainOf(name)];
    let loading = groups.get(group);
    if (!loading) {
      loading = handlerGroups[group]().then(async (module) => ({
        definitions: module.definitions,
        handlers: (await module.handlers(deps)) as Record<string, AnyHandler | undefined>,
      }));
      // A failed import is retried on the next call rather than remembered.
      loading.catch(() => groups.delete(group));
      groups.set(group, loading);
    }
    return loading;
  };

  return {
    async invoke(name, input) {
      if (!isOperationName(name)) {
        return { ok: false, error: { code: 'invalid_input', message: `Unknown operation "${name}".`, field: 'operation' } };
      }
      try {
        const group = await groupOf(name);
        const definition = group.definitions[name];
        const handler = group.handlers[name];
        if (!definition || !handler) throw new Error(`The contract lists ${name} but its handler group does not serve it.`);
        const parsed = definition.input.safeParse(input ?? {});
        if (!parsed.success) return { ok: false, error: zodIssuesToError(parsed.error) };
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
      // Waiting test runs end as cancelled (no tests.wait hangs), then the loopback listener stops. Services that were
      // never loaded have nothing to close; one still loading is waited for, then closed.
      const loadedRuns = testRuns ?? (testRunsLoading ? await testRunsLoading.catch(() => undefined) : undefined);
      await loadedRuns?.close();
      if (groups.has('targets')) await groups.get('targets')?.catch(() => undefined);
      await rehearsal?.stop();
      await ports.loopback?.close();
      await ports.secrets.close();
      ports.store.close();
    },
  };
}
