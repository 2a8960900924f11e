import type { MappedUser, Report, Resolution, SamlSettings } from '../../../contract/index.js';
import { NAMEID } from '../../../contract/schemas/connection-saml.js';
import { SAML_CHECK_IDS } from '../../saml/check-list.js';
import { mapSamlAttributes } from '../../saml/map-attributes.js';
import type { SamlValidation } from '../../saml/validate-response.js';
import type { CheckList } from '../checks.js';
import { emptyUser } from '../report.js';
import type { RoleResolver } from '../resolution.js';
import { closeVerdict, recordMapping } from '../verdict-common.js';
import type { StepTimeline } from '../steps.js';

/**
 * Every check id of a SAML run, in report order (stable: pipelines and History key on them). The run-level ids
 * (request signature, ACS receipt, RelayState) frame the validation ids of main/core/saml; the mapping ids are the
 * ones `mapSamlAttributes` produces (SAML has no email_verified), then the resolution.
 */
export const SAML_RUN_CHECK_ORDER = [
  'saml.request.signature',
  'saml.acs.received',
  'saml.acs.relay_state',
  ...SAML_CHECK_IDS,
  'mapping.userId',
  'mapping.email',
  'mapping.name',
  'mapping.givenName',
  'mapping.familyName',
  'mapping.picture',
  'mapping.groups',
  'resolution.roles',
] as const;

/** The connection facts a SAML report needs (a snapshot taken when the run started or the inspect began). */
export interface SamlSubject {
  id: string;
  name: string;
  provider: string;
  platform: 'clearml' | 'arthur';
  settings: SamlSettings;
  /** The SP entity ID in effect (the override, else the loopback default): the Audience the assertion must name. */
  spEntityId: string;
  /** The loopback ACS URL of the test run: Destination and Recipient must equal it exactly. */
  acsUrl: string;
  /** The platform's own ACS and entity ID (null until webappUrl is set), for inspecting a production Response. */
  production: { acsUrl: string; spEntityId: string } | null;
  /** Role/organization resolution of the mapped groups (main/core/test-runs/resolution.ts). */
  roles?: RoleResolver | undefined;
}

export interface SamlVerdictInput {
  subject: SamlSubject;
  source: Report['source'];
  at: Date;
  /** Run-level checks decided so far (request signature, ACS receipt, RelayState, offline skips). */
  checks: CheckList;
  /** Null when no Response arrived (timeout, cancel). */
  validation: SamlValidation | null;
  details: Record<string, unknown>;
  timeline: StepTimeline;
  /** Message for checks never evaluated. */
  notReached: string;
}

/**
 * The last step of a SAML run or inspect: merge the validation's checks, map the attributes (only what validation
 * released: nothing from unsigned bytes), add the resolution and build the same report shape as OIDC. Claims are the
 * attributes as lists plus `$nameid` (a one-value list), each with its origin.
 */
export function samlVerdict(input: SamlVerdictInput): Report {
  const end = input.timeline.begin('verdict');
  const { checks, subject, validation } = input;
  let claims: Record<string, string[]> = {};
  let claimOrigins: Report['claimOrigins'] = {};
  let mapped: { user: MappedUser; groups: string[]; resolution?: Resolution } = { user: emptyUser(), groups: [] };
  if (validation) {
    checks.addAll(validation.checks);
    claims = { ...validation.attributes, ...(validation.nameId ? { [NAMEID]: [validation.nameId.value] } : {}) };
    claimOrigins = { ...validation.claimOrigins };
    if (Object.keys(claims).length > 0) {
      const result = mapSamlAttributes({ nameId: validation.nameId, attributes: validation.attributes, settings: subject.settings });
      // Validation failed after node-saml accepted the bytes (e.g. Destination, replay): shown, never accepted.
      const sync = subject.settings.groupSync;
      const needs = { platform: subject.platform, groupSync: sync.enabled, groupsFrom: `the attribute "${sync.attribute}"` };
      mapped = recordMapping(checks, result, validation.verified ? undefined : 'Not accepted (a check failed): ', subject.roles, needs);
    }
  }
  return closeVerdict(input, SAML_RUN_CHECK_ORDER, end, {
    connection: { id: subject.id, name: subject.name, protocol: 'saml' },
    source: input.source,
    at: input.at.toISOString(),
    claims,
    claimOrigins,
    mapped,
    details: {
      ...input.details,
      ...(validation ? { ...validation.details, nameId: validation.nameId ?? null, verified: validation.verified } : {}),
      clockSkewSeconds: subject.settings.clockSkewSeconds,
    },
  });
}
