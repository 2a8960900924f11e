import { parseDocument, stringify } from 'yaml';
import * as z from 'zod';
import type { Organization, RoleDraft } from '../../contract/index.js';
import type { FieldIssue } from '../connections/lookup.js';

/** What a roles file holds once read: global roles (globalRoleDefs) or one organization's roles (custom_roles body). */
export interface ParsedRoleFile {
  scope: 'global' | 'organization';
  /** Field prefix of each role in the file (`roles.2`, `globalRoleDefs.0`), for messages. */
  entries: Array<{ field: string; draft: Omit<RoleDraft, 'organizationId'> }>;
}

export class RoleFileError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

/** Text that must be a string: YAML would turn `true`, `null`, `1.10` into something else. */
const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is missing.` : `${what} must be text, got ${JSON.stringify(issue.input)}: quote it (e.g. "${String(issue.input)}").`) }).trim().min(1, `${what} is empty.`);

const arthurRoleSchema = z
  .object({
    role_name: text('role_name'),
    permissions: z.array(z.object({ resource: text('resource'), action: text('action') }).strict()).default([]),
    inherited_role_names: z.array(text('inherited role name')).default([]),
  })
  .strict();
const arthurBodySchema = z.object({ roles: z.array(arthurRoleSchema).min(1, 'roles is empty: list at least one role.') }).strict();

const globalRoleSchema = z
  .object({ name: text('name'), permissions: z.record(z.string(), z.array(text('action'))).default({}) })
  .strict();
const globalDefsSchema = z.object({ globalRoleDefs: z.array(globalRoleSchema).min(1, 'globalRoleDefs is empty: list at least one role.') }).strict();
/** A whole Arthur IdP YAML (version/kind/config): only config.globalRoleDefs is taken; the rest is the IdP's business. */
const idpYamlSchema = z.object({ config: z.object({ globalRoleDefs: globalDefsSchema.shape.globalRoleDefs }).loose() }).loose();

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Reads the text of a roles file strictly: JSON, or YAML 1.2 with the core schema only (`yes`, `on`, `no` stay text:
 * no YAML 1.1 surprises), one document, unique keys, no unresolved tags, at most a few aliases (billion-laughs
 * expansion refused), nothing XML-like (a DOCTYPE is refused before parsing).
 */
export function readStructuredText(content: string): unknown {
  if (Buffer.byteLength(content, 'utf8') > MAX_BYTES) throw new RoleFileError([{ field: 'content', message: 'The file is larger than 2 MB: a roles file is far smaller; check it is the right file.' }]);
  const head = content.replace(/^\uFEFF/, '').trimStart();
  if (/^<(\?xml|!DOCTYPE|!ENTITY|[A-Za-z])/i.test(head) || /<!(DOCTYPE|ENTITY)/i.test(content)) {
    throw new RoleFileError([{ field: 'content', message: 'This looks like XML (or holds a DOCTYPE/ENTITY declaration): give a JSON roles body or a globalRoleDefs YAML file.' }]);
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      return JSON.parse(head) as unknown;
    } catch (error) {
      throw new RoleFileError([{ field: 'content', message: `Not valid JSON: ${(error as Error).message}.` }]);
    }
  }
  const doc = parseDocument(content, { version: '1.2', schema: 'core', strict: true, uniqueKeys: true, prettyErrors: false, merge: false });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new RoleFileError(problems.slice(0, 5).map((p) => ({ field: `content (line ${p.linePos?.[0]?.line ?? '?'})`, message: p.message.split('\n')[0] ?? p.message })));
  }
  try {
    return doc.toJS({ maxAliasCount: 10 }) as unknown;
  } catch (error) {
    throw new RoleFileError([{ field: 'content', message: `Refused: ${(error as Error).message} (aliases expanding to a huge document). Write the roles out without anchors/aliases.` }]);
  }
}

const issuesOf = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || 'content';
    const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} (check the spelling).` : issue.message;
    return { field: issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [path === 'content' ? '' : path, issue.keys[0]].filter(Boolean).join('.') : path, message };
  });

