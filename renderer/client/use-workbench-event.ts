import { useEffect, useLayoutEffect, useRef } from 'react';
import type { EventName, WorkbenchEvent } from '../../main/contract/index';
import { useWorkbench } from './client-context';

type PayloadOf<E extends EventName> = Extract<WorkbenchEvent, { name: E }>['payload'];

/** Calls `listener` for every engine event named `name` while the component is mounted. */
export function useWorkbenchEvent<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): void {
  const api = useWorkbench();
  const listenerRef = useRef(listener);
  useLayoutEffect(() => {
    listenerRef.current = listener;
  });
  useEffect(
    () =>
      api.events.subscribe((event) => {
        if (event.name === name) listenerRef.current(event.payload as PayloadOf<E>);
      }),
    [api, name],
  );
}
