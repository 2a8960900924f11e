import type { OperationName, WorkbenchApi } from './index.js';
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
