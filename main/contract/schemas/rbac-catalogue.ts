/**
 * Arthur's permission catalogue and built-in roles, as the public docs give them (shared/reference/arthur-platform.md
 * §3.5 and §3.7; docs.arthur.ai "Full Directory of Arthur Permissions", "Arthur Permissions by Standard Roles").
 * Data only, no zod: the renderer, the engine and the CLI all read it.
 */

/** How the docs group resources; the role editor's matrix uses the same groups. */
export const permissionGroups = ['Organization and users', 'Models and data', 'Alerts', 'Installation'] as const;
export type PermissionGroup = (typeof permissionGroups)[number];

/**
 * `global`: only a global role (globalRoleDefs in the IdP YAML) may hold it; the custom_roles endpoint refuses it in
 * an organization role ("global-scope permissions (e.g. creating orgs) are rejected there").
 */
export type PermissionScope = 'organization' | 'global';

export interface CatalogueResource {
  resource: string;
  actions: readonly string[];
  group: PermissionGroup;
  scope: PermissionScope;
  /** Where the docs disagree or say more (spellings, legacy-only entries). */
  note?: string;
}

export const permissionCatalogue: readonly CatalogueResource[] = [
  { resource: 'organization_global', actions: ['read', 'write'], group: 'Organization and users', scope: 'global', note: 'List and create organizations: global roles only.' },
  { resource: 'organization', actions: ['read', 'delete'], group: 'Organization and users', scope: 'organization' },
  { resource: 'custom_roles', actions: ['read', 'write', 'delete'], group: 'Organization and users', scope: 'organization' },
  { resource: 'user', actions: ['read', 'write', 'delete'], group: 'Organization and users', scope: 'organization' },
  { resource: 'invite_user', actions: ['write'], group: 'Organization and users', scope: 'organization', note: 'The permissions directory spells it user_invite; the endpoint and standard-roles tables spell it invite_user.' },
  { resource: 'user_invite', actions: ['write'], group: 'Organization and users', scope: 'organization', note: 'Directory spelling of invite_user (see there).' },
  { resource: 'organization_metrics', actions: ['read'], group: 'Organization and users', scope: 'organization' },
  { resource: 'organization_usage', actions: ['read'], group: 'Organization and users', scope: 'organization', note: 'Standard-roles matrix and legacy directory only.' },
  { resource: 'service_account', actions: ['read', 'write', 'delete'], group: 'Organization and users', scope: 'organization', note: 'Standard-roles matrix and legacy directory only.' },
  { resource: 'authentication_config', actions: ['read', 'write'], group: 'Organization and users', scope: 'organization', note: 'Standard-roles matrix and legacy directory only.' },
  { resource: 'model', actions: ['read', 'write', 'delete'], group: 'Models and data', scope: 'organization' },
  { resource: 'tag', actions: ['read', 'write', 'delete'], group: 'Models and data', scope: 'organization' },
  { resource: 'enrichment_config', actions: ['read', 'write'], group: 'Models and data', scope: 'organization' },
  { resource: 'metric_query', actions: ['read', 'write', 'delete'], group: 'Models and data', scope: 'organization' },
  { resource: 'raw_data', actions: ['read', 'write'], group: 'Models and data', scope: 'organization' },
  { resource: 'reference_data', actions: ['read', 'write'], group: 'Models and data', scope: 'organization', note: 'From the permissions-by-endpoint table.' },
  { resource: 'ground_truth', actions: ['write'], group: 'Models and data', scope: 'organization' },
  { resource: 'query', actions: ['execute'], group: 'Models and data', scope: 'organization', note: 'Also needs raw_data read or reference_data read, depending on the query.' },
  { resource: 'pinned_columns', actions: ['read', 'write', 'delete'], group: 'Models and data', scope: 'organization', note: 'From the permissions-by-endpoint table.' },
  { resource: 'model_pinned_columns_global', actions: ['read', 'write', 'delete'], group: 'Models and data', scope: 'organization', note: 'Standard-roles matrix only.' },
  { resource: 'model_status', actions: ['write'], group: 'Models and data', scope: 'organization', note: 'Standard-roles matrix only.' },
  { resource: 'enrichment_status', actions: ['write'], group: 'Models and data', scope: 'organization', note: 'Standard-roles matrix only.' },
  { resource: 'alert', actions: ['read', 'resolve', 'notify'], group: 'Alerts', scope: 'organization' },
  { resource: 'insight', actions: ['read', 'resolve'], group: 'Alerts', scope: 'organization' },
  { resource: 'alert_rule', actions: ['read', 'write', 'delete'], group: 'Alerts', scope: 'organization' },
  { resource: 'alert_notification_config', actions: ['read', 'write', 'delete'], group: 'Alerts', scope: 'organization' },
  { resource: 'alert_summary', actions: ['notify'], group: 'Alerts', scope: 'organization' },
  { resource: 'alert_summary_config', actions: ['read', 'write', 'delete'], group: 'Alerts', scope: 'organization' },
  { resource: 'alert_summary_subscriber', actions: ['read', 'write', 'delete'], group: 'Alerts', scope: 'organization' },
  { resource: 'system_config', actions: ['write'], group: 'Installation', scope: 'global', note: 'Installation-wide setting: global roles only.' },
];

export interface BuiltInRole {
  name: string;
  description: string;
  /**
   * False where the docs do not publish the role's permissions (the standard-roles matrix lost its columns): the UI
   * says so and a decision that would depend on them is "undetermined", never invented.
   */
  permissionsKnown: boolean;
  /** Only when permissionsKnown. Super Admin: every permission ("everything", on-prem only). */
  permissions: readonly { resource: string; action: string }[];
}

const everyPermission = permissionCatalogue.flatMap((entry) => entry.actions.map((action) => ({ resource: entry.resource, action })));
const unpublished = (name: string, description: string): BuiltInRole => ({ name, description, permissionsKnown: false, permissions: [] });

/** The standard roles (the four of standard access control, and the columns of the standard-roles matrix). */
export const builtInRoles: readonly BuiltInRole[] = [
  unpublished('User', 'Read-only access to the organization\'s models and data.'),
  unpublished('Model Owner', 'Onboards models, sends reference data, inferences and ground truth.'),
  unpublished('Administrator', 'Organization admin: manages users and models in the organization.'),
  { name: 'Super Admin', description: 'Everything, including creating organizations (on-prem only).', permissionsKnown: true, permissions: everyPermission },
  unpublished('Model Reader', 'Column of the standard-roles matrix.'),
  unpublished('Alert Manager', 'Column of the standard-roles matrix.'),
  unpublished('Model Writer', 'Column of the standard-roles matrix.'),
  unpublished('Free Tier User', 'Column of the standard-roles matrix.'),
  unpublished('Org Manager', 'Column of the standard-roles matrix.'),
  unpublished('Org Creator', 'Column of the standard-roles matrix.'),
];

export const permissionKey = (p: { resource: string; action: string }): string => `${p.resource}:${p.action}`;
