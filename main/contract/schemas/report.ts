import * as z from 'zod';

/**
 * The test-run report (product.md "Report JSON"), shared by OIDC and SAML, live runs and offline `inspect`.
 * Check ids are stable (`oidc.id_token.signature`, `saml.response.destination`, …): pipelines and History rely on them.
 */
export const checkStatuses = ['pass', 'warn', 'fail', 'skip'] as const;
export const checkSchema = z.object({
  id: z.string(),
  status: z.enum(checkStatuses),
  message: z.string(),
  /** How to fix it; empty for a pass. */
  hint: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const mappedUserSchema = z.object({
  userId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  picture: z.string().nullable(),
});
export type MappedUser = z.infer<typeof mappedUserSchema>;

/** One IdP group matched to a role (exactly, or ignoring case when the connection says so). */
export const roleMatchSchema = z.object({
  group: z.string(),
  role: z.string(),
  scope: z.enum(['global', 'organization']),
  /** Null for a global role. */
  organizationId: z.string().nullable(),
});

/**
 * Role/organization resolution (product.md "Resolution"). `roles`, `unmatchedGroups`, `organizations` (ids), `denied`
 * and `reason` are the contract pipelines read; the rest feeds the claims viewer. Fields added after the first release
 * default, so History written before them still reads.
 */
export const resolutionSchema = z.object({
  roles: z.array(z.string()),
  unmatchedGroups: z.array(z.string()),
  organizations: z.array(z.string()),
  denied: z.boolean(),
  reason: z.string(),
  matches: z.array(roleMatchSchema).default([]),
  /** Effective permissions per organization id (`resource:action`), global roles' under "*". */
  permissions: z.record(z.string(), z.array(z.string())).default({}),
  /** Built-in roles reached whose permissions the docs do not publish (the platform decides those). */
  unpublishedRoles: z.array(z.string()).default([]),
  /** ClearML connections: the platform groups the IdP groups would join, and whether the user becomes an admin. */
  clearml: z
    .object({ joinedGroups: z.array(z.string()), unknownGroups: z.array(z.string()), admin: z.boolean(), adminVia: z.array(z.string()) })
    .nullable()
    .default(null),
});
export type Resolution = z.infer<typeof resolutionSchema>;

/** Where a claim came from, so the viewer can say "from userinfo" rather than guess. */
export const claimOrigins = ['id_token', 'userinfo', 'access_token', 'saml_assertion', 'saml_nameid'] as const;

export const stepSchema = z.object({
  name: z.enum(['authorize', 'callback', 'token', 'userinfo', 'validate', 'verdict']),
  startedAt: z.string(),
  durationMs: z.number(),
  /** `refused`: a callback that was not this run's (unknown, missing or used state) was refused; the run kept waiting. */
  status: z.enum(['ok', 'failed', 'skipped', 'refused']),
});

export const reportSchema = z.object({
  outcome: z.enum(['passed', 'failed']),
  connection: z.object({ id: z.string(), name: z.string(), protocol: z.enum(['oidc', 'saml']) }),
  source: z.enum(['live', 'inspect']),
  at: z.string(),
  checks: z.array(checkSchema),
  /** Merged claims (OIDC) or attributes (SAML, values always lists). */
  claims: z.record(z.string(), z.unknown()),
  claimOrigins: z.record(z.string(), z.enum(claimOrigins)),
  user: mappedUserSchema,
  groups: z.array(z.string()),
  resolution: resolutionSchema,
  /** Protocol data for the viewer's tabs: decoded token headers/payloads, SAML XML, certificate used. Never raw tokens. */
  details: z.record(z.string(), z.unknown()),
  steps: z.array(stepSchema),
  /** The admin cancelled the run before the IdP answered: not a verdict on the connection (outcome stays failed). */
  cancelled: z.boolean().optional(),
});
export type Report = z.infer<typeof reportSchema>;
