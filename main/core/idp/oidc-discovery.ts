import type { Http } from '../ports/http.js';
import { assertFetchableUrl } from './url-policy.js';

/** The parts of an OpenID Provider's discovery document the workbench uses, camel-cased, plus findings for a person. */
export interface OidcDiscovery {
  /** The issuer as the document states it: ID tokens carry exactly this value. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint?: string;
  jwksUri?: string;
  revocationEndpoint?: string;
  endSessionEndpoint?: string;
  codeChallengeMethodsSupported: string[];
  idTokenSigningAlgValuesSupported: string[];
  scopesSupported: string[];
  claimsSupported: string[];
  tokenEndpointAuthMethodsSupported: string[];
  warnings: string[];
}

const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 10_000;

/** Where the document lives: the issuer without its trailing slash(es), plus the well-known suffix (OIDC Discovery §4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.trim().replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function stringList(doc: Record<string, unknown>, key: string, warnings: string[]): string[] {
  const value = doc[key];
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  warnings.push(`"${key}" is not a list of strings in the discovery document; it is ignored.`);
  return [];
}

function optionalUrl(doc: Record<string, unknown>, key: string, warnings: string[]): string | undefined {
  const value = doc[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    warnings.push(`"${key}" is not a string in the discovery document; it is ignored.`);
    return undefined;
  }
  return value;
}

/** Names the difference between what was typed and what the IdP says, because a mismatch fails every token check. */
function issuerWarning(typed: string, stated: string): string | null {
  if (typed === stated) return null;
  const strip = (s: string) => s.replace(/\/+$/, '');
  if (strip(typed) === strip(stated)) {
    const idpHasSlash = stated.endsWith('/');
    return (
      `The issuer differs only by a trailing slash: you typed "${typed}", the IdP uses "${stated}" ` +
      `(${idpHasSlash ? 'with' : 'without'} the slash). Tokens will carry "${stated}" exactly; use that value.`
    );
  }
  return (
    `The discovery document names the issuer "${stated}", not "${typed}" as typed. Tokens will carry "${stated}"; ` +
    'check that this is the IdP (tenant, realm) you meant before using it.'
  );
}

/**
 * Reads an OpenID Provider's discovery document through the Http port and reports what would break a login later:
 * issuer mismatches, unsigned tokens allowed (`none`), no PKCE S256, no JWKS. Throws an Error worded for a person when
 * the URL is not https (loopback excepted), the IdP does not answer with JSON, or required fields are missing.
 */
export async function discoverOidc(http: Http, issuer: string): Promise<OidcDiscovery> {
  const typed = issuer.trim();
  assertFetchableUrl(typed, 'issuer');
  const url = discoveryUrl(typed);
  const response = await http.request({ url, method: 'GET', headers: { accept: 'application/json' }, timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });
  if (response.status !== 200) {
    throw new Error(`The discovery document at ${url} answered HTTP ${response.status}; check the issuer URL (realm, tenant, path).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw new Error(`The discovery document at ${url} is not JSON (it starts with "${response.body.trim().slice(0, 40)}").`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`The discovery document at ${url} is not a JSON object.`);
  }
  const doc = parsed as Record<string, unknown>;
  const required = ['issuer', 'authorization_endpoint', 'token_endpoint'] as const;
  const missing = required.filter((key) => typeof doc[key] !== 'string' || doc[key] === '');
  if (missing.length) {
    throw new Error(`The discovery document at ${url} is missing ${missing.join(', ')}; it is not a usable OpenID Provider configuration.`);
  }

  const warnings: string[] = [];
  const stated = doc.issuer as string;
  const mismatch = issuerWarning(typed, stated);
  if (mismatch) warnings.push(mismatch);

  const result: OidcDiscovery = {
    issuer: stated,
    authorizationEndpoint: doc.authorization_endpoint as string,
    tokenEndpoint: doc.token_endpoint as string,
    codeChallengeMethodsSupported: stringList(doc, 'code_challenge_methods_supported', warnings),
    idTokenSigningAlgValuesSupported: stringList(doc, 'id_token_signing_alg_values_supported', warnings),
    scopesSupported: stringList(doc, 'scopes_supported', warnings),
    claimsSupported: stringList(doc, 'claims_supported', warnings),
    tokenEndpointAuthMethodsSupported: stringList(doc, 'token_endpoint_auth_methods_supported', warnings),
    warnings,
  };
  const optional = {
    userinfoEndpoint: 'userinfo_endpoint',
    jwksUri: 'jwks_uri',
    revocationEndpoint: 'revocation_endpoint',
    endSessionEndpoint: 'end_session_endpoint',
  } as const;
  for (const [field, key] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const value = optionalUrl(doc, key, warnings);
    if (value !== undefined) result[field] = value;
  }

  if (result.idTokenSigningAlgValuesSupported.includes('none')) {
    warnings.push('The IdP allows unsigned ID tokens ("none" in id_token_signing_alg_values_supported); pin a signing algorithm such as RS256 or ES256.');
  }
  if (!result.codeChallengeMethodsSupported.includes('S256')) {
    warnings.push(
      result.codeChallengeMethodsSupported.length
        ? `The IdP does not list S256 in code_challenge_methods_supported (it lists ${result.codeChallengeMethodsSupported.join(', ')}); PKCE with S256 may be refused.`
        : 'The IdP does not advertise PKCE (no S256 in code_challenge_methods_supported); check that it accepts PKCE with S256.',
    );
  }
  if (!result.jwksUri) {
    warnings.push('The discovery document has no jwks_uri: ID token signatures cannot be verified against the IdP keys.');
  }
  for (const [label, value] of [['authorization_endpoint', result.authorizationEndpoint], ['token_endpoint', result.tokenEndpoint], ['jwks_uri', result.jwksUri]] as const) {
    if (value) {
      try {
        assertFetchableUrl(value, label);
      } catch (error) {
        warnings.push((error as Error).message);
      }
    }
  }
  return result;
}
