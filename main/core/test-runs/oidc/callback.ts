import type { Report } from '../../../contract/index.js';
import type { Clock, Http } from '../../ports/index.js';
import { CheckList } from '../checks.js';
import type { StepTimeline } from '../steps.js';
import { examineAccessToken } from './access-token.js';
import { exchangeCode } from './exchange.js';
import { callbackErrorHint, issuerHint } from './hints.js';
import { backChannelEntry, type BackChannelEntry } from './back-channel.js';
import { diagnoseTokenFailure } from './token-diagnosis.js';
import { validateJwt } from './id-token.js';
import type { JwksCache } from './jwks.js';
import type { OidcRunSecret } from './start.js';
import { fetchUserinfo, wantsUserinfo } from './userinfo.js';
import { oidcVerdict } from './verdict.js';
import type { ClaimSource } from './claims.js';
import type { SeenResponse } from './http-fetch.js';

export interface CallbackDeps {
  http: Http;
  jwks: JwksCache;
  clock: Clock;
  timeline: StepTimeline;
}

const NOT_REACHED = 'Not reached: an earlier check failed.';

/** RFC 9207 §2.4: the callback's `iss` must be the issuer; required when the IdP advertises it. Mix-up defence. */
function checkCallbackIss(secret: OidcRunSecret, iss: string | undefined, checks: CheckList): void {
  const expected = secret.subject.settings.issuer;
  const id = 'oidc.callback.iss';
  if (iss === undefined) {
    if (secret.issAdvertised) checks.fail(id, 'The IdP advertises RFC 9207 (authorization_response_iss_parameter_supported) but the callback carries no iss.', 'A response without iss from an IdP that always sends it may come from another IdP (mix-up attack). Test again; if it repeats, check proxies that strip query parameters.');
    else checks.skip(id, 'The callback carries no iss and the IdP does not advertise RFC 9207, so there is nothing to compare.');
  } else if (!expected) checks.warn(id, `No issuer is configured, so the callback's iss "${iss}" was not compared.`, `Set the connection's issuer to "${iss}" if that is your IdP.`);
  else if (iss !== expected) checks.fail(id, `The callback's iss is "${iss}", but the connection's issuer is "${expected}" (RFC 9207): the response may come from another IdP.`, issuerHint(expected, iss));
  else checks.pass(id, `The callback's iss is "${iss}", the configured issuer (RFC 9207).`);
}

/**
 * Handles the IdP's redirect for a claimed run (state already matched and consumed): RFC 9207 iss, error responses,
 * the code exchange (openid-client), the ID token (engine checks with jose; openid-client's objections merged in),
 * userinfo, the access token, then the verdict. Nothing after a failed callback check touches the code.
 */
