import type { OperationDefinition } from '../../contract/define.js';
import type { OperationDomain } from '../../contract/registry.js';
import type { IdpTools } from '../connections/idp-tools.js';
import type { RehearsalService } from '../rehearsal/service.js';
import type { TestRunService } from '../test-runs/service.js';
import type { HandlerContext } from './types.js';

/**
 * The engine's handler groups (main/core/handlers/groups/*), each one module with its operations' schemas
 * (contract/operations/*) and handlers, imported on the first call of one of its operations (issue 14): a `connections
 * list` builds the connection schemas and loads the connection handlers only, never the other schemas or the test-run,
 * SAML/OIDC, RBAC or push code. One import per group (schemas and handlers together) keeps the bundle's chunks few.
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

type AnyHandler = (input: never) => unknown;

/** A group module: its operations' definitions (the contract's own objects) and its handlers. */
export interface GroupModule {
  definitions: Record<string, OperationDefinition>;
  handlers(deps: GroupDeps): Record<string, AnyHandler> | Promise<Record<string, AnyHandler>>;
}

export const handlerGroups: Record<GroupName, () => Promise<GroupModule>> = {
  app: () => import('./groups/app-group.js'),
  settings: () => import('./groups/settings-group.js'),
  audit: () => import('./groups/audit-group.js'),
  connections: () => import('./groups/connections-group.js'),
  testRuns: () => import('./groups/test-runs-group.js'),
  rbac: () => import('./groups/rbac-group.js'),
  targets: () => import('./groups/targets-group.js'),
};
