import { useCallback, useState } from 'react';
import type { AppErrorShape, OperationInput, OperationName, OperationOutput, Result } from '../../main/contract/index';
import { useWorkbench } from './client-context';
import { callOperation } from './workbench-api';

export interface MutationState<N extends OperationName> {
  /** Runs the operation; resolves with its Result (never throws). */
  mutate: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
  loading: boolean;
  error: AppErrorShape | undefined;
  reset: () => void;
}

/** A command: runs the operation when asked, with loading and error state for the button and form that trigger it. */
export function useMutation<N extends OperationName>(name: N): MutationState<N> {
  const api = useWorkbench();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppErrorShape | undefined>(undefined);

  const mutate = useCallback(
    async (input: OperationInput<N>) => {
      setLoading(true);
      setError(undefined);
      const result = await callOperation(api, name, input);
      setLoading(false);
      if (!result.ok) setError(result.error);
      return result;
    },
    [api, name],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { mutate, loading, error, reset };
}
