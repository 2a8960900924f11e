import * as z from 'zod';
import { nameProblem } from './name-rule.js';
import { endpointUrlProblem } from './connection-fields.js';

/**
 * Targets (platform servers roles are pushed to), plans, pushes and the loopback rehearsal engine (product.md
 * "Target"; shared/reference/arthur-platform.md §4). A target's token is write-only: it goes to the OS keychain and
 * never comes back (views carry `hasToken`).
 */

export const targetKinds = ['arthur'] as const;
export type TargetKind = (typeof targetKinds)[number];

/** Same rule as a connection's display name: 1–80 characters, unique ignoring case (checked by the engine). */
export const targetNameSchema = z
  .string()
  .trim()
  .min(1, 'Target name is empty: give the target a name (e.g. "arthur-prod").')
  .max(80, 'Target name is longer than 80 characters: shorten it.')
  .superRefine((value, ctx) => {
    // The shared name rule (name-rule.ts): no control or bidi characters, something visible.
    const problem = nameProblem(value, 'Target name');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The platform's base URL: absolute, https unless the host is loopback, no query, fragment or credentials. */
export const targetUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = endpointUrlProblem(value);
    if (problem) return ctx.addIssue({ code: 'custom', message: problem });
    if (new URL(value).search) ctx.addIssue({ code: 'custom', message: `"${value}" has a query string (?…): enter only the platform's base address, e.g. https://arthur.example.com.` });
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** A PEM bundle of CA certificates trusted for this target on top of the system's (private CA, TLS-inspecting proxy). */
export const caBundleSchema = z
  .string()
  .trim()
  .max(512 * 1024, 'The CA bundle is over 512 KB: keep only the CA certificates that issued the platform\'s certificate.')
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Not a PEM CA bundle: it must hold at least one -----BEGIN CERTIFICATE----- block.');

/** The bearer token for the platform's admin API; written to the keychain, never echoed. */
export const targetTokenSchema = z.string().trim().min(1, 'Token is empty: paste the platform API token (it is kept in the OS keychain).').max(16_384, 'Token is longer than 16 KB.');

export const targetCheckItemSchema = z
  .object({ id: z.string(), status: z.enum(['pass', 'warn', 'fail', 'skip']), message: z.string(), hint: z.string() })
  .strict();

export const remoteOrganizationSchema = z.object({ id: z.string(), name: z.string() }).strict();

export const targetCheckSchema = z
  .object({
    target: z.string(),
    url: z.string(),
    at: z.string(),
    /** True when reachable, TLS fine and the token accepted. */
    ok: z.boolean(),
    checks: z.array(targetCheckItemSchema),
    organizations: z.array(remoteOrganizationSchema),
  })
  .strict();
export type TargetCheck = z.infer<typeof targetCheckSchema>;

export const storedTargetSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    url: z.string(),
    kind: z.enum(targetKinds),
    hasToken: z.boolean(),
    caBundle: z.string().nullable(),
    /** The workbench's own loopback rehearsal engine (its URL follows the engine's port). */
    rehearsal: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastCheck: z.object({ at: z.string(), ok: z.boolean(), organizations: z.number().int() }).strict().nullable(),
  })
  .strict();
export type StoredTarget = z.infer<typeof storedTargetSchema>;

export const targetViewSchema = storedTargetSchema
  .omit({ caBundle: true })
  .extend({ caCertificates: z.number().int() })
  .strict();
export type TargetView = z.infer<typeof targetViewSchema>;

/** A role as Arthur's custom_roles endpoint takes and returns it (arthur-platform.md §3.3). */
export const arthurRoleDefSchema = z
  .object({
    role_name: z.string(),
    permissions: z.array(z.object({ resource: z.string(), action: z.string() }).strict()).optional(),
    inherited_role_names: z.array(z.string()).optional(),
  })
  .strict();
export type ArthurRoleDef = z.infer<typeof arthurRoleDefSchema>;

export const planActions = ['create', 'replace', 'delete', 'keep'] as const;
export type PlanAction = (typeof planActions)[number];

/** One role's line in a plan: what happens to it and both sides for the side-by-side diff. */
export const planChangeSchema = z
  .object({
    org: z.string(),
    orgName: z.string(),
    role: z.string(),
    action: z.enum(planActions),
    /** Why, in words (e.g. "replace = DELETE then POST: the API has no update"). */
    reason: z.string(),
    /** The role only exists on the target (the workbench does not know it). */
    remoteOnly: z.boolean(),
    local: arthurRoleDefSchema.nullable(),
    remote: arthurRoleDefSchema.nullable(),
  })
  .strict();
export type PlanChange = z.infer<typeof planChangeSchema>;

export const planSchema = z
  .object({
    target: z.object({ id: z.string(), name: z.string(), url: z.string() }).strict(),
    at: z.string(),
    changes: z.array(planChangeSchema),
    counts: z.object({ create: z.number(), replace: z.number(), delete: z.number(), keep: z.number() }).strict(),
    /** Global roles are never pushed (Arthur takes them only from the IdP YAML): they go out with the export. */
    globalRoles: z.array(z.string()),
    notes: z.array(z.string()),
    /** Fingerprint of the changes; push refuses when the remote moved since this plan. */
    digest: z.string(),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;

export const roleResultStates = ['done', 'failed', 'skipped'] as const;
export const roleResultSchema = z
  .object({
    org: z.string(),
    role: z.string(),
    action: z.enum(planActions),
    state: z.enum(roleResultStates),
    message: z.string(),
    attempts: z.number().int(),
  })
  .strict();
export type RoleResult = z.infer<typeof roleResultSchema>;

export const pushSummarySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    finishedAt: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    url: z.string(),
    outcome: z.enum(['succeeded', 'failed', 'nothing_to_do']),
    counts: z.object({ done: z.number(), failed: z.number(), skipped: z.number() }).strict(),
  })
  .strict();
export type PushSummary = z.infer<typeof pushSummarySchema>;

export const pushRecordSchema = pushSummarySchema.extend({ plan: planSchema, results: z.array(roleResultSchema) }).strict();
export type PushRecord = z.infer<typeof pushRecordSchema>;

/** Event: one role of a running push changed state. */
export const pushProgressSchema = z
  .object({
    pushId: z.string(),
    targetId: z.string(),
    org: z.string(),
    role: z.string(),
    action: z.enum(planActions),
    state: z.enum(['pending', 'running', 'retrying', 'done', 'failed', 'skipped']),
    message: z.string(),
    done: z.number().int(),
    total: z.number().int(),
  })
  .strict();
export type PushProgress = z.infer<typeof pushProgressSchema>;

export const rehearsalStatusSchema = z
  .object({ running: z.boolean(), url: z.string().nullable(), port: z.number().int().nullable() })
  .strict();
export type RehearsalStatus = z.infer<typeof rehearsalStatusSchema>;
