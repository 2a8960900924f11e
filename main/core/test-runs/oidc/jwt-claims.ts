import type { CheckList } from '../checks.js';
import { audienceHint, clockHint, issuerHint } from './hints.js';

/** What a JWT's claims are checked against (OIDC Core §3.1.3.7 for ID tokens; RFC 9068 §4 for access tokens). */
export interface ClaimExpectations {
  /** Check id prefix: `oidc.id_token` or `oidc.access_token`. */
  prefix: string;
  /** The configured issuer; undefined = not configured (a warning, the value is shown). */
  issuer: string | undefined;
  /** The client id the token must be for; undefined = only show `aud` (access tokens, whose audience is an API). */
  clientId: string | undefined;
  /** The nonce sent with the authorization request; 'offline' = none was sent (inspect). */
  nonce: string | 'offline' | 'not_applicable';
  clockToleranceSeconds: number;
  now: Date;
  /** `iat` and `sub` are required in ID tokens (OIDC Core §2). */
  strict: boolean;
  /** Offline inspect of a pasted token: hints say "paste a fresh token" rather than blame clocks. */
  offline: boolean;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const show = (value: unknown) => JSON.stringify(value);

/**
 * The claim checks of OIDC Core §3.1.3.7 (items 2–4, 9–11) plus `nbf` and `sub` (§2), each its own check so the
 * report names the exact problem. Time checks state the tolerance used.
 */
export function checkJwtClaims(claims: Record<string, unknown>, expect: ClaimExpectations, checks: CheckList): void {
  const id = (name: string) => `${expect.prefix}.${name}`;
  const what = expect.prefix.endsWith('id_token') ? 'ID token' : 'access token';
  const now = Math.floor(expect.now.getTime() / 1000);
  const tol = expect.clockToleranceSeconds;
  const tolText = `clock tolerance ${tol} s`;

  // iss (§3.1.3.7 item 2): exactly the configured issuer.
  const iss = claims.iss;
  if (typeof iss !== 'string' || iss === '') checks.fail(id('iss'), `The ${what} has no iss (issuer) claim.`, 'A conforming OpenID Provider always sets iss; check that the token comes from the IdP.');
  else if (expect.issuer === undefined) checks.warn(id('iss'), `No issuer is configured, so iss "${iss}" was not compared.`, `Set the connection's issuer to "${iss}" if that is your IdP: then tokens from another tenant or IdP are refused.`);
  else if (iss !== expect.issuer) checks.fail(id('iss'), `iss is "${iss}", but the connection expects "${expect.issuer}".`, issuerHint(expect.issuer, iss));
  else checks.pass(id('iss'), `iss is "${iss}", as configured.`);

  // aud (§3.1.3.7 item 3) and azp (items 4–5, Errata: several audiences need azp = client_id).
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (audiences.length === 0) {
    if (expect.clientId === undefined) checks.warn(id('aud'), `The ${what} has no aud (audience) claim.`, 'Arthur rejects access tokens whose aud is not in its accessTokenValidation.audience list: configure an API/audience at the IdP.');
    else checks.fail(id('aud'), `The ${what} has no aud (audience) claim.`, 'An ID token must name the client it is for (aud = client ID); check the IdP app.');
  } else if (expect.clientId === undefined) {
    checks.pass(id('aud'), `aud is ${show(aud)} (Arthur accepts the token only if one of these is in accessTokenValidation.audience).`);
  } else if (!audiences.includes(expect.clientId)) {
    checks.fail(id('aud'), `aud is ${show(aud)}, which does not include the client ID "${expect.clientId}".`, audienceHint(expect.clientId, audiences));
  } else checks.pass(id('aud'), `aud ${show(aud)} includes the client ID "${expect.clientId}".`);

  if (expect.clientId !== undefined) {
    const azp = claims.azp;
    if (audiences.length > 1 && azp === undefined) {
      checks.fail(id('azp'), `aud lists ${audiences.length} audiences (${audiences.join(', ')}) but there is no azp claim naming the authorized party.`, 'A token with several audiences must say which client it was issued to (azp = your client ID). Configure the IdP to issue the token for this client only, or to add azp.');
    } else if (azp !== undefined && azp !== expect.clientId) {
      checks.fail(id('azp'), `azp is ${show(azp)}, not the client ID "${expect.clientId}": the token was issued to another client.`, 'Use the token issued to this client; check the client ID of the connection.');
    } else checks.pass(id('azp'), azp === undefined ? 'Single audience: azp is not needed.' : `azp is the client ID "${expect.clientId}".`);
  }

  // exp (§3.1.3.7 item 9), iat (item 10), nbf (RFC 7519 §4.1.5): all with the stated tolerance.
  const exp = claims.exp;
  if (typeof exp !== 'number') checks.fail(id('exp'), typeof exp === 'undefined' ? `The ${what} has no exp (expiry) claim.` : `exp is not a number (${show(exp)}).`, 'exp is required; the IdP must set it.');
  else if (now > exp + tol) checks.fail(id('exp'), `The ${what} expired ${now - exp} s ago, at ${iso(exp)} (${tolText}).`, clockHint('expired', now - exp, tol, expect.offline));
  else checks.pass(id('exp'), `Valid until ${iso(exp)} (${exp - now} s left; ${tolText}).`);

  const iat = claims.iat;
  if (iat === undefined) {
    if (expect.strict) checks.fail(id('iat'), `The ${what} has no iat (issued-at) claim, which OIDC requires.`, 'A conforming OpenID Provider always sets iat; check the IdP (or a proxy rewriting tokens).');
    else checks.pass(id('iat'), `No iat claim (optional here).`);
  } else if (typeof iat !== 'number') checks.fail(id('iat'), `iat is not a number (${show(iat)}).`, 'The IdP must send iat as seconds since 1970.');
  else if (iat > now + tol) checks.fail(id('iat'), `The ${what} was issued ${iat - now} s in the future, at ${iso(iat)} (${tolText}).`, clockHint('future', iat - now, tol, expect.offline));
  else checks.pass(id('iat'), `Issued at ${iso(iat)} (${now - iat} s ago; ${tolText}).`);

  const nbf = claims.nbf;
  if (nbf === undefined) checks.pass(id('nbf'), 'No nbf (not-before) claim; it is optional.');
  else if (typeof nbf !== 'number') checks.fail(id('nbf'), `nbf is not a number (${show(nbf)}).`, 'The IdP must send nbf as seconds since 1970.');
  else if (nbf > now + tol) checks.fail(id('nbf'), `The ${what} is not valid before ${iso(nbf)}, ${nbf - now} s from now (${tolText}).`, clockHint('future', nbf - now, tol, expect.offline));
  else checks.pass(id('nbf'), `Valid since ${iso(nbf)} (${tolText}).`);

  // nonce (§3.1.3.7 item 11): the value this run sent, binding the token to this login.
  if (expect.nonce === 'offline') checks.skip(id('nonce'), 'Offline inspect: no nonce was sent, so none is compared.');
  else if (expect.nonce !== 'not_applicable') {
    const nonce = claims.nonce;
    if (nonce === undefined) checks.fail(id('nonce'), 'The ID token has no nonce, but this login sent one.', 'The IdP must echo the nonce of the authorization request (OIDC Core §3.1.2.1); a token without it may be replayed from another login.');
    else if (nonce !== expect.nonce) checks.fail(id('nonce'), 'The ID token nonce does not match the nonce this login sent: it belongs to another login (replay or mix-up).', 'Start a new test; if it repeats, the IdP (or a proxy) is caching tokens across logins.');
    else checks.pass(id('nonce'), 'The nonce matches the one this login sent.');
  }

  // sub (§2): present, a string, at most 255 ASCII characters.
  const sub = claims.sub;
  if (sub === undefined) {
    if (expect.strict) checks.fail(id('sub'), `The ${what} has no sub (subject) claim: there is no user identifier.`, 'A conforming OpenID Provider always sets sub; check the IdP (or a proxy rewriting tokens).');
    else checks.pass(id('sub'), 'No sub claim (optional here).');
  } else if (typeof sub !== 'string' || sub === '') checks.fail(id('sub'), `sub is not a non-empty string (${show(sub)}).`, 'The IdP must send sub as a string.');
  else if (sub.length > 255) checks.warn(id('sub'), `sub is ${sub.length} characters long (OIDC allows at most 255).`, 'Some platforms truncate longer ids; map the user ID to a shorter stable claim.');
  else checks.pass(id('sub'), `sub is "${sub}".`);
}