export async function completeOidcRun(startedAt: Date, secret: OidcRunSecret, query: Record<string, string>, deps: CallbackDeps): Promise<Report> {
  const { timeline } = deps;
  const s = secret.subject.settings;
  const checks = new CheckList();
  checks.addAll(secret.preChecks);
  const details: Record<string, unknown> = {
    redirectUri: secret.redirectUris.test,
    productionRedirectUri: secret.redirectUris.production,
    authorizationRequest: { endpoint: s.authorizationEndpoint, clientId: s.clientId, scope: secret.scopes.join(' '), codeChallengeMethod: s.codeChallengeMethod, extraParams: s.authParams },
    // The callback's parameters for the viewer; the code, state and anything token-like are never kept.
    callback: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, k === 'code' || k === 'state' || /token/i.test(k) ? '(received)' : v])),
  };
  const verdict = (sources: ClaimSource[], unverified: boolean) =>
    oidcVerdict({ subject: secret.subject, source: 'live', at: deps.clock.now(), checks, sources, unverified, details, timeline, notReached: NOT_REACHED });
  timeline.record('authorize', startedAt, performance.now() - secret.startedPerf, 'ok');
  checks.pass('oidc.callback.received', 'The IdP redirected back to the test redirect URI.');

  const endCallback = timeline.begin('callback');
  checks.pass('oidc.callback.state', 'state matched this run and was consumed (single use).');
  checkCallbackIss(secret, query.iss, checks);
  if (query.error) {
    const description = query.error_description ?? '';
    checks.fail('oidc.callback.error', `The IdP answered with an error: ${query.error}${description ? ` — ${description}` : ''}.`, callbackErrorHint(query.error, description, secret.redirectUris, secret.scopes, s.authParams));
  } else if (!query.code) {
    checks.fail('oidc.callback.error', 'The callback carries neither an authorization code nor an error.', 'The IdP must redirect with ?code=…&state=…; check that response_type=code is allowed for the app.');
  } else if (!checks.anyFailed()) checks.pass('oidc.callback.error', 'No error: the IdP returned an authorization code.');
  endCallback(checks.anyFailed() ? 'failed' : 'ok');
  if (checks.anyFailed()) return verdict([], false);

  const clockSkewSeconds = Math.round((deps.clock.now().getTime() - Date.now()) / 1000);
  const callbackUrl = new URL(secret.redirectUris.test);
  for (const [name, value] of Object.entries(query)) callbackUrl.searchParams.set(name, value);
  const exchange = await timeline.run(
    'token',
    () => exchangeCode({ settings: s, clientSecret: secret.clientSecret, http: deps.http, jwks: deps.jwks, clockSkewSeconds, issAdvertised: secret.issAdvertised, callbackUrl, state: secret.state, nonce: secret.nonce, pkceVerifier: secret.pkceVerifier }),
    (r) => (r.tokenResponse ? 'ok' : 'failed'),
  );
  const body = exchange.tokenResponse;
  const backChannel: BackChannelEntry[] = exchange.answer ? [exchange.answer] : [];
  details.backChannel = backChannel;
  if (!body) {
    const failure = diagnoseTokenFailure(exchange, s, secret.clientSecret, secret.redirectUris);
    checks.fail('oidc.token.exchange', failure.message, failure.hint);
    return verdict([], false);
  }
  const accessToken = typeof body.access_token === 'string' ? body.access_token : undefined;
  details.providerResponse = Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, /token$/.test(k) && typeof v === 'string' ? `(${k.replace('_', ' ')}: ${v.length} characters, not stored)` : v]),
  );
  checks.pass('oidc.token.exchange', `The token endpoint issued tokens (${s.tokenEndpointAuthMethod}${secret.pkceVerifier ? ', PKCE verifier sent' : ''}).`);

  const idToken = typeof body.id_token === 'string' ? body.id_token : undefined;
  if (!idToken) {
    checks.fail('oidc.id_token.present', 'The token response has no id_token.', 'Request the "openid" scope and make sure the IdP app is an OpenID Connect app (not plain OAuth).');
    return verdict([], false);
  }
  const endValidate = timeline.begin('validate');
  const validation = await validateJwt(
    idToken,
    { prefix: 'oidc.id_token', issuer: s.issuer, clientId: s.clientId, nonce: secret.nonce, clockToleranceSeconds: s.clockToleranceSeconds, now: deps.clock.now(), strict: true, offline: false },
    { allowedAlgs: s.allowedSigningAlgs, verify: s.verifyTokenSignature, jwksUri: s.jwksUri, jwks: deps.jwks, clientSecret: secret.clientSecret, failIsWarn: false, jwksFetch: exchange.jwksFetch, verifiedByOpenidClient: exchange.signatureVerified },
    checks,
  );
  // openid-client is a second, independent validator: what it refuses fails the check it names, even if ours passed.
  const failure = exchange.failure;
  if (failure && !checks.failed(failure.checkId)) checks.fail(failure.checkId, failure.message, 'openid-client (the OpenID Certified library doing the exchange) refused this token; the check above names the claim.');
  endValidate(checks.anyFailed() ? 'failed' : 'ok');
  const payload = validation.decoded?.payload ?? null;
  details.idToken = validation.decoded ? { header: validation.decoded.header, payload, signature: validation.signature } : null;
  // Not 'valid' (bad, refused, or verification turned off): the claims are shown, marked as unverified.
  const unverified = validation.signature !== 'valid';

  let userinfo: Record<string, unknown> | null = null;
  if (!wantsUserinfo(s) || checks.anyFailed() || !accessToken) timeline.record('userinfo', deps.clock.now(), 0, 'skipped');
  if (!wantsUserinfo(s)) {
    checks.skip('oidc.userinfo.fetch', 'Not configured: user information comes from the ID token and no userinfo endpoint is set.');
    checks.skip('oidc.userinfo.sub', 'Not configured.');
  } else if (checks.anyFailed() || !accessToken) {
    checks.skip('oidc.userinfo.fetch', 'Not fetched: the ID token failed validation, so its access token is not used.');
    checks.skip('oidc.userinfo.sub', 'Not checked: userinfo was not fetched.');
  } else {
    const end = timeline.begin('userinfo');
    const userinfoInput = { seen: (seen: SeenResponse) => backChannel.push(backChannelEntry('userinfo', seen)), settings: s, clientSecret: secret.clientSecret, http: deps.http, clockSkewSeconds, issAdvertised: secret.issAdvertised, jwks: deps.jwks, accessToken, expectedSub: typeof payload?.sub === 'string' ? payload.sub : undefined };
    userinfo = await fetchUserinfo(userinfoInput, checks);
    end(checks.failed('oidc.userinfo.fetch') || checks.failed('oidc.userinfo.sub') ? 'failed' : 'ok');
    details.userinfo = userinfo;
  }

  let accessClaims: Record<string, unknown> | null = null;
  if (accessToken) {
    const findings = await examineAccessToken(accessToken, { settings: s, platform: secret.subject.platform, jwks: deps.jwks, clientSecret: secret.clientSecret, now: deps.clock.now() }, checks);
    details.accessToken = findings.details;
    accessClaims = findings.trustedClaims;
  }
  return verdict(
    [
      { origin: 'id_token', claims: payload, mode: 'base' },
      { origin: 'userinfo', claims: userinfo, mode: s.userInfoFromIdToken ? 'fill' : 'override' },
      { origin: 'access_token', claims: accessClaims, mode: 'fill' },
    ],
    unverified,
  );
}
