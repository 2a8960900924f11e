import { CompactSign, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import { scrub } from '../../main/core/test-runs/history.js';
import { nestsDeeperThan, tooDeepMarker } from '../../main/core/test-runs/claim-depth.js';
import type { Http, HttpRequest, HttpResponse } from '../../main/core/ports/index.js';
import { createFakeIdpTools, createTestPorts, FixedClock } from '../support/fakes.js';

// Finding 2 of the security review: a claim nested ~4,000 levels deep crashed `inspect` with "Maximum call stack size
// exceeded" in the History scrubber. Now every walk over claims is bounded and the run says which input was too deep.
const ISSUER = 'https://idp.example.com';
let key: { privateKey: CryptoKey; jwk: JWK };

class JwksOnly implements Http {
  async request(request: HttpRequest): Promise<HttpResponse> {
    if (request.url === `${ISSUER}/jwks`) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys: [key.jwk] }), url: request.url };
    throw new Error(`connect ECONNREFUSED ${request.url}`);
  }
}

/** JSON text nested `depth` levels (objects and arrays alternating), built as text: JSON.stringify itself would overflow. */
const nested = (depth: number, leaf = '"bottom"'): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i += 1) {
    open += i % 2 ? '[' : '{"a":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return open + leaf + close;
};

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' } };
});

async function inspectWith(claimsJson: Record<string, string>) {
  const clock = new FixedClock(new Date());
  const ports = createTestPorts({ clock, http: new JwksOnly() });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const created = await engine.invoke('connections.create', {
    protocol: 'oidc',
    provider: 'okta',
    displayName: 'Okta',
    clientSecret: 's3cret',
    oidc: { issuer: ISSUER, clientId: 'clearml', authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, jwksUri: `${ISSUER}/jwks` },
  });
  expect(created.ok).toBe(true);
  const now = Math.floor(clock.now().getTime() / 1000);
  const base = JSON.stringify({ iss: ISSUER, aud: 'clearml', sub: 'bob', iat: now, exp: now + 60, email: 'bob@example.test' });
  const extra = Object.entries(claimsJson).map(([name, json]) => `,${JSON.stringify(name)}:${json}`).join('');
  const payload = new TextEncoder().encode(base.slice(0, -1) + extra + '}');
  const idToken = await new CompactSign(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key.privateKey);
  const result = await engine.invoke('tests.inspect', { ref: 'Okta', idToken });
  return { result, ports };
}

describe('deeply nested claims', () => {
  it('a claim 4,000 levels deep is refused by name, without a stack overflow, and History keeps the report', async () => {
    const { result, ports } = await inspectWith({ evil: nested(4000) });
    expect(JSON.stringify(result)).not.toContain('Maximum call stack');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value as Report;
    expect(report.outcome).toBe('failed');
    const deep = report.checks.find((c) => c.status === 'fail' && /too deeply nested/.test(c.message));
    expect(deep?.message).toMatch(/ID token/);
    expect(deep?.message).toMatch(/"evil"/);
    expect(ports.store.testRuns.list({ limit: 5 })).toHaveLength(1);
  });

  it('ordinary nesting (a few levels) still passes and is kept whole', async () => {
    const { result } = await inspectWith({ org: nested(12, '"ml"') });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'passed' } });
  });

  it('the History scrubber walks any depth without recursion, bounding what it keeps', () => {
    const deep = JSON.parse(nested(100_000)) as unknown;
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    const kept = JSON.stringify(scrub({ details: deep, token: 'eyJhbGciOi.eyJzdWIiOiJ4In0.sig' }));
    expect(kept).toContain(tooDeepMarker);
    expect(kept).toContain('[token removed]');
    expect(kept.length).toBeLessThan(2000);
    expect(scrub({ a: [1, 'x', { b: null }] })).toEqual({ a: [1, 'x', { b: null }] });
  });
});
