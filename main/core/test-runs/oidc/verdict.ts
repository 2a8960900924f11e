import type { MappedUser, OidcSettings, Report, Resolution } from '../../../contract/index.js';
import type { CheckList } from '../checks.js';
import { mapClaims } from '../mapping.js';
import { emptyUser } from '../report.js';
import type { RoleResolver } from '../resolution.js';
import { closeVerdict, recordMapping } from '../verdict-common.js';
import type { StepTimeline } from '../steps.js';
import { mergeClaims, type ClaimSource } from './claims.js';

/** Every OIDC check id, in report order (stable: pipelines and History key on them). */
export const OIDC_CHECK_ORDER = [
  'oidc.pkce.method',
  'oidc.callback.received',
  'oidc.callback.state',
  'oidc.callback.iss',
  'oidc.callback.error',
  'oidc.token.exchange',
  'oidc.id_token.present',
  'oidc.id_token.alg',
  'oidc.id_token.signature',
  'oidc.id_token.iss',
  'oidc.id_token.aud',
  'oidc.id_token.azp',
  'oidc.id_token.exp',
  'oidc.id_token.iat',
  'oidc.id_token.nbf',
  'oidc.id_token.nonce',
  'oidc.id_token.sub',
  'oidc.userinfo.fetch',
  'oidc.userinfo.sub',
  'oidc.access_token.decode',
  'mapping.userId',
  'mapping.email',
  'mapping.name',
  'mapping.givenName',
  'mapping.familyName',
  'mapping.picture',
  'mapping.email_verified',
  'mapping.groups',
  'resolution.roles',
] as const;

/** The connection facts a report needs (a snapshot taken when the run started). */
export interface OidcSubject {
  id: string;
  name: string;
  provider: string;
  platform: 'clearml' | 'arthur';
  settings: OidcSettings;
  /** Role/organization resolution of the mapped groups (main/core/test-runs/resolution.ts). */
  roles?: RoleResolver | undefined;
}

export interface VerdictInput {
  subject: OidcSubject;
  source: Report['source'];
  at: Date;
  checks: CheckList;
  sources: ClaimSource[];
  /** The token whose claims are mapped was not verified (bad signature, refused alg): claims are shown, not trusted. */
  unverified: boolean;
  details: Record<string, unknown>;
  timeline: StepTimeline;
  /** Message for checks never evaluated. */
  notReached: string;
}

/**
 * The last step of a run or inspect: merge the claims with their origins, map them (claim paths, email_verified,
 * groups), add the resolution, and build the report. With no claims at all the mapping is not reached; with
 * unverified claims it runs for diagnosis, says so, and the report builder accepts nothing.
 */
export function oidcVerdict(input: VerdictInput): Report {
  const end = input.timeline.begin('verdict');
  const { checks, subject } = input;
  const { claims, claimOrigins } = mergeClaims(input.sources);
  let mapped: { user: MappedUser; groups: string[]; resolution?: Resolution } = { user: emptyUser(), groups: [] };
  if (Object.keys(claims).length > 0) {
    const s = subject.settings;
    const result = mapClaims({
      claims,
      origins: claimOrigins,
      mappings: s.claimMappings,
      emailVerification: s.emailVerification,
      groupSync: { enabled: s.groupSync.enabled, claim: s.groupSync.claim, caseSensitive: s.groupSync.caseSensitive },
      provider: subject.provider,
      requestedScopes: [...s.standardScopes, ...s.additionalScopes],
    });
    const needs = { platform: subject.platform, groupSync: s.groupSync.enabled, groupsFrom: `the "${s.groupSync.claim}" claim` };
    mapped = recordMapping(checks, result, input.unverified ? 'Unverified claims: ' : undefined, subject.roles, needs);
  }
  return closeVerdict(input, OIDC_CHECK_ORDER, end, {
    connection: { id: subject.id, name: subject.name, protocol: 'oidc' },
    source: input.source,
    at: input.at.toISOString(),
    claims,
    claimOrigins,
    mapped,
    details: { ...input.details, unverified: input.unverified, clockToleranceSeconds: subject.settings.clockToleranceSeconds },
  });
}
