import type { Report } from '../../../contract/index.js';
import type { Clock } from '../../ports/index.js';
import { CheckList } from '../checks.js';
import type { StepTimeline } from '../steps.js';
import { validateJwt } from './id-token.js';
import type { JwksCache } from './jwks.js';
import { OIDC_CHECK_ORDER, oidcVerdict, type OidcSubject } from './verdict.js';

export interface InspectInput {
  subject: OidcSubject;
  idToken?: string | undefined;
  accessToken?: string | undefined;
  clientSecret: string | undefined;
  jwks: JwksCache;
  clock: Clock;
  timeline: StepTimeline;
}

const OFFLINE = 'Offline inspect: no login took place.';
const LIVE_ONLY = ['oidc.pkce.method', 'oidc.callback.received', 'oidc.callback.state', 'oidc.callback.iss', 'oidc.callback.error', 'oidc.token.exchange'];

/**
 * `ssowb inspect`: the checks, mapping and resolution of a live run on a pasted token, with no login. The signature is
 * checked against the connection's JWKS when reachable (else a failed `…signature` check says why); the nonce cannot
 * be compared (skip). An ID token is checked as OIDC Core §3.1.3.7 says; an access token as a JWT access token (RFC
 * 9068: issuer, signature, times; its `aud` is shown because the API audience is not part of the connection).
 */
export async function inspectOidcToken(input: InspectInput): Promise<Report> {
  const s = input.subject.settings;
  const checks = new CheckList();
  for (const id of LIVE_ONLY) checks.skip(id, OFFLINE);
  const now = input.clock.now();
  const end = input.timeline.begin('validate');
  const kind = input.idToken ? 'id_token' : 'access_token';
  const token = (input.idToken ?? input.accessToken ?? '').trim();
  const validation = await validateJwt(
    token,
    {
      prefix: `oidc.${kind}`,
      issuer: s.issuer,
      clientId: kind === 'id_token' ? s.clientId : undefined,
      nonce: kind === 'id_token' ? 'offline' : 'not_applicable',
      clockToleranceSeconds: s.clockToleranceSeconds,
      now,
      strict: kind === 'id_token',
      offline: true,
    },
    { allowedAlgs: s.allowedSigningAlgs, verify: s.verifyTokenSignature, jwksUri: s.jwksUri, jwks: input.jwks, clientSecret: input.clientSecret, failIsWarn: false },
    checks,
  );
  end(checks.anyFailed() ? 'failed' : 'ok');
  if (kind === 'id_token') checks.skip('oidc.access_token.decode', 'No access token was given.');
  else {
    for (const id of OIDC_CHECK_ORDER.filter((c) => c.startsWith('oidc.id_token.'))) checks.skip(id, 'No ID token was given: the access token’s claims are mapped instead.');
  }
  checks.skip('oidc.userinfo.fetch', `${OFFLINE} Userinfo needs a live access token.`);
  checks.skip('oidc.userinfo.sub', OFFLINE);
  const payload = validation.decoded?.payload ?? null;
  const decoded = validation.decoded ? { header: validation.decoded.header, payload, signature: validation.signature } : null;
  return oidcVerdict({
    subject: input.subject,
    source: 'inspect',
    at: now,
    checks,
    sources: [{ origin: kind, claims: payload, mode: 'base' }],
    unverified: validation.signature !== 'valid',
    details: kind === 'id_token' ? { idToken: decoded } : { accessToken: decoded ? { format: 'jwt', ...decoded, aud: payload?.aud ?? null } : { format: 'opaque' } },
    timeline: input.timeline,
    notReached: `Not checked: ${kind === 'id_token' ? 'the ID token' : 'the access token'} could not be decoded.`,
  });
}
