import type { Report } from '../../../main/contract/index';

export type StepName = Report['steps'][number]['name'];

/** The steps of a live run in the order the engine runs them (the ID token is validated before userinfo is fetched). */
export const stepOrder: readonly StepName[] = ['authorize', 'callback', 'token', 'validate', 'userinfo', 'verdict'];

/** The steps a protocol has: SAML has no token exchange or userinfo, the IdP POSTs the signed Response. */
export function stepOrderFor(protocol: 'oidc' | 'saml' | undefined): readonly StepName[] {
  return protocol === 'saml' ? ['authorize', 'callback', 'validate', 'verdict'] : stepOrder;
}

const samlLabels: Partial<Record<StepName, { title: string; description: string }>> = {
  callback: { title: 'ACS', description: 'The IdP posts the SAML Response to the loopback ACS' },
  validate: { title: 'Validate', description: 'Signature, certificate, audience, Destination, time window, replay' },
};

export function stepLabelFor(protocol: 'oidc' | 'saml' | undefined, name: StepName): { title: string; description: string } {
  return (protocol === 'saml' ? samlLabels[name] : undefined) ?? stepLabels[name];
}

export const stepLabels: Record<StepName, { title: string; description: string }> = {
  authorize: { title: 'Authorize', description: 'Log in at the identity provider' },
  callback: { title: 'Callback', description: 'The IdP redirects back to the loopback listener' },
  token: { title: 'Token', description: 'Authorization code exchanged for tokens' },
  validate: { title: 'Validate', description: 'Signature, issuer, audience, times, nonce' },
  userinfo: { title: 'Userinfo', description: 'Userinfo endpoint, its sub matched' },
  verdict: { title: 'Verdict', description: 'Claims mapped, checks decided' },
};

/** "35 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** A claim value as one line of text: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(absent)';
  return JSON.stringify(value) ?? String(value);
}

/** Pretty JSON for the code blocks. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** JWT NumericDate claims (RFC 7519 §2) shown with their date. */
export const timeClaimNames = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);

export function numericDate(name: string, value: unknown): string | undefined {
  if (!timeClaimNames.has(name) || typeof value !== 'number') return undefined;
  return new Date(value * 1000).toLocaleString();
}

/** Claims that differ on every login (times, nonces, session ids): left out of a comparison by default. */
export const perLoginClaims = new Set(['exp', 'iat', 'nbf', 'auth_time', 'nonce', 'at_hash', 'c_hash', 's_hash', 'sid', 'jti', 'uti', 'rh']);

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString();
}
