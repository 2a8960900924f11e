import * as z from 'zod';
import { defineOperation } from '../define.js';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Who made the change: `desktop`, `browser` or `cli`, plus the OS user. */
  actor: z.string(),
  /** The operation, `domain.verb`. */
  action: z.string(),
  /** What it changed, e.g. a connection id. */
  subject: z.string(),
  /** What changed; never a secret value. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditOperations = {
  'audit.list': defineOperation(
    z.object({ limit: z.number().int().min(1).max(500).default(100), before: z.number().int().optional() }).strict(),
    z.array(auditEntrySchema),
    'The newest audit log entries, newest first.',
  ),
};
