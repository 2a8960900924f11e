import * as z from 'zod';
import { auditEntrySchema } from './operations/audit.js';
import { testRunFinishedSchema, testRunProgressSchema } from './schemas/test-run.js';
import { pushProgressSchema } from './schemas/targets.js';

/** Events the engine pushes to every adapter (IPC, the web bridge's event stream, CLI JSON lines). */
export const eventSchemas = {
  onAuditAppended: auditEntrySchema,
  onNotice: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** A step of a live test run started or ended. */
  onTestRunProgress: testRunProgressSchema,
  /** A live run or an inspect finished; carries the report. */
  onTestRunFinished: testRunFinishedSchema,
  /** One role of a running push changed state (pending, running, retrying, done, failed, skipped). */
  onPushProgress: pushProgressSchema,
};
export type EventName = keyof typeof eventSchemas;
export type WorkbenchEvent = {
  [N in EventName]: { name: N; payload: z.output<(typeof eventSchemas)[N]> };
}[EventName];
