import type { AppErrorShape, ConnectionView, OperationInput, Result } from '../../../main/contract/index';
import { useMutation } from '../../client';

/**
 * Create or update through the engine, then hand the saved view on or put the engine's errors on the form's fields.
 * Shared by the OIDC and SAML editors so both finish a save the same way.
 */
export function useSaveConnection(
  showEngineError: (error: AppErrorShape) => void,
  onSaved: (view: ConnectionView, created: boolean) => void,
) {
  const create = useMutation('connections.create');
  const update = useMutation('connections.update');
  const finish = (result: Result<ConnectionView>, created: boolean) => {
    if (result.ok) onSaved(result.value, created);
    else showEngineError(result.error);
  };
  return {
    create: async (input: OperationInput<'connections.create'>) => finish(await create.mutate(input), true),
    update: async (input: OperationInput<'connections.update'>) => finish(await update.mutate(input), false),
    saving: create.loading || update.loading,
  };
}
