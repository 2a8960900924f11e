import type { Report } from '../../contract/index.js';
import type { LoopbackReply } from '../ports/index.js';

const CLOSE = 'You can close this tab and return to SSO Workbench (or the terminal).';

/**
 * What the browser tab shows after the IdP redirected back. Plain text (the loopback adapter escapes it): IdP error
 * descriptions and claims are shown as text, never interpreted as HTML.
 */
export function reportPage(report: Report): LoopbackReply {
  const name = report.connection.name;
  if (report.outcome === 'passed') {
    const who = [report.user.userId, report.user.email].filter(Boolean).join(' · ');
    const groups = report.groups.length ? `\nGroups: ${report.groups.join(', ')}` : '';
    return { status: 200, title: 'SSO Workbench: test passed', text: `The test of "${name}" PASSED.\n\nUser: ${who}${groups}\n\n${CLOSE}` };
  }
  const failures = report.checks.filter((c) => c.status === 'fail');
  const lines = failures.slice(0, 3).map((c) => `✗ ${c.id}: ${c.message}${c.hint ? `\n  Fix: ${c.hint}` : ''}`);
  const more = failures.length > 3 ? `\n… and ${failures.length - 3} more failed check(s).` : '';
  return { status: 200, title: 'SSO Workbench: test failed', text: `The test of "${name}" FAILED.\n\n${lines.join('\n\n')}${more}\n\nThe full report is in SSO Workbench. ${CLOSE}` };
}

/** A callback whose state was already used: refused, the code is not exchanged again (RFC 6749 §10.5, §10.12). */
export function replayPage(): LoopbackReply {
  return {
    status: 409,
    title: 'SSO Workbench: response already used',
    text: `This sign-in response was already used: its state is single-use, so it was refused and its code was not exchanged again (a reloaded tab does this). The result of that test is in SSO Workbench. ${CLOSE}`,
  };
}

/** A callback with no state, or one this connection never issued (CSRF defence). */
export function unknownStatePage(missing: boolean): LoopbackReply {
  const what = missing ? 'carries no state parameter' : 'carries a state this test never issued';
  return {
    status: 400,
    title: 'SSO Workbench: unexpected response',
    text: `This sign-in response ${what}, so it was refused and no code was exchanged. Start a new test from SSO Workbench. ${CLOSE}`,
  };
}

export function methodPage(): LoopbackReply {
  return { status: 405, title: 'SSO Workbench: method not allowed', text: 'The OIDC test redirect URI accepts only GET (response_mode=query).' };
}
