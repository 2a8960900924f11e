import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorShape, OperationInput, OperationName, OperationOutput, Result } from '../../main/contract/index';
import { useWorkbench } from './client-context';
import { callOperation } from './workbench-api';

export interface OperationState<T> {
  /** The last value received; kept while a refetch runs so the screen does not flash. */
  data: T | undefined;
  /** The error of the last call, cleared by the next success. */
  error: AppErrorShape | undefined;
  /** True while a call is in flight (the first load or a refetch). */
  loading: boolean;
  refetch: () => Promise<Result<T>>;
  /** Replace the cached value, e.g. with what a mutation returned. */
  setData: (value: T) => void;
}

/**
 * A query: runs the operation when mounted and whenever its name or input (compared as JSON) changes.
 * Answers that arrive after a newer call started are dropped.
 */
export function useOperation<N extends OperationName>(name: N, input: OperationInput<N>): OperationState<OperationOutput<N>> {
  const api = useWorkbench();
  // Inputs travel as JSON (bridge) or structured clones (preload), so their JSON text is a faithful key.
  const inputJson = JSON.stringify(input ?? {});
  const latest = useRef(0);
  const [state, setState] = useState<{ data?: OperationOutput<N>; error?: AppErrorShape; loading: boolean }>({ loading: true });

  const run = useCallback(async (): Promise<Result<OperationOutput<N>>> => {
    const call = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    const result = await callOperation(api, name, JSON.parse(inputJson) as OperationInput<N>);
    if (call === latest.current) {
      setState((previous) =>
        result.ok ? { data: result.value, loading: false } : { data: previous.data, error: result.error, loading: false },
      );
    }
    return result;
  }, [api, name, inputJson]);

  useEffect(() => {
    void run();
    return () => {
      latest.current++; // unmounted or superseded: ignore the answer in flight
    };
  }, [run]);

  const setData = useCallback((value: OperationOutput<N>) => setState({ data: value, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, refetch: run, setData };
}
