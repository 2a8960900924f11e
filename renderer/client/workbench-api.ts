import type { OperationInput, OperationName, OperationOutput, Result, WorkbenchApi } from '../../main/contract/index';
import { createHttpApi } from './http-transport';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge) in the desktop app; absent in browser mode. */
    workbench?: WorkbenchApi;
  }
}

export type ClientKind = 'preload' | 'http';

/** The renderer's one way to the engine: the preload object in Electron, else the loopback web bridge. */
export function resolveWorkbenchApi(): { api: WorkbenchApi; kind: ClientKind } {
  if (window.workbench) return { api: window.workbench, kind: 'preload' };
  return { api: createHttpApi(), kind: 'http' };
}

type AnyMethod = (input: unknown) => Promise<Result<unknown>>;

/**
 * Calls an operation by its contract name (`domain.verb`) on the grouped API. Lets hooks take the name as data
 * (a stable key) while keeping input and output typed by the contract.
 */
export function callOperation<N extends OperationName>(
  api: WorkbenchApi,
  name: N,
  input: OperationInput<N>,
): Promise<Result<OperationOutput<N>>> {
  const [domain, verb] = name.split('.') as [string, string];
  const group = (api as unknown as Record<string, Record<string, AnyMethod> | undefined>)[domain];
  const method = group?.[verb];
  if (!method) {
    return Promise.resolve({ ok: false, error: { code: 'internal', message: `The engine does not offer ${name}.`, hint: 'Update SSO Workbench: the console and engine are out of step.' } });
  }
  return method(input).catch(
    (error: unknown): Result<never> => ({
      ok: false,
      error: { code: 'internal', message: error instanceof Error ? error.message : `${name} failed.` },
    }),
  ) as Promise<Result<OperationOutput<N>>>;
}
