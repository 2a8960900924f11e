/**
 * The renderer's client interface: the contract's `WorkbenchApi`, chosen once at start (Electron preload or the
 * loopback web bridge), provided through React context, and used through these hooks. Nothing else in the renderer
 * talks to the engine or the network (eslint.config.mjs enforces it).
 */
export { resolveWorkbenchApi, callOperation, type ClientKind } from './workbench-api';
export { WorkbenchClientProvider, useWorkbench, useWorkbenchClient } from './client-context';
export { useOperation, type OperationState } from './use-operation';
export { useMutation, type MutationState } from './use-mutation';
export { useWorkbenchEvent } from './use-workbench-event';
