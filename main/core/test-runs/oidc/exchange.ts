import * as oidc from 'openid-client';
import type { OidcSettings } from '../../../contract/index.js';
import type { Http } from '../../ports/index.js';
import { adoptJwks, createOidcConfig, verifiesSignatures, type OidcClientInput } from './client.js';
import type { SeenResponse } from './http-fetch.js';
import { backChannelEntry, type BackChannelEntry } from './back-channel.js';
import type { JwksCache, JwksFetch } from './jwks.js';
import { describeOpenidError, type OpenidFailure } from './openid-errors.js';

export interface ExchangeInput {
  settings: OidcSettings;
  clientSecret: string | undefined;
  http: Http;
  jwks: JwksCache;
  clockSkewSeconds: number;
  issAdvertised: boolean;
  /** The redirect URI with the callback's query parameters (never built from the request's Host header). */
  callbackUrl: URL;
  state: string;
  nonce: string;
  pkceVerifier: string | undefined;
}

export interface ExchangeResult {
  /** The token endpoint's JSON when it answered 200: validated by the engine whatever openid-client said. */
  tokenResponse: Record<string, unknown> | null;
  /** HTTP status of the token endpoint, when it answered. */
  status: number | null;
  /** The token endpoint's answer as received (tokens redacted), for the viewer and the diagnosis. */
  answer: BackChannelEntry | null;
  /** openid-client's objection, if any (null = it accepted the response). */
  failure: OpenidFailure | null;
  /** Whether openid-client fetched the JWKS during the exchange (the engine adopted it). */
  jwksFetch: JwksFetch;
  /** openid-client accepted the response with its non-repudiation check on: the ID token signature is verified. */
  signatureVerified: boolean;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The authorization code grant (RFC 6749 §4.1.3, OIDC Core §3.1.3) through openid-client, with state, nonce and the
 * PKCE verifier (RFC 7636 §4.5). The raw token response is kept in memory for the engine's own validation, so a
 * rejection by openid-client still yields per-claim checks; tokens never leave this run.
 */
export async function exchangeCode(input: ExchangeInput): Promise<ExchangeResult> {
  let tokenAnswer: SeenResponse | undefined;
  const clientInput: OidcClientInput = {
    settings: input.settings,
    clientSecret: input.clientSecret,
    http: input.http,
    clockSkewSeconds: input.clockSkewSeconds,
    issAdvertised: input.issAdvertised,
    jwks: input.jwks,
    seen: (response) => {
      if (response.url === input.settings.tokenEndpoint) tokenAnswer = response;
    },
  };
  const config = createOidcConfig(clientInput);
  const url = new URL(input.callbackUrl);
  // Without a configured issuer there is nothing to compare RFC 9207's iss with; the engine reports it instead.
  if (!input.settings.issuer) url.searchParams.delete('iss');
  let failure: OpenidFailure | null = null;
  try {
    await oidc.authorizationCodeGrant(config, url, {
      expectedState: input.state,
      expectedNonce: input.nonce,
      idTokenExpected: true,
      ...(input.pkceVerifier ? { pkceCodeVerifier: input.pkceVerifier } : {}),
    });
  } catch (error) {
    failure = describeOpenidError(error);
    // The placeholder issuer never matches; the engine's own iss check warns about the missing configuration.
    if (!input.settings.issuer && failure.checkId === 'oidc.id_token.iss') failure = null;
  }
  const jwksFetch = adoptJwks(config, input.settings.jwksUri, input.jwks);
  const ok = tokenAnswer?.status === 200 ? parseJson(tokenAnswer.body) : null;
  return { tokenResponse: ok, status: tokenAnswer?.status ?? null, answer: tokenAnswer ? backChannelEntry('token', tokenAnswer) : null, failure, jwksFetch, signatureVerified: Boolean(ok?.id_token) && failure === null && verifiesSignatures(input.settings) };
}
