import * as z from 'zod';
import { nameProblem } from './name-rule.js';

/** The shared name rule (name-rule.ts): no control or bidi characters, something visible. */
const readableName = (label: string) => (value: string, ctx: z.RefinementCtx) => {
  const problem = nameProblem(value, label);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/**
 * Organizations, roles and access decisions, with Arthur's semantics (product.md "Role", "Resolution";
 * shared/reference/arthur-platform.md §3–§4). Catalogue data is in rbac-catalogue.ts.
 */

/** An Arthur organization id (a UUID on a real install; any id without spaces is accepted for rehearsals). */
export const organizationIdSchema = z
  .string()
  .trim()
  .min(1, 'Organization id is empty: copy it from the platform (the Arthur-Organization-ID value) or leave it out to generate one.')
  .max(64, 'Organization id is longer than 64 characters.')
  .regex(/^[A-Za-z0-9._~-]+$/, 'Organization id may only hold letters, digits and . _ ~ - (it travels in the Arthur-Organization-ID header).');

export const organizationNameSchema = z
  .string()
  .trim()
  .min(1, 'Organization name is empty: give it the name the platform shows.')
  .max(120, 'Organization name is longer than 120 characters: shorten it.')
  .superRefine(readableName('Organization name'));

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type Organization = z.infer<typeof organizationSchema>;

export const organizationViewSchema = organizationSchema.extend({ roleCount: z.number().int() }).strict();
export type OrganizationView = z.infer<typeof organizationViewSchema>;

export const permissionSchema = z
  .object({
    resource: z.string().trim().min(1, 'resource is empty: pick one from the permission catalogue.'),
    action: z.string().trim().min(1, 'action is empty: pick one from the permission catalogue.'),
  })
  .strict();
export type Permission = z.infer<typeof permissionSchema>;

/** `resource:action`, as the CLI's --permission takes it. */
export const permissionRefSchema = z
  .string()
  .trim()
  .regex(/^[a-z_]+:[a-z_]+$/, 'A permission is written resource:action, e.g. model:read.');

export const roleScopes = ['global', 'organization'] as const;
export type RoleScope = (typeof roleScopes)[number];

/**
 * A role name: the IdP group it matches, letter for letter. Unique across the installation (checked by the engine,
 * ignoring case) and never a built-in role's name.
 */
export const roleNameSchema = z
  .string()
  .trim()
  .min(1, 'Role name is empty: use the exact name of the IdP group it stands for.')
  .max(120, 'Role name is longer than 120 characters: shorten it (it must equal the IdP group name).')
  .superRefine(readableName('Role name'));

/** The fields an admin edits. Global roles have no organization and no inheritance (globalRoleDefs carry neither). */
export const roleDraftSchema = z
  .object({
    scope: z.enum(roleScopes),
    organizationId: z.string().trim().min(1).nullable().default(null),
    name: roleNameSchema,
    description: z.string().trim().max(500, 'Description is longer than 500 characters.').default(''),
    permissions: z.array(permissionSchema).default([]),
    inheritedRoleNames: z.array(roleNameSchema).default([]),
  })
  .strict();
export type RoleDraft = z.output<typeof roleDraftSchema>;

export const roleSchema = roleDraftSchema
  .extend({
    id: z.string().uuid(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type Role = z.infer<typeof roleSchema>;

/** One effective permission and where it comes from: the chain of role names, own role first. */
export const effectivePermissionSchema = z
  .object({ resource: z.string(), action: z.string(), via: z.array(z.string()) })
  .strict();
export type EffectivePermission = z.infer<typeof effectivePermissionSchema>;

export const roleViewSchema = roleSchema
  .extend({
    effectivePermissions: z.array(effectivePermissionSchema),
    /** Built-in roles reached through inheritance whose permissions the docs do not publish. */
    unpublishedInherited: z.array(z.string()),
    /** Roles that inherit this one (a delete is refused while any do). */
    inheritedBy: z.array(z.string()),
  })
  .strict();
export type RoleView = z.infer<typeof roleViewSchema>;

/** A validation finding on a role draft, with the field it is about (`name`, `permissions.3`, `inheritedRoleNames.0`). */
export const roleIssueSchema = z.object({ field: z.string(), message: z.string() }).strict();
export type RoleIssue = z.infer<typeof roleIssueSchema>;

export const roleExportFormats = ['arthur-json', 'global-yaml'] as const;

/** Where the claims of an access question come from. */
export const claimsSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('claims'), claims: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ kind: z.literal('idToken'), token: z.string().trim().min(1, 'token is empty: paste the whole ID token.') }).strict(),
  z.object({ kind: z.literal('accessToken'), token: z.string().trim().min(1, 'token is empty: paste the whole access token.') }).strict(),
  z.object({ kind: z.literal('samlResponse'), response: z.string().trim().min(1, 'response is empty: paste the SAMLResponse (base64 or XML).') }).strict(),
  z.object({ kind: z.literal('run'), runId: z.string().trim().min(1, 'runId is empty: pick a run from History.') }).strict(),
]);
export type ClaimsSource = z.infer<typeof claimsSourceSchema>;

/** How the organization was chosen, as Arthur does it: header, else session (`_arthur_session`), else the only org. */
export const orgSelectionSources = ['header', 'session', 'single', 'none'] as const;

/** One link of an explanation chain: claim path → group → role → inherited role → permission. */
export const explanationStepSchema = z
  .object({
    kind: z.enum(['claim', 'group', 'role', 'inherited', 'permission', 'organization', 'note']),
    label: z.string(),
    /** True on the links of the path that decided. */
    decisive: z.boolean(),
  })
  .strict();

export const accessDecisions = ['allowed', 'denied', 'not_found', 'undetermined'] as const;

export const accessDecisionSchema = z
  .object({
    /** product.md: `allowed` is the CLI's exit code (0 allowed, 1 otherwise). */
    allowed: z.boolean(),
    /** `not_found`: the chosen org is not reachable (the platform answers 404); `undetermined`: only an unpublished built-in could grant it. */
    decision: z.enum(accessDecisions),
    organization: z.object({ id: z.string(), name: z.string(), selectedBy: z.enum(orgSelectionSources) }).nullable(),
    permission: permissionSchema,
    explanation: z.array(z.string()),
    /** The same chain as structured links, for the decision graph. */
    path: z.array(explanationStepSchema),
    groups: z.array(z.string()),
    roles: z.array(z.string()),
    unmatchedGroups: z.array(z.string()),
    organizations: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    /** `https://<host>/?organization_id=<id>` per reachable org, when the connection has a webapp URL and several orgs are reachable. */
    deepLinks: z.array(z.object({ organizationId: z.string(), url: z.string() }).strict()),
  })
  .strict();
export type AccessDecision = z.infer<typeof accessDecisionSchema>;

/** Which roles (= IdP groups) would grant a permission in an organization, and through which chain. */
export const grantingGroupSchema = z
  .object({ group: z.string(), role: z.string(), scope: z.enum(roleScopes), via: z.array(z.string()) })
  .strict();
