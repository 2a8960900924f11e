import type { Check, Report } from '../../../contract/index.js';
import type { LoopbackReply } from '../../ports/index.js';

/**
 * What the browser tab shows after the IdP POSTed to the ACS. Deliberately plain: the report (attributes, XML,
 * hints) lives in SSO Workbench or the terminal, not in a tab anyone can screenshot. Rendered as escaped text.
 */
export function finishedPage(report: Report): LoopbackReply {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const result = report.outcome === 'passed' ? 'PASSED' : `FAILED (${failed} failed check${failed === 1 ? '' : 's'})`;
  return {
    status: 200,
    title: 'Test finished — return to SSO Workbench',
    text: `Test finished — return to SSO Workbench.\n\nThe test of "${report.connection.name}" ${result}. The full report is in SSO Workbench (or the terminal). You can close this tab.`,
  };
}

/** A Response for a run that already ended: refused, naming the check that refuses it (usually the replay check). */
export function replayedPage(check: Check): LoopbackReply {
  return {
    status: 409,
    title: 'SSO Workbench: response refused',
    text: `This SAML Response was refused: ${check.id}: ${check.message}\n\n${check.hint}\n\nThe result of the test it belonged to is in SSO Workbench.`,
  };
}

/** A Response no run of this connection is waiting for (IdP-initiated, or a tab from an earlier engine). */
export function unknownResponsePage(): LoopbackReply {
  return {
    status: 400,
    title: 'SSO Workbench: unexpected response',
    text: 'No test of this connection is waiting for a SAML Response, and this one answers no request SSO Workbench sent: refused. Start a new test from SSO Workbench.',
  };
}

/** A Response that answers no request of the run(s) waiting at this ACS: refused, and the run keeps waiting. */
export function refusedResponsePage(): LoopbackReply {
  return {
    status: 400,
    title: 'SSO Workbench: unexpected response',
    text: 'This SAML Response answers no request of the test that is waiting (neither its RelayState nor its InResponseTo match): refused. The test keeps waiting for the IdP\'s Response; complete the login in the tab SSO Workbench opened.',
  };
}

export function missingResponsePage(): LoopbackReply {
  return {
    status: 400,
    title: 'SSO Workbench: no SAMLResponse',
    text: 'The POST carries no SAMLResponse form field (SAML HTTP-POST binding). Check that the IdP sends the Response to this ACS with HTTP-POST.',
  };
}

export function acsMethodPage(): LoopbackReply {
  return { status: 405, title: 'SSO Workbench: method not allowed', text: 'The SAML test ACS accepts only POST (HTTP-POST binding, application/x-www-form-urlencoded).' };
}

/** The HTTP-POST binding page: the AuthnRequest goes to the IdP in an auto-submitting form (Bindings §3.5). */
export function postFormPage(action: string, fields: Record<string, string>): LoopbackReply {
  return {
    status: 200,
    title: 'SSO Workbench: continuing to the identity provider',
    text: `Sending the SAML AuthnRequest to ${action} (HTTP-POST binding)…`,
    postForm: { action, fields },
  };
}

/** The POST page of a run that already sent its request, ended, or never existed. */
export function postFormGonePage(): LoopbackReply {
  return {
    status: 410,
    title: 'SSO Workbench: request already sent',
    text: 'This test run has already sent its AuthnRequest (each is sent once), or it has ended. Start a new test from SSO Workbench.',
  };
}
