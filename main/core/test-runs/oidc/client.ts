import * as oidc from 'openid-client';
import type { OidcSettings, TokenEndpointAuthMethod } from '../../../contract/index.js';
import { isLoopbackHost } from '../../../contract/schemas/connection-fields.js';
import type { Http } from '../../ports/index.js';
import { fetchThroughHttp, type SeenResponse } from './http-fetch.js';
import type { JwkSet, JwksCache, JwksFetch } from './jwks.js';

/**
 * Stands in for the issuer when the connection has none (ClearML makes it optional): openid-client needs one. Its
 * `iss` comparison error is then expected and ignored; the engine's own `oidc.id_token.iss` check warns instead.
 */
export const UNCONFIGURED_ISSUER = 'urn:sso-workbench:issuer-not-configured';

export interface OidcClientInput {
  settings: OidcSettings;
  clientSecret: string | undefined;
  http: Http;
  /** Seconds the Clock port differs from real time, so openid-client and the engine judge exp/iat alike. */
  clockSkewSeconds: number;
  /** The IdP advertises RFC 9207 (`authorization_response_iss_parameter_supported`). */
  issAdvertised: boolean;
  jwks: JwksCache;
  seen?: (response: SeenResponse) => void;
}

function isLoopbackHttp(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * openid-client's Configuration for one run, from the connection's settings (no discovery: the endpoints are the
 * connection's). What matters for security:
 * - allowed algorithms are the connection's list, never `none` (`id_token_signing_alg_values_supported`, and
 *   `id_token_signed_response_alg` when there is exactly one);
 * - `allowInsecureRequests` only when the issuer (or, without issuer, every endpoint) is a loopback http URL;
 * - `enableNonRepudiationChecks` when signatures are verified (OIDC Core §3.1.3.7 item 6), except for HS* keys,
 *   which openid-client cannot verify and the engine verifies with jose;
 * - client authentication as configured (RFC 6749 §2.3.1 basic/post, or none for a public client);
 * - every request goes through the engine's Http port.
 */
export function createOidcConfig(input: OidcClientInput): oidc.Configuration {
  const s = input.settings;
  const allowed = s.allowedSigningAlgs.filter((alg) => alg.toLowerCase() !== 'none');
  const server: oidc.ServerMetadata = {
    issuer: s.issuer ?? UNCONFIGURED_ISSUER,
    authorization_endpoint: s.authorizationEndpoint,
    token_endpoint: s.tokenEndpoint,
    ...(s.userinfoEndpoint ? { userinfo_endpoint: s.userinfoEndpoint } : {}),
    ...(s.jwksUri ? { jwks_uri: s.jwksUri } : {}),
    id_token_signing_alg_values_supported: allowed,
    authorization_response_iss_parameter_supported: Boolean(s.issuer) && input.issAdvertised,
  };
  const metadata: Partial<oidc.ClientMetadata> = {
    [oidc.clockTolerance]: s.clockToleranceSeconds,
    [oidc.clockSkew]: input.clockSkewSeconds,
    ...(allowed.length === 1 ? { id_token_signed_response_alg: allowed[0] } : {}),
  };
  const config = new oidc.Configuration(server, s.clientId, metadata, clientAuthOf(s.tokenEndpointAuthMethod, s.clientId, input.clientSecret));
  config[oidc.customFetch] = fetchThroughHttp(input.http, input.seen);
  config.timeout = 15;
  const endpoints = [s.authorizationEndpoint, s.tokenEndpoint, s.userinfoEndpoint, s.jwksUri].filter((u): u is string => Boolean(u));
  if (s.issuer ? isLoopbackHttp(s.issuer) : endpoints.every(isLoopbackHttp)) oidc.allowInsecureRequests(config);
  if (verifiesSignatures(s) && s.jwksUri) {
    oidc.enableNonRepudiationChecks(config);
    const warm = input.jwks.snapshot(s.jwksUri);
    // openid-client refetches its JWKS for an unknown kid only when its copy is at least 60 s old: handing over the
    // warm set dated 60 s back keeps known keys cached while a rotated key still triggers one refetch.
    if (warm) {
      const uat = Math.min(Math.floor(warm.fetchedAt / 1000), Math.floor(Date.now() / 1000) - 60);
      oidc.setJwksCache(config, { jwks: { keys: [] }, uat });
      // setJwksCache stores a clone; the live cache then gets the warm set itself, so the keys keep their identity
      // across runs and openid-client's per-JWK CryptoKey cache (keyed by object) is hit instead of re-importing.
      const live = oidc.getJwksCache(config);
      if (live) live.jwks = warm.jwks as never;
      injectedUat.set(config, uat);
    }
  }
  return config;
}

/** openid-client's client authentication for a method (RFC 6749 §2.3.1, plus the unencoded Basic compatibility method). */
function clientAuthOf(method: TokenEndpointAuthMethod, clientId: string, secret: string | undefined): oidc.ClientAuth {
  switch (method) {
    case 'client_secret_basic':
      return oidc.ClientSecretBasic(secret);
    case 'client_secret_post':
      return oidc.ClientSecretPost(secret);
    case 'client_secret_basic_unencoded':
      // Some IdPs compare the Basic credentials without form-decoding them (against RFC 6749 §2.3.1): send them raw.
      return (_as, _client, _body, headers) => headers.set('authorization', `Basic ${Buffer.from(`${clientId}:${secret ?? ''}`, 'utf8').toString('base64')}`);
    case 'none':
      return oidc.None();
  }
}

/**
 * Whether RFC 6749 §2.3.1's form-encoding changes the id or secret before Base64 (openid-client encodes everything but
 * letters and digits, `- _ . ~ ! * ' ( )` included): an IdP that does not decode then sees another secret.
 */
export function formEncodingChanges(...values: Array<string | undefined>): boolean {
  return values.some((value) => value !== undefined && /[^A-Za-z0-9]/.test(value));
}

/** Whether openid-client verifies ID token signatures for these settings (see createOidcConfig). */
export function verifiesSignatures(s: OidcSettings): boolean {
  return s.verifyTokenSignature && Boolean(s.jwksUri) && !s.allowedSigningAlgs.some((alg) => alg.startsWith('HS'));
}

/**
 * Takes back a JWKS openid-client fetched during the exchange, so the engine's own checks need no second fetch, and
 * says how it was obtained: an unknown kid that openid-client already refetched for is not fetched again.
 */
export function adoptJwks(config: oidc.Configuration, jwksUri: string | undefined, jwks: JwksCache): JwksFetch {
  if (!jwksUri) return 'cached';
  const exported = oidc.getJwksCache(config);
  if (!exported?.uat || !Array.isArray((exported.jwks as unknown as JwkSet)?.keys)) return 'cached';
  const injected = injectedUat.get(config);
  if (exported.uat === injected) return 'cached';
  jwks.adopt(jwksUri, exported.jwks as unknown as JwkSet);
  return injected === undefined ? 'fetched' : 'refetched';
}

/** The `uat` handed to each Configuration, to tell a refetch by openid-client from the set we gave it. */
const injectedUat = new WeakMap<oidc.Configuration, number>();
