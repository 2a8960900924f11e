import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckList } from '../../main/core/test-runs/checks.js';
import { validateJwt } from '../../main/core/test-runs/oidc/id-token.js';
import { JwksCache } from '../../main/core/test-runs/oidc/jwks.js';
import type { ClaimExpectations } from '../../main/core/test-runs/oidc/jwt-claims.js';
import { FixedClock, TableHttp } from '../support/fakes.js';

// A table of jose-signed ID tokens, each wrong in one way, validated by the engine's own checks (OIDC Core §3.1.3.7).
// Every row names the check that must fail, words from its message and from its hint.
const ISSUER = 'https://idp.example.com/realms/ml';
const JWKS_URI = `${ISSUER}/protocol/openid-connect/certs`;
const CLIENT = 'clearml';
const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
const NOW = Math.floor(clock.now().getTime() / 1000);

let signing: { privateKey: CryptoKey; jwk: JWK };
let stranger: CryptoKey;

async function token(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key?: CryptoKey): Promise<string> {
  const all: Record<string, unknown> = { iss: ISSUER, aud: CLIENT, sub: 'alice', iat: NOW - 5, exp: NOW + 300, nonce: 'n-1', ...claims };
  for (const [k, v] of Object.entries(all)) if (v === undefined) delete all[k];
  if (header.alg === 'none') return `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${base64url.encode(JSON.stringify(all))}.`;
  if (typeof header.alg === 'string' && header.alg.startsWith('HS')) return new SignJWT(all).setProtectedHeader({ alg: header.alg }).sign(new TextEncoder().encode('the-client-secret-of-32-bytes!!!'));
  return new SignJWT(all).setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header } as { alg: string }).sign(key ?? signing.privateKey);
}

function setup(jwksBody?: string) {
  const http = new TableHttp(jwksBody === undefined ? {} : { [JWKS_URI]: { body: jwksBody } });
  return { http, jwks: new JwksCache(http) };
}

async function validate(jwt: string, over: Partial<ClaimExpectations> = {}, sig: { allowedAlgs?: string[]; clientSecret?: string; jwksBody?: string | null } = {}) {
  const { http, jwks } = setup(sig.jwksBody === null ? undefined : (sig.jwksBody ?? JSON.stringify({ keys: [signing.jwk] })));
  const checks = new CheckList();
  const result = await validateJwt(
    jwt,
    { prefix: 'oidc.id_token', issuer: ISSUER, clientId: CLIENT, nonce: 'n-1', clockToleranceSeconds: 30, now: clock.now(), strict: true, offline: false, ...over },
    { allowedAlgs: sig.allowedAlgs ?? ['RS256'], verify: true, jwksUri: JWKS_URI, jwks, clientSecret: sig.clientSecret, failIsWarn: false },
    checks,
  );
  return { checks, result, http, failed: checks.failures().map((c) => c.id) };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signing = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' } };
  stranger = (await generateKeyPair('RS256')).privateKey;
});

