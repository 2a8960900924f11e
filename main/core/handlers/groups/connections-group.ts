import { connectionOperations } from '../../../contract/operations/connections.js';
import { connectionHandlers, defaultIdpTools } from '../../connections/handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = connectionOperations;

export function handlers({ context, idpTools, loadedTestRuns }: GroupDeps) {
  const all = connectionHandlers({ ...context, idp: idpTools ?? defaultIdpTools });
  // A save of exactly a tested draft records that passing run as the connection's validation (test-runs/drafts.ts).
  // Draft passes live in the TestRunService's memory: when nothing loaded it, no draft was tested.
  const adopting = <I, O extends { id: string }>(save: (input: I) => Promise<O> | O) => async (input: I) => {
    const saved = await save(input);
    const adopted = (await loadedTestRuns()?.adoptDraftPass(saved.id)) ?? false;
    return adopted ? all['connections.get']({ ref: saved.id }) : saved;
  };
  return { ...all, 'connections.create': adopting(all['connections.create']), 'connections.update': adopting(all['connections.update']) };
}