/**
 * Recognises the file: an Arthur custom_roles body (`{"roles":[…]}`), a `globalRoleDefs` file, or a whole Arthur IdP
 * YAML (its `config.globalRoleDefs`). Unknown keys are refused with their path.
 */
export function parseRoleFile(content: string): ParsedRoleFile {
  const value = readStructuredText(content);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new RoleFileError([{ field: 'content', message: 'Expected an object: {"roles": […]} (Arthur custom_roles body) or globalRoleDefs: […].' }]);
  }
  const record = value as Record<string, unknown>;
  if ('roles' in record) {
    const parsed = arthurBodySchema.safeParse(record);
    if (!parsed.success) throw new RoleFileError(issuesOf(parsed.error));
    return {
      scope: 'organization',
      entries: parsed.data.roles.map((r, i) => ({
        field: `roles.${i}`,
        draft: { scope: 'organization', name: r.role_name, description: '', permissions: r.permissions, inheritedRoleNames: r.inherited_role_names },
      })),
    };
  }
  let defs: z.infer<typeof globalRoleSchema>[];
  let prefix = 'globalRoleDefs';
  if ('globalRoleDefs' in record) {
    const parsed = globalDefsSchema.safeParse(record);
    if (!parsed.success) throw new RoleFileError(issuesOf(parsed.error));
    defs = parsed.data.globalRoleDefs;
  } else if ('config' in record) {
    prefix = 'config.globalRoleDefs';
    const parsed = idpYamlSchema.safeParse(record);
    if (!parsed.success) throw new RoleFileError(issuesOf(parsed.error));
    defs = parsed.data.config.globalRoleDefs;
  } else {
    throw new RoleFileError([{ field: 'content', message: `Neither "roles" (Arthur custom_roles body) nor "globalRoleDefs" (or an IdP YAML with config.globalRoleDefs) is at the top; found ${Object.keys(record).map((k) => `"${k}"`).join(', ') || 'nothing'}.` }]);
  }
  return {
    scope: 'global',
    entries: defs.map((d, i) => ({
      field: `${prefix}.${i}`,
      draft: {
        scope: 'global',
        name: d.name,
        description: '',
        permissions: Object.entries(d.permissions).flatMap(([resource, actions]) => actions.map((action) => ({ resource, action }))),
        inheritedRoleNames: [],
      },
    })),
  };
}

interface ExportableRole {
  name: string;
  permissions: Array<{ resource: string; action: string }>;
  inheritedRoleNames: string[];
}

/** The body `POST /api/v3/authorization/custom_roles` takes (arthur-platform.md §3.3). */
export function arthurRolesBody(roles: readonly ExportableRole[]): { roles: Array<{ role_name: string; permissions: Array<{ resource: string; action: string }>; inherited_role_names: string[] }> } {
  return {
    roles: roles.map((r) => ({
      role_name: r.name,
      permissions: r.permissions.map((p) => ({ resource: p.resource, action: p.action })),
      inherited_role_names: [...r.inheritedRoleNames],
    })),
  };
}

/**
 * `globalRoleDefs` YAML for the Arthur IdP config (§3.4). Every string is double-quoted: the installer's YAML reader
 * may be YAML 1.1, where a bare `yes`/`on`/`no` would become a boolean.
 */
export function globalRoleDefsYaml(roles: readonly ExportableRole[]): string {
  const globalRoleDefs = roles.map((r) => {
    const permissions: Record<string, string[]> = {};
    for (const p of r.permissions) (permissions[p.resource] ??= []).push(p.action);
    return { name: r.name, permissions };
  });
  return stringify({ globalRoleDefs }, { version: '1.2', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
}

/** A file name safe on every OS. */
export function exportFilename(format: 'arthur-json' | 'global-yaml', organization: Organization | null): string {
  if (format === 'global-yaml') return 'globalRoleDefs.yaml';
  const slug = (organization?.name ?? 'organization').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organization';
  return `arthur-roles-${slug}.json`;
}
