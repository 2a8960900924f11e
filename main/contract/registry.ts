/**
 * The contract's operations, resolved on first use (issue 14): an operation's definition is loaded with its domain's
 * module, so a command that lists connections builds the connection schemas only, not every schema of the contract.
 * The engine resolves definitions here; `index.ts` stays the full, eager export (renderer, tests, types).
 */
import type { OperationDefinition } from './define.js';
import { operationNameList } from './operation-names.js';

export type ListedOperationName = (typeof operationNameList)[number];
type DomainOf<N> = N extends `${infer D}.${string}` ? D : never;
export type OperationDomain = DomainOf<ListedOperationName>;

const listed = new Set<string>(operationNameList);

/** Whether `name` is an operation of the contract (no schema is loaded to answer). */
export function isOperationName(name: string): name is ListedOperationName {
  return listed.has(name);
}

type DefinitionTable = Record<string, OperationDefinition>;

/** Every domain's schema module (a domain missing here fails to compile). */
const domainModules: Record<OperationDomain, () => Promise<DefinitionTable>> = {
  app: () => import('./operations/app.js').then((m) => m.appOperations),
  settings: () => import('./operations/settings.js').then((m) => m.settingsOperations),
  audit: () => import('./operations/audit.js').then((m) => m.auditOperations),
  connections: () => import('./operations/connections.js').then((m) => m.connectionOperations),
  tests: () => import('./operations/test-runs.js').then((m) => m.testRunOperations),
  history: () => import('./operations/test-runs.js').then((m) => m.testRunOperations),
  orgs: () => import('./operations/rbac.js').then((m) => m.rbacOperations),
  roles: () => import('./operations/rbac.js').then((m) => m.rbacOperations),
  access: () => import('./operations/rbac.js').then((m) => m.rbacOperations),
  targets: () => import('./operations/targets.js').then((m) => m.targetOperations),
  pushes: () => import('./operations/targets.js').then((m) => m.targetOperations),
  rehearsal: () => import('./operations/targets.js').then((m) => m.targetOperations),
};

export const domainOf = (name: ListedOperationName): OperationDomain => name.slice(0, name.indexOf('.')) as OperationDomain;

/** The definition (input and output schemas) of one operation, its domain's module loaded on first use. */
export async function loadOperation(name: ListedOperationName): Promise<OperationDefinition> {
  const table = await domainModules[domainOf(name)]();
  const definition = table[name];
  if (!definition) throw new Error(`The contract lists ${name} but its domain module does not define it.`);
  return definition;
}
