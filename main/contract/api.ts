import type { OperationInput, OperationName, OperationOutput, WorkbenchApi } from './index.js';
import type { Result } from './result.js';
import type { WorkbenchEvent } from './events.js';
import { operationNameList } from './operation-names.js';

export type Invoke = (name: OperationName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (listener: (event: WorkbenchEvent) => void) => () => void;

/** Builds the grouped API object from a transport. The names come from the contract, never from a caller. */
export function buildApi(invoke: Invoke, subscribe: Subscribe): WorkbenchApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of operationNameList) {
    const [domain, verb] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (input: unknown) => invoke(name, input ?? {});
  }
  return { ...api, events: { subscribe } } as unknown as WorkbenchApi;
}

/** IPC channel of an operation; derived here so preload and main cannot disagree. */
export const ipcChannelOf = (name: OperationName): string => `ssowb:${name}`;
export const ipcEventChannel = 'ssowb:event';

/**
 * Calls one operation through an untyped transport and types the result by the contract. The one place the type is
 * asserted: the engine validated the value against the operation's output schema before it left (`Engine.invoke`).
 */
export async function invokeTyped<N extends OperationName>(invoke: Invoke, name: N, input: OperationInput<N>): Promise<Result<OperationOutput<N>>> {
  return (await invoke(name, input)) as Result<OperationOutput<N>>;
}
