import { AppError } from '../../app-error.js';

/** A trimmed preset input; a missing required one is an invalid_input naming `inputs.<name>` with an example. */
export function requireInput(inputs: Record<string, string>, name: string, label: string, example: string): string {
  const value = inputs[name]?.trim();
  if (!value) {
    throw new AppError('invalid_input', `inputs.${name}: ${label} is required, e.g. ${example}.`, { field: `inputs.${name}`, hint: `Enter the ${label}.` });
  }
  return value;
}

export const optionalInput = (inputs: Record<string, string>, name: string): string | undefined => inputs[name]?.trim() || undefined;

/**
 * A host name from what admins paste: `dev-1.okta.com`, `https://dev-1.okta.com/`, or a console URL. Only the host
 * (with port) is kept; anything else is rejected with the field named.
 */
export function hostInput(inputs: Record<string, string>, name: string, label: string, example: string): string {
  const raw = requireInput(inputs, name, label, example);
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).host;
  } catch {
    host = '';
  }
  if (!host || !/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new AppError('invalid_input', `inputs.${name}: "${raw}" is not a host name; enter it like ${example}.`, { field: `inputs.${name}` });
  }
  return host.toLowerCase();
}

/** A base URL without trailing slash (`https://` added when the scheme is missing). */
export function baseUrlInput(inputs: Record<string, string>, name: string, label: string, example: string): string {
  const raw = requireInput(inputs, name, label, example);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    throw new AppError('invalid_input', `inputs.${name}: "${raw}" is not a URL; enter it like ${example}.`, { field: `inputs.${name}` });
  }
}

/** Standard OIDC claim mappings most IdPs follow (ClearML's defaults). */
export const standardClaims = { userId: 'sub', email: 'email', name: 'name', givenName: 'given_name', familyName: 'family_name', picture: 'picture' };

/** The note every OIDC preset shares: which redirect URIs the IdP app must allow. */
export const redirectNote =
  'Register both redirect URIs at the IdP app: the production callback URL (shown once the web app URL is set) and the workbench test redirect URI shown above (final already, so you can test before saving).';

/**
 * What every OIDC preset starts from: signatures verified, PKCE S256, verified emails only, the standard scopes and
 * claims. A preset spreads this first and overrides only what its vendor does differently, so the safe defaults
 * cannot drift apart between vendors.
 */
export const oidcPresetDefaults = {
  userInfoFromIdToken: true,
  verifyTokenSignature: true,
  emailVerification: true,
  codeChallengeMethod: 'S256' as const,
  standardScopes: ['openid', 'profile', 'email'],
  claimMappings: standardClaims,
};
