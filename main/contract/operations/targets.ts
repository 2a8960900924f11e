import * as z from 'zod';
import { defineOperation } from '../define.js';
import {
  caBundleSchema,
  planSchema,
  pushRecordSchema,
  pushSummarySchema,
  rehearsalStatusSchema,
  targetCheckSchema,
  targetKinds,
  targetNameSchema,
  targetTokenSchema,
  targetUrlSchema,
  targetViewSchema,
} from '../schemas/targets.js';

const targetRef = z.string().trim().min(1, 'target is empty: give a target id or name.');
const orgRef = z.string().trim().min(1, 'organization is empty: give an organization id or name.').optional();

const planInput = z
  .object({
    ref: targetRef,
    /** One organization (id or name); default every organization the workbench has. */
    organization: orgRef,
    /** Delete remote roles the workbench does not know (default: show and keep them). */
    deleteUnknown: z.boolean().default(false),
  })
  .strict();

/**
 * Targets (Arthur servers), plans and pushes of organization roles, push history, and the loopback rehearsal engine
 * (an Arthur-compatible API on 127.0.0.1 over the workbench's store). Tokens are write-only (OS keychain).
 */
export const targetOperations = {
  'targets.list': defineOperation(z.object({}).strict(), z.array(targetViewSchema), 'Targets sorted by name.'),
  'targets.get': defineOperation(z.object({ ref: targetRef }).strict(), targetViewSchema, 'One target by id or name.'),
  'targets.add': defineOperation(
    z
      .object({
        name: targetNameSchema,
        url: targetUrlSchema,
        kind: z.enum(targetKinds).default('arthur'),
        token: targetTokenSchema.optional(),
        caBundle: caBundleSchema.optional(),
      })
      .strict(),
    targetViewSchema,
    'Add a target; the token goes to the OS keychain only.',
  ),
  'targets.update': defineOperation(
    z
      .object({
        ref: targetRef,
        name: targetNameSchema.optional(),
        url: targetUrlSchema.optional(),
        token: targetTokenSchema.optional(),
        /** null removes the bundle. */
        caBundle: caBundleSchema.nullable().optional(),
      })
      .strict(),
    targetViewSchema,
    'Change what the input names; a new token replaces the keychain item.',
  ),
  'targets.remove': defineOperation(
    z.object({ ref: targetRef }).strict(),
    z.object({ id: z.string(), name: z.string(), removed: z.literal(true) }).strict(),
    'Delete a target and its keychain item.',
  ),
  'targets.check': defineOperation(
    z.object({ ref: targetRef }).strict(),
    targetCheckSchema,
    'Reachability, TLS (the chain problem named), whether the token is accepted, and the organizations it sees.',
  ),
  'targets.plan': defineOperation(planInput, planSchema, 'Read the target\'s roles per organization and diff them with the local ones; nothing is sent.'),
  'targets.push': defineOperation(
    planInput.extend({ digest: z.string().optional() }).strict(),
    pushRecordSchema,
    'Plan again and apply: DELETE then POST in batches, with bounded retries; per-role results; audited.',
  ),
  'pushes.list': defineOperation(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.array(pushSummarySchema),
    'Past pushes, newest first.',
  ),
  'pushes.get': defineOperation(z.object({ id: z.string().min(1) }).strict(), pushRecordSchema, 'One push with its plan and per-role results.'),
  'rehearsal.start': defineOperation(
    z
      .object({
        port: z.number().int().min(0).max(65535).optional(),
        /** The admin token to accept (the CLI passes its own so it can print it); default the keychain's. */
        adminToken: z.string().min(16, 'adminToken must be at least 16 characters.').optional(),
      })
      .strict(),
    rehearsalStatusSchema,
    'Start the loopback Arthur-compatible RBAC engine on 127.0.0.1 (no-op when running).',
  ),
  'rehearsal.status': defineOperation(z.object({}).strict(), rehearsalStatusSchema, 'Whether the rehearsal engine runs, and where.'),
  'rehearsal.stop': defineOperation(z.object({}).strict(), rehearsalStatusSchema, 'Stop the rehearsal engine.'),
  'rehearsal.addTarget': defineOperation(
    z.object({}).strict(),
    targetViewSchema,
    'One click: start the rehearsal engine if needed, copy the organizations into it, and add (or refresh) it as a target.',
  ),
};
