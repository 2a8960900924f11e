/**
 * The one typed contract between the engine and every adapter (Electron IPC, the loopback web bridge, the CLI)
 * and the renderer. Operations are named `domain.verb`; each has a zod schema for its input and output, checked by
 * the engine at its single entry point (`Engine.invoke`).
 */
import type { z } from 'zod';
import type { Result } from './result.js';
import type { WorkbenchEvent } from './events.js';
import { appOperations } from './operations/app.js';
import { settingsOperations } from './operations/settings.js';
import { auditOperations } from './operations/audit.js';
import { connectionOperations } from './operations/connections.js';
import { testRunOperations } from './operations/test-runs.js';
import { rbacOperations } from './operations/rbac.js';
import { targetOperations } from './operations/targets.js';
import { operationNameList } from './operation-names.js';

export const operations = {
  ...appOperations,
  ...settingsOperations,
  ...auditOperations,
  ...connectionOperations,
  ...testRunOperations,
  ...rbacOperations,
  ...targetOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;

export const operationNames = Object.keys(operations) as OperationName[];
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

type DomainOf<N> = N extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<OperationName>;
type Method<N extends OperationName> = (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;

/**
 * What the renderer sees: one object grouped by domain, one method per operation, and an event subscription.
 * Backed by preload (contextBridge) in the desktop app and by the loopback web bridge in browser mode.
 */
export type WorkbenchApi = {
  [D in Domain]: { [N in OperationName as N extends `${D}.${infer V}` ? V : never]: Method<N> };
} & { events: { subscribe(listener: (event: WorkbenchEvent) => void): () => void } };

export { buildApi, invokeTyped, ipcChannelOf, ipcEventChannel, type Invoke, type Subscribe } from './api.js';

// The schema-free name list (used by the preload) must equal the contract's names, both ways.
type NameList = (typeof operationNameList)[number];
const _everyNameListed: Record<OperationName, true> = Object.fromEntries(operationNameList.map((n) => [n, true])) as Record<NameList, true>;
const _noExtraName: Record<NameList, true> = _everyNameListed;
void _noExtraName;

export type { Result, AppErrorShape, ErrorCode } from './result.js';
export { ok, fail, appErrorSchema, errorCodes } from './result.js';
export type { WorkbenchEvent, EventName } from './events.js';
export { eventSchemas } from './events.js';
export * from './operations/app.js';
export * from './operations/settings.js';
export * from './operations/audit.js';
export * from './operations/connections.js';
export * from './schemas/connection.js';
export * from './schemas/connection-summary.js';
export * from './schemas/connection-fields.js';
export * from './schemas/connection-oidc.js';
export * from './schemas/connection-saml.js';
export * from './schemas/connection-patch.js';
export * from './schemas/connection-idp.js';
export * from './schemas/connection-presets.js';
export * from './schemas/connection-export.js';
export * from './schemas/connection-claim-path.js';
export * from './schemas/connection-extras.js';
export * from './schemas/connection-draft.js';
export * from './schemas/connection-urls.js';
export * from './operations/test-runs.js';
export * from './schemas/report.js';
export * from './schemas/test-run.js';
export * from './operations/rbac.js';
export * from './schemas/rbac.js';
export * from './schemas/rbac-catalogue.js';
export * from './operations/targets.js';
export * from './schemas/targets.js';
