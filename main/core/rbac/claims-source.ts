import type { ClaimsSource, Report, StoredConnection } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { readClaim } from '../connections/claim-path.js';
import type { Store } from '../ports/index.js';
import { firstCnFromDn } from '../saml/dn.js';
import { normaliseGroups } from '../test-runs/groups.js';
import type { InspectInput } from '../test-runs/service.js';

/** The inspect pipeline (checks, mapping) without History: `TestRunService.evaluate`. */
export type EvaluateToken = (ref: string, input: InspectInput) => Promise<Report>;

/** The groups a login carries, where they were read from, and what to say about how far they can be trusted. */
export interface LoginGroups {
  groups: string[];
  /** `claim "groups"` / `attribute "memberOf"`: the first link of the explanation chain. */
  source: string;
  notes: string[];
}

/** How the connection reads groups: OIDC claim path, or SAML attribute (with ClearML's DN → CN option). */
export function groupSettingsOf(connection: StoredConnection): { path: string; caseSensitive: boolean; adminGroups: string[]; enabled: boolean; dnCn: boolean; label: string } {
  if (connection.protocol === 'oidc') {
    const g = connection.oidc.groupSync;
    return { path: g.claim, caseSensitive: g.caseSensitive, adminGroups: g.adminGroups, enabled: g.enabled, dnCn: false, label: `claim ${g.claim}` };
  }
  const g = connection.saml.groupSync;
  return { path: g.attribute, caseSensitive: g.caseSensitive, adminGroups: g.adminGroups, enabled: g.enabled, dnCn: g.groupNameFromDnCn, label: `attribute "${g.attribute}"` };
}

/** Groups from a claims object written by hand, through the connection's claim path (nested and quoted paths work). */
export function groupsFromClaims(connection: StoredConnection, claims: Record<string, unknown>): string[] {
  const settings = groupSettingsOf(connection);
  let raw: unknown;
  if (connection.protocol === 'saml') raw = claims[settings.path];
  else {
    try {
      raw = readClaim(claims, settings.path);
    } catch (error) {
      throw new AppError('invalid_input', `source: the connection's groups claim path "${settings.path}" is not valid: ${(error as Error).message}`, { field: 'source' });
    }
  }
  const { groups } = normaliseGroups(raw, { caseSensitive: settings.caseSensitive });
  return settings.dnCn ? groups.map((g) => firstCnFromDn(g) ?? g) : groups;
}

/** The groups of a report: accepted ones, or (when a check failed) the mapping's candidates, with a note saying so. */
function groupsFromReport(report: Report, what: string): { groups: string[]; notes: string[] } {
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  if (failed.length === 0) return { groups: report.groups, notes: [] };
  const candidate = report.details.candidate as { groups?: unknown } | undefined;
  const groups = Array.isArray(candidate?.groups) ? candidate.groups.filter((g): g is string => typeof g === 'string') : [];
  return {
    groups,
    notes: [`${what} failed ${failed.length} check(s) (${failed.slice(0, 4).join(', ')}${failed.length > 4 ? ', …' : ''}): the platform would refuse this login. Decided on its claims for diagnosis only.`],
  };
}

/** Reads the groups of an access question from any source: claims JSON, a token, a SAML Response, or a History run. */
export async function loginGroups(store: Store, connection: StoredConnection, source: ClaimsSource, evaluate: EvaluateToken): Promise<LoginGroups> {
  const label = groupSettingsOf(connection).label;
  switch (source.kind) {
    case 'claims':
      return { groups: groupsFromClaims(connection, source.claims), source: label, notes: ['Claims written by hand: no signature or token check applies.'] };
    case 'idToken':
    case 'accessToken': {
      if (connection.protocol !== 'oidc') throw new AppError('invalid_input', `source: "${connection.displayName}" is a SAML connection: give a SAML Response or claims, not a token.`, { field: 'source' });
      const report = await evaluate(connection.id, source.kind === 'idToken' ? { idToken: source.token } : { accessToken: source.token });
      const { groups, notes } = groupsFromReport(report, source.kind === 'idToken' ? 'The ID token' : 'The access token');
      return { groups, source: label, notes };
    }
    case 'samlResponse': {
      if (connection.protocol !== 'saml') throw new AppError('invalid_input', `source: "${connection.displayName}" is an OIDC connection: give a token or claims, not a SAML Response.`, { field: 'source' });
      const report = await evaluate(connection.id, { samlResponse: source.response });
      const { groups, notes } = groupsFromReport(report, 'The SAML Response');
      return { groups, source: label, notes };
    }
    case 'run': {
      const run = store.testRuns.get(source.runId);
      if (!run) throw new AppError('not_found', `No run with id "${source.runId}" in History.`, { field: 'source.runId', hint: 'Pick a run from History (ssowb history is in the app; History keeps runs only while keepHistory is on).' });
      const { groups, notes } = groupsFromReport(run.report, `The run of ${run.report.at}`);
      const other = run.connectionId !== connection.id ? [`The run was made with "${run.report.connection.name}"; its groups are matched with the matching rules of "${connection.displayName}".`] : [];
      return { groups, source: label, notes: [...other, ...notes] };
    }
  }
}
