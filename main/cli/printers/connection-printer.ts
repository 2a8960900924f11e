import type { ConnectionSummary, ConnectionView, OperationOutput } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { printJson } from '../cli-io.js';

/** One line a connection, for people; --json prints the list objects themselves (`connections show` has the settings). */
export function printConnections(context: CliContext, connections: ConnectionSummary[]): void {
  if (context.json) return printJson(context.io, connections);
  if (connections.length === 0) {
    context.io.stdout('No connections yet. Add one with `ssowb connections add oidc|saml …`.\n');
    return;
  }
  for (const c of connections) {
    const test = c.lastTest ? `${c.lastTest.outcome} ${c.lastTest.at}` : 'never tested';
    context.io.stdout(`${c.active ? '●' : '○'} ${c.name}  ${c.protocol.toUpperCase()}/${c.provider}  ${c.id}  ${test}\n`);
  }
}

/** Extra authorization parameters as `k=v` pairs (none → nothing printed). */
const authParamsLine = (params: Record<string, string>): string | null => {
  const entries = Object.entries(params);
  return entries.length ? `  auth params:   ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}` : null;
};

/** A connection for people (the settings a pipeline most often changes), or the view itself with --json. */
export function printConnection(context: CliContext, c: ConnectionView): void {
  if (context.json) return printJson(context.io, c);
  const lines = [
    `${c.name} (${c.protocol.toUpperCase()}, ${c.provider}) ${c.active ? 'active' : 'inactive'}`,
    `  id:            ${c.id}`,
    `  updated:       ${c.updatedAt}`,
  ];
  if (c.protocol === 'oidc') {
    const o = c.oidc;
    lines.push(`  test redirect: ${c.testRedirectUri}  (register it at the IdP for test runs)`);
    lines.push(`  client:        ${o.clientId} (${o.tokenEndpointAuthMethod}, secret ${c.hasClientSecret ? 'stored' : 'none'}, PKCE ${o.codeChallengeMethod})`);
    lines.push(`  scopes:        ${[...o.standardScopes, ...o.additionalScopes].join(' ')}`);
    lines.push(`  algorithms:    ${o.allowedSigningAlgs.join(', ')} (clock tolerance ${o.clockToleranceSeconds} s)`);
    const params = authParamsLine(o.authParams);
    if (params) lines.push(params);
    lines.push(`  group sync:    ${o.groupSync.enabled ? `on, claim ${o.groupSync.claim}` : 'off'}`);
  } else {
    const s = c.saml;
    lines.push(`  test ACS URL:  ${c.testAcsUrl}`, `  SP entity ID:  ${c.spEntityId}`);
    lines.push(`  IdP:           ${s.idp.entityId} (${s.idp.ssoBinding})`);
    lines.push(`  requests:      ${s.signRequests ? 'signed' : 'unsigned'}; assertions ${s.encryptAssertions ? 'encrypted' : 'not encrypted'}`);
    lines.push(`  group sync:    ${s.groupSync.enabled ? `on, attribute ${s.groupSync.attribute}` : 'off'}`);
  }
  for (const w of c.warnings) lines.push(`  warning: ${w.field}: ${w.message}`);
  context.io.stdout(lines.join('\n') + '\n');
}

export function printRemoved(context: CliContext, removed: OperationOutput<'connections.remove'>): void {
  if (context.json) printJson(context.io, removed);
  else context.io.stdout(`Removed ${removed.name} (${removed.id}) and its keychain items.\n`);
}

/** Advice from a discovery document or metadata (and other warnings) goes to stderr, so --json stdout stays JSON. */
export function printWarnings(context: CliContext, warnings: readonly string[]): void {
  for (const warning of warnings) context.io.stderr(`warning: ${warning}\n`);
}
