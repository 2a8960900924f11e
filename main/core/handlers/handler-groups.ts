import type { OperationDomain } from '../../contract/registry.js';
import type { IdpTools } from '../connections/idp-tools.js';
import type { RehearsalService } from '../rehearsal/service.js';
import type { TestRunService } from '../test-runs/service.js';
import type { HandlerContext, Handlers } from './types.js';

/**
 * The engine's handler groups, each a module imported on the first call of one of its operations (issue 14): a
 * `connections list` loads the connection handlers only, never the test-run, SAML/OIDC, RBAC or push code.
 */
export type GroupName = 'app' | 'settings' | 'audit' | 'connections' | 'testRuns' | 'rbac' | 'targets';

/** Which group serves each domain of the contract (a domain missing here fails to compile). */
export const groupOfDomain: Record<OperationDomain, GroupName> = {
  app: 'app',
  settings: 'settings',
  audit: 'audit',
  connections: 'connections',
  tests: 'testRuns',
  history: 'testRuns',
  orgs: 'rbac',
  roles: 'rbac',
  access: 'rbac',
  targets: 'targets',
  pushes: 'targets',
  rehearsal: 'targets',
};

/** What the groups share: the handler context, injected tools, and the services other groups may need. */
export interface GroupDeps {
  context: HandlerContext;
  idpTools: IdpTools | undefined;
  /** The one TestRunService, created on first need (test runs, inspect, access decisions from a token). */
  testRuns(): Promise<TestRunService>;
  /** The TestRunService if something loaded it already (a draft can only have passed if it was). */
  loadedTestRuns(): TestRunService | undefined;
  /** The rehearsal engine's service, created with the targets group. */
  setRehearsal(service: RehearsalService): void;
}

type PartialHandlers = Partial<Record<keyof Handlers, (input: never) => unknown>>;

export const handlerGroups: Record<GroupName, (deps: GroupDeps) => Promise<PartialHandlers>> = {
  app: async ({ context }) => (await import('./app-handlers.js')).appHandlers(context),
  settings: async ({ context }) => (await import('./settings-handlers.js')).settingsHandlers(context),
  audit: async ({ context }) => (await import('./audit-handlers.js')).auditHandlers(context),
  connections: async ({ context, idpTools, loadedTestRuns }) => {
    const { connectionHandlers, defaultIdpTools } = await import('../connections/handlers.js');
    const handlers = connectionHandlers({ ...context, idp: idpTools ?? defaultIdpTools });
    // A save of exactly a tested draft records that passing run as the connection's validation (test-runs/drafts.ts).
    // Draft passes live in the TestRunService's memory: when nothing loaded it, no draft was tested.
    const adopting = <I, O extends { id: string }>(save: (input: I) => Promise<O> | O) => async (input: I) => {
      const saved = await save(input);
      const adopted = (await loadedTestRuns()?.adoptDraftPass(saved.id)) ?? false;
      return adopted ? handlers['connections.get']({ ref: saved.id }) : saved;
    };
    return { ...handlers, 'connections.create': adopting(handlers['connections.create']), 'connections.update': adopting(handlers['connections.update']) };
  },
  testRuns: async ({ context, testRuns }) => {
    const [{ testRunHandlers }, service] = await Promise.all([import('../test-runs/handlers.js'), testRuns()]);
    return testRunHandlers(context, service);
  },
  rbac: async ({ context, testRuns }) => (await import('../rbac/handlers.js')).rbacHandlers(context, async (ref, input) => (await testRuns()).evaluate(ref, input)),
  targets: async ({ context, setRehearsal }) => {
    const [{ targetHandlers }, { RehearsalService }] = await Promise.all([import('../targets/handlers.js'), import('../rehearsal/service.js')]);
    const rehearsal = new RehearsalService(context);
    setRehearsal(rehearsal);
    return targetHandlers(context, rehearsal);
  },
};
