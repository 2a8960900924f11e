import { z } from 'zod';
import { auditEntrySchema } from './operations/audit.js';

/** Events the engine pushes to every adapter (IPC, the web bridge's event stream, CLI JSON lines). */
export const eventSchemas = {
  onAuditAppended: auditEntrySchema,
  onNotice: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
};
export type EventName = keyof typeof eventSchemas;
export type WorkbenchEvent = {
  [N in EventName]: { name: N; payload: z.output<(typeof eventSchemas)[N]> };
}[EventName];