describe('ID token validation: one check per problem', () => {
  it('a good token passes every check, with the tolerance stated', async () => {
    const { checks, failed, result } = await validate(await token());
    expect(failed).toEqual([]);
    expect(result.signature).toBe('valid');
    expect(checks.get('oidc.id_token.exp')?.message).toBe('Valid until 2026-11-23T10:05:00.000Z (300 s left; clock tolerance 30 s).');
    expect(checks.get('oidc.id_token.signature')?.message).toBe('The RS256 signature is valid: verified with key "k1".');
    expect(checks.get('oidc.id_token.azp')?.message).toBe('Single audience: azp is not needed.');
  });

  const table: Array<[string, string, () => Promise<string>, Partial<ClaimExpectations>, RegExp, RegExp]> = [
    ['alg none', 'oidc.id_token.alg', () => token({}, { alg: 'none' }), {}, /unsigned \(alg "none"\)/, /never accepted/],
    ['an algorithm not allowed', 'oidc.id_token.alg', () => token({}, { alg: 'HS256' }), {}, /signed with HS256, which is not allowed \(allowed: RS256\)/, /add it to allowedSigningAlgs.*client secret/],
    ['a bad signature', 'oidc.id_token.signature', async () => token({}, {}, stranger), {}, /does not verify with key "k1"/, /Never accept/],
    ['a kid never published', 'oidc.id_token.signature', () => token({}, { kid: 'other' }), {}, /Unknown signing key: No RS256 signing key with kid "other".*freshly fetched \(it has: k1\)/, /another tenant, realm or authorization server/],
    ['an issuer with a trailing slash', 'oidc.id_token.iss', () => token({ iss: `${ISSUER}/` }), {}, /iss is "https:\/\/idp.example.com\/realms\/ml\/", but the connection expects/, /only by a trailing slash/],
    ['another tenant', 'oidc.id_token.iss', () => token({ iss: 'https://idp.example.com/realms/other' }), {}, /realms\/other/, /another tenant, realm or authorization server/],
    ['another audience', 'oidc.id_token.aud', () => token({ aud: 'grafana' }), {}, /aud is "grafana", which does not include the client ID "clearml"/, /issued for "grafana"/],
    ['several audiences without azp', 'oidc.id_token.azp', () => token({ aud: [CLIENT, 'api'] }), {}, /2 audiences \(clearml, api\) but there is no azp/, /azp = your client ID/],
    ['an azp of another client', 'oidc.id_token.azp', () => token({ azp: 'grafana' }), {}, /azp is "grafana"/, /issued to this client/],
    ['an expired token', 'oidc.id_token.exp', () => token({ exp: NOW - 95, iat: NOW - 400 }), {}, /expired 95 s ago, at 2026-11-23T09:58:25.000Z \(clock tolerance 30 s\)/, /ahead of the IdP’s by about 95 s.*NTP/],
    ['an iat in the future (clock skew)', 'oidc.id_token.iat', () => token({ iat: NOW + 120 }), {}, /issued 120 s in the future.*clock tolerance 30 s/, /IdP’s clock is ahead.*120 s/],
    ['a missing iat', 'oidc.id_token.iat', () => token({ iat: undefined }), {}, /no iat/, /always sets iat/],
    ['an nbf in the future', 'oidc.id_token.nbf', () => token({ nbf: NOW + 600 }), {}, /not valid before 2026-11-23T10:10:00.000Z, 600 s from now/, /NTP/],
    ['a wrong nonce', 'oidc.id_token.nonce', () => token({ nonce: 'n-2' }), {}, /does not match the nonce this login sent/, /Start a new test/],
    ['a missing nonce', 'oidc.id_token.nonce', () => token({ nonce: undefined }), {}, /has no nonce/, /OIDC Core §3.1.2.1/],
    ['a missing sub', 'oidc.id_token.sub', () => token({ sub: undefined }), {}, /no sub \(subject\) claim/, /always sets sub/],
    ['a missing exp', 'oidc.id_token.exp', () => token({ exp: undefined }), {}, /no exp/, /exp is required/],
  ];
  it.each(table)('%s → %s', async (_name, id, make, over, message, hint) => {
    const { checks, failed } = await validate(await make(), over);
    expect(failed).toContain(id);
    expect(checks.get(id)?.message).toMatch(message);
    expect(checks.get(id)?.hint).toMatch(hint);
  });

  it('inside the tolerance, an expired-by-10-s token passes (and says how long ago with the tolerance)', async () => {
    const { failed } = await validate(await token({ exp: NOW - 10 }));
    expect(failed).toEqual([]);
  });

  it('offline inspect: nonce skipped; an expired token asks for a fresh one instead of blaming clocks', async () => {
    const { checks } = await validate(await token({ exp: NOW - 3600, iat: NOW - 7200 }), { nonce: 'offline', offline: true });
    expect(checks.get('oidc.id_token.nonce')?.status).toBe('skip');
    expect(checks.get('oidc.id_token.exp')?.hint).toMatch(/capture a fresh one/);
  });

  it('without a configured issuer, iss is a warning that names the value to set', async () => {
    const { checks, failed } = await validate(await token(), { issuer: undefined });
    expect(failed).toEqual([]);
    expect(checks.get('oidc.id_token.iss')).toMatchObject({ status: 'warn', hint: expect.stringContaining(`"${ISSUER}"`) });
  });

  it('an unreachable JWKS fails the signature check naming the URL', async () => {
    const { checks } = await validate(await token(), {}, { jwksBody: null });
    expect(checks.get('oidc.id_token.signature')).toMatchObject({ status: 'fail', message: expect.stringMatching(/JWKS unusable: The JWKS at .* could not be fetched/) });
    expect(checks.get('oidc.id_token.signature')?.hint).toContain(JWKS_URI);
  });

  it('a JWKS that is not a JWK Set says so', async () => {
    const { checks } = await validate(await token(), {}, { jwksBody: '<html>login</html>' });
    expect(checks.get('oidc.id_token.signature')?.message).toMatch(/is not JSON/);
  });

  it('an unknown kid refetches the JWKS once (rotation), a known kid never', async () => {
    const { http, jwks } = setup(JSON.stringify({ keys: [signing.jwk] }));
    const lookup = () => jwks.keysFor(JWKS_URI, { alg: 'RS256', kid: 'k1' });
    expect((await lookup()).ok).toBe(true);
    expect((await lookup()).ok).toBe(true);
    expect(http.requests).toHaveLength(1);
    const missing = await jwks.keysFor(JWKS_URI, { alg: 'RS256', kid: 'k2' });
    expect(missing).toMatchObject({ ok: false, problem: 'kid_unknown', fetch: 'refetched' });
    expect(http.requests).toHaveLength(2);
  });

  it('HS256 (allowed explicitly) is verified with the client secret', async () => {
    const hs = await token({}, { alg: 'HS256' });
    expect((await validate(hs, {}, { allowedAlgs: ['HS256'], clientSecret: 'the-client-secret-of-32-bytes!!!' })).failed).toEqual([]);
    expect((await validate(hs, {}, { allowedAlgs: ['HS256'], clientSecret: 'another-secret-also-32-bytes!!!!' })).failed).toEqual(['oidc.id_token.signature']);
  });

  it('not a JWT at all → oidc.id_token.present', async () => {
    expect((await validate('opaque-token')).failed).toEqual(['oidc.id_token.present']);
  });
});
