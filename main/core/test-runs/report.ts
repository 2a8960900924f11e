import type { Check, MappedUser, Report, Resolution } from '../../contract/index.js';
import { finalResolution } from './resolution.js';

export type Step = Report['steps'][number];

export const emptyUser = (): MappedUser => ({ userId: null, email: null, name: null, givenName: null, familyName: null, picture: null });

export interface ReportInput {
  connection: Report['connection'];
  source: Report['source'];
  at: string;
  /** Complete and ordered (CheckList.list). */
  checks: Check[];
  claims: Record<string, unknown>;
  claimOrigins: Report['claimOrigins'];
  /** What the mapping read, and its role resolution; accepted only when no check failed. */
  mapped: { user: MappedUser; groups: string[]; resolution?: Resolution | undefined };
  details: Record<string, unknown>;
  steps: Step[];
}

/**
 * Assembles the report (product.md "Report JSON"). The rule that matters: NO token is accepted after a failed check.
 * With any `fail`, `user` is all null, `groups` empty and the resolution denied; what the mapping would have produced
 * stays visible under `details.candidate`, marked not accepted, so the admin still sees what the IdP sent.
 */
export function buildReport(input: ReportInput): Report {
  const failures = input.checks.filter((check) => check.status === 'fail');
  const passed = failures.length === 0;
  const details = passed
    ? input.details
    : { ...input.details, candidate: { accepted: false, note: 'Not accepted: a check failed. Shown for diagnosis only.', ...input.mapped } };
  return {
    outcome: passed ? 'passed' : 'failed',
    connection: input.connection,
    source: input.source,
    at: input.at,
    checks: input.checks,
    claims: input.claims,
    claimOrigins: input.claimOrigins,
    user: passed ? input.mapped.user : emptyUser(),
    groups: passed ? input.mapped.groups : [],
    resolution: finalResolution(input.mapped.resolution, failures, input.mapped.groups),
    details,
    steps: input.steps,
  };
}
