import { createHash } from 'node:crypto';
import type { ExportFormat, StoredConnection, ValidationStamp } from '../../contract/index.js';
import { isValidationCurrent } from '../connections/view.js';

/** The last line of every comment header; the config hashed by the stamp is everything after it. */
export const HEADER_END = '# ---';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface StampFacts {
  configSha256: string;
  workbenchVersion: string;
  exportedAt: string;
}

/** The stamp for a connection as it is now: the last passing run (if any) and whether it still covers the settings. */
export function buildStamp(connection: StoredConnection, facts: StampFacts): ValidationStamp {
  const pass = connection.lastPass ?? null;
  const at = pass?.at ?? connection.validatedAt;
  return {
    validated: isValidationCurrent(connection),
    runId: pass?.runId ?? null,
    at: at ?? null,
    outcome: at ? 'passed' : null,
    source: pass?.source ?? (at ? (connection.lastTest?.source ?? null) : null),
    protocol: connection.protocol,
    checksPassed: pass?.checksPassed ?? null,
    checksWarned: pass?.checksWarned ?? null,
    ...facts,
  };
}

/** The command that would validate the connection again, for refusals and NOT VALIDATED headers. */
export function testCommandFor(connection: StoredConnection): string {
  return `ssowb test ${JSON.stringify(connection.displayName)}`;
}

/** Why a connection is not validated, in one sentence. */
export function notValidatedReason(connection: StoredConnection): string {
  if (!connection.validatedAt) return 'it has never passed a live test or offline inspect';
  return `it changed (${connection.updatedAt}) after its last passing test (${connection.validatedAt})`;
}

const formatTitles: Record<ExportFormat, string> = {
  'arthur-yaml': 'Arthur IdP configuration YAML',
  'clearml-env': 'ClearML server environment settings',
  'clearml-api': 'ClearML sso.save_provider_configuration request',
  json: 'SSO Workbench connection backup',
};

/** The stamp as comment lines (YAML and env files share `#` comments). */
export function stampCommentLines(stamp: ValidationStamp, connection: StoredConnection, format: ExportFormat): string[] {
  const status = stamp.validated
    ? `VALIDATED by a passing ${stamp.source === 'inspect' ? 'offline inspect' : 'live test'} newer than the last change`
    : `NOT VALIDATED (exported with --force: ${notValidatedReason(connection)}; validate with: ${testCommandFor(connection)})`;
  const checks = stamp.checksPassed === null ? 'not recorded' : `${stamp.checksPassed} passed, ${stamp.checksWarned ?? 0} warned`;
  return [
    `# SSO Workbench export: ${formatTitles[format]}`,
    `# connection: ${JSON.stringify(connection.displayName)} (id ${connection.id}, ${connection.protocol.toUpperCase()}, provider ${connection.provider})`,
    '#',
    `# validation: ${status}`,
    `# validation-run: ${stamp.runId ?? 'none'}`,
    `# validation-time: ${stamp.at ?? 'never'}`,
    `# validation-outcome: ${stamp.outcome ?? 'none'}`,
    `# validation-protocol: ${stamp.protocol}`,
    `# validation-checks: ${checks}`,
    `# config-sha256: ${stamp.configSha256} (SHA-256 of every line after the "${HEADER_END}" line)`,
    `# workbench: SSO Workbench ${stamp.workbenchVersion}`,
    `# exported-at: ${stamp.exportedAt}`,
  ];
}

/** Header lines, the end marker, then the body; the body is what `config-sha256` covers. */
export function withHeader(header: string[], body: string): string {
  const text = body.endsWith('\n') ? body : `${body}\n`;
  return `${header.join('\n')}\n${HEADER_END}\n${text}`;
}

/** Splits an exported text at the header end marker (for tests and reviewers' tooling). */
export function bodyAfterHeader(content: string): string {
  const marker = `\n${HEADER_END}\n`;
  const index = content.indexOf(marker);
  return index < 0 ? content : content.slice(index + marker.length);
}
