import type { Report, TestRunState } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { findConnection } from '../connections/lookup.js';
import type { HandlerContext, Handler } from '../handlers/types.js';
import type { TestRunService } from './service.js';

type Ops = 'tests.start' | 'tests.startDraft' | 'tests.wait' | 'tests.get' | 'tests.cancel' | 'tests.inspect' | 'history.list' | 'history.page' | 'history.get';

const unknownRun = (runId: string) =>
  new AppError('not_found', `No test run with id "${runId}".`, { field: 'runId', hint: 'Use the run id the test started with; past runs are listed in History (CLI: the report of ssowb test).' });

/** `tests.*` and `history.*`: thin wrappers over the service and the History repo. */
export function testRunHandlers(context: HandlerContext, service: TestRunService): { [N in Ops]: Handler<N> } {
  const { store } = context.ports;
  const stateOf = (runId: string): TestRunState => {
    const run = service.registry.get(runId);
    if (run) return { runId, connectionId: run.connectionId, status: run.status, ...(run.report ? { report: run.report } : {}) };
    const past = store.testRuns.get(runId);
    if (past) return { runId, connectionId: past.connectionId, status: past.cancelled ? 'cancelled' : past.outcome, report: past.report };
    throw unknownRun(runId);
  };
  // A removed connection's runs stay listable by its id.
  const runsOf = (ref: string | undefined) => (ref === undefined ? undefined : (findConnection(store.connections, ref)?.id ?? ref));
  return {
    'tests.start': ({ ref, timeoutSeconds, forceLogin }) => service.start(ref, timeoutSeconds, forceLogin),
    'tests.startDraft': ({ draft, timeoutSeconds, forceLogin }) => service.startDraft(draft, timeoutSeconds, forceLogin),
    'tests.wait': async ({ runId }): Promise<Report> => {
      const pending = service.registry.wait(runId);
      if (pending) {
        const report = await pending;
        await service.settled(runId);
        return report;
      }
      const past = store.testRuns.get(runId);
      if (past) return past.report;
      throw unknownRun(runId);
    },
    'tests.get': ({ runId }) => stateOf(runId),
    'tests.cancel': ({ runId }) => {
      service.registry.end(runId, 'cancelled');
      return stateOf(runId);
    },
    'tests.inspect': ({ ref, idToken, accessToken, samlResponse }) => service.inspect(ref, { idToken, accessToken, samlResponse }),
    'history.list': ({ ref, ...page }) => store.testRuns.list({ connectionId: runsOf(ref), ...page }),
    'history.page': ({ ref, ...page }) => store.testRuns.page({ connectionId: runsOf(ref), ...page }),
    'history.get': ({ runId }) => {
      const past = store.testRuns.get(runId);
      if (!past) throw unknownRun(runId);
      return past.report;
    },
  };
}
