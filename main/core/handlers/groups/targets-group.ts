import { targetOperations } from '../../../contract/operations/targets.js';
import { RehearsalService } from '../../rehearsal/service.js';
import { targetHandlers } from '../../targets/handlers.js';
import type { GroupDeps } from '../handler-groups.js';

export const definitions = targetOperations;

export function handlers({ context, setRehearsal }: GroupDeps) {
  const rehearsal = new RehearsalService(context);
  setRehearsal(rehearsal);
  return targetHandlers(context, rehearsal);
}
