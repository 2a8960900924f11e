import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { WorkbenchApi } from '../../main/contract/index';
import type { ClientKind } from './workbench-api';

interface ClientValue {
  api: WorkbenchApi;
  kind: ClientKind;
}

const ClientContext = createContext<ClientValue | null>(null);

/** Provides the one client interface to the tree; components reach the engine only through it. */
export function WorkbenchClientProvider({ api, kind, children }: ClientValue & { children: ReactNode }) {
  const value = useMemo(() => ({ api, kind }), [api, kind]);
  return <ClientContext.Provider value={value}>{children}</ClientContext.Provider>;
}

export function useWorkbenchClient(): ClientValue {
  const value = useContext(ClientContext);
  if (!value) throw new Error('useWorkbenchClient must be used inside <WorkbenchClientProvider>.');
  return value;
}

/** The contract's grouped API (`api.settings.get({})`, `api.events.subscribe(…)`). */
export function useWorkbench(): WorkbenchApi {
  return useWorkbenchClient().api;
}
