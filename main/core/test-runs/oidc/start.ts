import * as oidc from 'openid-client';
import type { Check } from '../../../contract/index.js';
import type { Http } from '../../ports/index.js';
import { createOidcConfig } from './client.js';
import type { RedirectUris } from './hints.js';
import type { JwksCache } from './jwks.js';
import type { OidcSubject } from './verdict.js';

/** What a waiting OIDC run keeps in memory until its callback (never persisted; dropped when the run ends). */
export interface OidcRunSecret {
  subject: OidcSubject;
  state: string;
  nonce: string;
  pkceVerifier: string | undefined;
  clientSecret: string | undefined;
  redirectUris: RedirectUris;
  issAdvertised: boolean;
  scopes: string[];
  /** Checks decided before the login (PKCE method). */
  preChecks: Check[];
  /** Monotonic start time, for the authorize step's duration. */
  startedPerf: number;
}

/** RFC 7636: S256 protects a stolen code; `plain` and no PKCE do not (§7.2: plain only when S256 is impossible). */
export function pkceCheck(method: 'none' | 'plain' | 'S256'): Check {
  const id = 'oidc.pkce.method';
  if (method === 'S256') return { id, status: 'pass', message: 'PKCE with S256 (RFC 7636).', hint: '' };
  const hint = 'Set the PKCE method to S256 here and at the IdP app (almost every IdP supports it).';
  if (method === 'plain') {
    return { id, status: 'warn', message: 'PKCE "plain": the challenge equals the verifier, so whoever sees the authorization request can redeem a stolen code.', hint };
  }
  return { id, status: 'warn', message: 'No PKCE: a stolen authorization code can be redeemed by anyone who also has the client credentials.', hint };
}

/** The extra authorization-request parameters sent, as a check of their own (only when there are any). */
export function extraParamsChecks(params: Record<string, string>): Check[] {
  const entries = Object.entries(params);
  if (entries.length === 0) return [];
  const list = entries.map(([key, value]) => `${key}=${value}`).join(', ');
  return [{ id: 'oidc.authorize.extra_params', status: 'pass', message: `Extra authorization parameters sent (as the platform will send them): ${list}.`, hint: '' }];
}

export interface PrepareInput {
  subject: OidcSubject;
  clientSecret: string | undefined;
  redirectUris: RedirectUris;
  http: Http;
  jwks: JwksCache;
  clockSkewSeconds: number;
  issAdvertised: boolean;
  /** `prompt=login` (OIDC Core §3.1.2.1): the IdP authenticates again even with a session, to test another user. */
  forceLogin?: boolean;
}

/**
 * Fresh `state` (RFC 6749 §10.12), `nonce` (OIDC Core §3.1.2.1) and PKCE verifier (RFC 7636 §4.1) for one run, and
 * the authorization URL built by openid-client. Scopes are the standard plus the additional ones, without repeats.
 */
export async function prepareOidcRun(input: PrepareInput): Promise<{ authorizeUrl: string; secret: OidcRunSecret }> {
  const s = input.subject.settings;
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const method = s.codeChallengeMethod;
  const pkceVerifier = method === 'none' ? undefined : oidc.randomPKCECodeVerifier();
  const scopes = [...new Set([...s.standardScopes, ...s.additionalScopes])];
  const config = createOidcConfig({ settings: s, clientSecret: input.clientSecret, http: input.http, clockSkewSeconds: input.clockSkewSeconds, issAdvertised: input.issAdvertised, jwks: input.jwks });
  // Extra parameters first (ClearML 3.24): the contract refuses reserved names, and the run's own values win anyway.
  const parameters: Record<string, string> = { ...s.authParams, redirect_uri: input.redirectUris.test, scope: scopes.join(' '), state, nonce };
  if (input.forceLogin) parameters.prompt = 'login';
  if (pkceVerifier) {
    parameters.code_challenge = method === 'S256' ? await oidc.calculatePKCECodeChallenge(pkceVerifier) : pkceVerifier;
    parameters.code_challenge_method = method;
  }
  const url = oidc.buildAuthorizationUrl(config, parameters);
  return {
    authorizeUrl: url.href,
    secret: {
      subject: input.subject,
      state,
      nonce,
      pkceVerifier,
      clientSecret: input.clientSecret,
      redirectUris: input.redirectUris,
      issAdvertised: input.issAdvertised,
      scopes,
      preChecks: [pkceCheck(method), ...extraParamsChecks(s.authParams)],
      startedPerf: performance.now(),
    },
  };
}

/**
 * Whether the IdP advertises RFC 9207 (`authorization_response_iss_parameter_supported` in its discovery document):
 * then a callback without `iss` is refused. Read once per issuer; an unreachable document means "not advertised".
 */
export async function readIssAdvertised(http: Http, issuer: string | undefined): Promise<boolean> {
  if (!issuer) return false;
  try {
    const response = await http.request({
      url: `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      method: 'GET',
      headers: { accept: 'application/json' },
      timeoutMs: 5000,
      maxBytes: 512 * 1024,
    });
    if (response.status !== 200) return false;
    const doc = JSON.parse(response.body) as Record<string, unknown>;
    return doc.authorization_response_iss_parameter_supported === true;
  } catch {
    return false;
  }
}
