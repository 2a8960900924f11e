import { AppError } from '../app-error.js';
import type { HandlerContext, Handlers } from '../handlers/types.js';
import type { RehearsalService } from '../rehearsal/service.js';
import { checkTarget } from './check.js';
import { targetCrudHandlers } from './handlers-crud.js';
import { planFor, pushToTarget } from './push.js';
import { requireTarget } from './target-store.js';

type Ops =
  | 'targets.list' | 'targets.get' | 'targets.add' | 'targets.update' | 'targets.remove' | 'targets.check' | 'targets.plan' | 'targets.push'
  | 'pushes.list' | 'pushes.get' | 'rehearsal.start' | 'rehearsal.status' | 'rehearsal.stop' | 'rehearsal.addTarget';

/** Targets, plans, pushes and their History, and the rehearsal engine. */
export function targetHandlers(context: HandlerContext, rehearsal: RehearsalService): Pick<Handlers, Ops> {
  const { ports } = context;
  return {
    ...targetCrudHandlers(context),
    'targets.check': async ({ ref }) => {
      const target = requireTarget(ports.store.targets, ref);
      const result = await checkTarget(context, target);
      // Remembered for the table (no audit entry: nothing changed on either side).
      ports.store.targets.put({ ...target, lastCheck: { at: result.at, ok: result.ok, organizations: result.organizations.length } });
      return result;
    },
    'targets.plan': async (input) => (await planFor(context, input)).plan,
    'targets.push': (input) => pushToTarget(context, input),
    'pushes.list': ({ limit }) => ports.store.pushes.list({ limit }),
    'pushes.get': ({ id }) => {
      const push = ports.store.pushes.get(id);
      if (!push) throw new AppError('not_found', `No push with id "${id}".`, { field: 'id', hint: 'History lists past pushes.' });
      return push;
    },
    'rehearsal.start': ({ port, adminToken }) => rehearsal.start({ port, adminToken }),
    'rehearsal.status': () => rehearsal.status(),
    'rehearsal.stop': () => rehearsal.stop(),
    'rehearsal.addTarget': () => rehearsal.addTarget(),
  };
}
