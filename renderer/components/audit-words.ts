import type { AuditEntry } from '../../main/contract/index';

/** Each audited operation in plain words (History "Recent changes"); an unknown one falls back to its own name. */
const ACTIONS: Record<string, string> = {
  'connections.create': 'Created the connection',
  'connections.update': 'Changed the connection',
  'connections.import': 'Imported the connection',
  'connections.remove': 'Deleted the connection',
  'connections.setActive': 'Switched the connection on or off',
  'connections.export': 'Exported the connection',
  'connections.generateKeyPair': 'Generated a SAML signing key pair',
  'connections.reconcile': 'Cleaned up keychain items',
  'settings.update': 'Changed settings',
  'roles.create': 'Created a role',
  'roles.update': 'Changed a role',
  'roles.remove': 'Deleted a role',
  'roles.import': 'Imported roles',
  'orgs.create': 'Added an organization',
  'orgs.update': 'Changed an organization',
  'orgs.remove': 'Removed an organization',
  'targets.add': 'Added a platform target',
  'targets.update': 'Changed a platform target',
  'targets.remove': 'Removed a platform target',
  'targets.push': 'Pushed roles to a platform',
  'targets.reconcile': 'Cleaned up target tokens',
};

export function actionWords(entry: AuditEntry): string {
  if (entry.action === 'connections.setActive' && typeof entry.detail.active === 'boolean') return entry.detail.active ? 'Activated the connection' : 'Deactivated the connection';
  return ACTIONS[entry.action] ?? entry.action;
}

/** What the entry is about, by name when known (a connection's current name, or the name the entry recorded). */
export function subjectWords(entry: AuditEntry, names: ReadonlyMap<string, string>): string {
  const known = names.get(entry.subject);
  if (known) return known;
  const recorded = entry.detail.name ?? entry.detail.displayName;
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  if (entry.subject === 'settings') return 'Settings';
  return /^[0-9a-f-]{36}$/.test(entry.subject) ? 'a removed item' : entry.subject;
}
