import * as z from 'zod';
import { defineOperation } from '../define.js';
import {
  accessDecisionSchema,
  claimsSourceSchema,
  grantingGroupSchema,
  organizationIdSchema,
  organizationNameSchema,
  organizationViewSchema,
  permissionSchema,
  roleSchema,
  roleDraftSchema,
  roleExportFormats,
  roleIssueSchema,
  roleScopes,
  roleViewSchema,
} from '../schemas/rbac.js';

/** A role named by its id or its name (case-insensitive). */
const roleRef = z.string().trim().min(1, 'ref is empty: give a role id or name.');
const orgRef = z.string().trim().min(1, 'organization is empty: give an organization id or name.');

const catalogueSchema = z.object({
  resources: z.array(
    z
      .object({
        resource: z.string(),
        actions: z.array(z.string()),
        group: z.string(),
        scope: z.enum(['organization', 'global']),
        note: z.string().optional(),
      })
      .strict(),
  ),
  builtIns: z.array(
    z.object({ name: z.string(), description: z.string(), permissionsKnown: z.boolean(), permissions: z.array(permissionSchema) }).strict(),
  ),
});

/**
 * Organizations, roles (Arthur custom RBAC) and the access simulator. Every change is validated as a whole against
 * the installation (unique names, no built-in names, known permissions, no global permission in an org role,
 * inheritance only from built-ins or the same org, no cycles) and written to the audit log.
 */
export const rbacOperations = {
  'orgs.list': defineOperation(z.object({}).strict(), z.array(organizationViewSchema), 'Organizations sorted by name, with their role counts.'),
  'orgs.create': defineOperation(
    z.object({ id: organizationIdSchema.optional(), name: organizationNameSchema }).strict(),
    organizationViewSchema,
    'Add an organization (its id as the platform knows it, or a new UUID).',
  ),
  'orgs.update': defineOperation(z.object({ ref: orgRef, name: organizationNameSchema }).strict(), organizationViewSchema, 'Rename an organization.'),
  'orgs.remove': defineOperation(
    z.object({ ref: orgRef, withRoles: z.boolean().default(false) }).strict(),
    z.object({ id: z.string(), removedRoles: z.array(z.string()) }).strict(),
    'Delete an organization; refused while it has roles unless withRoles.',
  ),
  'roles.catalogue': defineOperation(z.object({}).strict(), catalogueSchema, 'The permission catalogue and the built-in roles.'),
  'roles.list': defineOperation(
    z.object({ organization: orgRef.optional(), scope: z.enum(roleScopes).optional() }).strict(),
    z.array(roleViewSchema),
    'Roles with their effective permissions, global first, then by organization and name.',
  ),
  'roles.get': defineOperation(z.object({ ref: roleRef }).strict(), roleViewSchema, 'One role by id or name.'),
  'roles.validate': defineOperation(
    z.object({ id: z.string().optional(), draft: z.record(z.string(), z.unknown()) }).strict(),
    z.object({ issues: z.array(roleIssueSchema), effectivePermissions: roleViewSchema.shape.effectivePermissions, unpublishedInherited: z.array(z.string()) }).strict(),
    'Check a role draft as the editor types (nothing is saved); `id` when editing an existing role.',
  ),
  'roles.create': defineOperation(roleDraftSchema, roleViewSchema, 'Add a role.'),
  'roles.update': defineOperation(
    z.object({ id: z.string().uuid(), draft: roleDraftSchema }).strict(),
    roleViewSchema,
    'Replace a role\'s fields; roles that inherit it by name follow a rename.',
  ),
  'roles.remove': defineOperation(
    z.object({ ref: roleRef }).strict(),
    z.object({ id: z.string(), name: z.string(), removed: z.literal(true) }).strict(),
    'Delete a role; refused while other roles inherit it.',
  ),
  'roles.import': defineOperation(
    z
      .object({
        content: z.string().min(1, 'content is empty: pass the text of a roles file.'),
        /** Needed for an Arthur roles body ({"roles":[…]}); a globalRoleDefs file imports global roles. */
        organization: orgRef.optional(),
        /** Replace roles of the same name instead of refusing. */
        replace: z.boolean().default(false),
      })
      .strict(),
    z.object({ created: z.array(z.string()), replaced: z.array(z.string()), scope: z.enum(roleScopes) }).strict(),
    'Import an Arthur roles body (org roles) or globalRoleDefs YAML/JSON (global roles), all or nothing.',
  ),
  'roles.restore': defineOperation(
    z
      .object({
        /** An organization deleted together with its roles: created again first, with its id. */
        organization: z.object({ id: organizationIdSchema, name: organizationNameSchema, createdAt: z.string() }).strict().nullable().default(null),
        /** Roles as they were (ids, creation times): put back in inheritance order, all or nothing. */
        roles: z.array(roleSchema).max(10_000, 'roles: at most 10,000 roles at once.'),
      })
      .strict(),
    z.object({ organization: organizationViewSchema.nullable(), roles: z.array(roleViewSchema) }).strict(),
    'Put deleted roles (and their organization) back as they were, with their ids: Undo of a delete, all or nothing.',
  ),
  'roles.export': defineOperation(
    z.object({ organization: orgRef.optional(), format: z.enum(roleExportFormats) }).strict(),
    z.object({ content: z.string(), filename: z.string() }).strict(),
    'Export an organization\'s roles as the Arthur custom_roles body, or the global roles as globalRoleDefs YAML.',
  ),
  'access.check': defineOperation(
    z
      .object({
        ref: z.string().trim().min(1, 'ref is empty: give a connection id or name.'),
        source: claimsSourceSchema,
        permission: permissionSchema,
        /** As the Arthur-Organization-ID header would carry it. */
        organization: orgRef.optional(),
        /** As an `_arthur_session` cookie would carry it (used when no header). */
        sessionOrganization: orgRef.optional(),
      })
      .strict(),
    accessDecisionSchema,
    'Would this login be allowed this permission, in which organization, and why.',
  ),
  'access.whoGrants': defineOperation(
    z.object({ permission: permissionSchema, organization: orgRef }).strict(),
    z.array(grantingGroupSchema),
    'The IdP groups (role names) that would grant a permission in an organization, and through which chain.',
  ),
};
