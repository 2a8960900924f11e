import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatClaimPath, parseClaimPath, readClaim, type Report } from '../../main/contract/index.js';
import { createEngine, type Engine } from '../../main/core/engine.js';
import { discoverOidc } from '../../main/core/idp/oidc-discovery.js';
import { parseIdpMetadata } from '../../main/core/idp/saml-metadata.js';
import type { Http, HttpRequest, HttpResponse } from '../../main/core/ports/index.js';
import { createTestPorts } from '../support/fakes.js';
import { buildResponseXml, createTestKey } from '../support/saml-forge.js';

// Property-based review of every parser of outside input (issue 13): claim paths, IdP metadata XML, discovery JSON,
// connection imports, pasted tokens and SAML Responses. Whatever the input: no crash (only a worded Error, or a
// Result/report that refuses it), bounded time, and the error names what was wrong with the input.
const RUNS = 150;
const BOUND_MS = 2000;

/** Runs `work` and fails if it takes longer than BOUND_MS (a parser stuck on an input is a denial of service). */
async function bounded<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const value = await work();
  expect(performance.now() - started, `${label} took too long`).toBeLessThan(BOUND_MS);
  return value;
}

/** A worded refusal: a plain Error with a sentence, never a TypeError/RangeError escaping from inside a parser. */
function expectWordedError(error: unknown, names: RegExp) {
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).constructor).toBe(Error);
  expect((error as Error).message).toMatch(names);
}

const xmlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom('<', '>', '</', '/>', 'md:', 'EntityDescriptor', 'IDPSSODescriptor', ' entityID="x"', 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"', 'SingleSignOnService', ' Location="https://idp/sso"', '<!DOCTYPE x>', '<!ENTITY a "b">', '&a;', '<![CDATA[', ']]>', '"', "'", '=', ' ', '\u0000', 'é'), { maxLength: 60 }).map((parts) => parts.join('')),
);

describe('claim paths', () => {
  it('any text parses or is refused with a worded error naming the path', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          expect(Array.isArray(parseClaimPath(text))).toBe(true);
        } catch (error) {
          expectWordedError(error, /claim|path|quote|column|segment|name|dot/i);
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('formatting any list of claim names parses back to the same names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 }), (segments) => {
        fc.pre(segments.every((s) => s.trim() === s && s !== ''));
        expect(parseClaimPath(formatClaimPath(segments))).toEqual(segments);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('reading any path from any JSON never throws', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), (claims, path) => void readClaim(claims, path)), { numRuns: RUNS * 2 });
  });
});

describe('IdP metadata XML', () => {
  it('any text is read or refused with a worded error, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(xmlish, async (xml) => {
        await bounded('parseIdpMetadata', () => {
          try {
            parseIdpMetadata(xml, new Date());
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message.length).toBeGreaterThan(10);
            expect((error as Error).message).not.toMatch(/Maximum call stack|Cannot read properties|is not a function|undefined/);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('deep nesting and entity tricks are refused, not crashed on', async () => {
    for (const xml of ['<a>'.repeat(20_000) + '</a>'.repeat(20_000), '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x>&b;</x>', '<x>' + 'y'.repeat(2_000_000) + '</x>']) {
      await bounded('parseIdpMetadata (hostile)', () => expect(() => parseIdpMetadata(xml, new Date())).toThrow(Error));
    }
  });
});

describe('OIDC discovery JSON', () => {
  it('any body is read or refused with an error naming the discovery URL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ issuer: 'https://idp.example.com', authorization_endpoint: v, token_endpoint: v, jwks_uri: v }))), async (body) => {
        const http: Http = { request: async (request: HttpRequest): Promise<HttpResponse> => ({ status: 200, headers: { 'content-type': 'application/json' }, body, url: request.url }) };
        await bounded('discoverOidc', async () => {
          try {
            await discoverOidc(http, 'https://idp.example.com');
          } catch (error) {
            expectWordedError(error, /discovery document at https:\/\/idp\.example\.com\/\.well-known\/openid-configuration/);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('through the engine: imports, pasted tokens, SAML Responses', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine(createTestPorts());
    const key = await createTestKey('idp.example.com');
    const oidc = await engine.invoke('connections.create', { protocol: 'oidc', provider: 'okta', displayName: 'OIDC', oidc: { issuer: 'https://idp.example.com', clientId: 'c', authorizationEndpoint: 'https://idp.example.com/a', tokenEndpoint: 'https://idp.example.com/t', jwksUri: 'https://idp.example.com/k' } });
    const saml = await engine.invoke('connections.create', { protocol: 'saml', provider: 'custom', displayName: 'SAML', saml: { idp: { entityId: 'https://idp.example.com', ssoUrl: 'https://idp.example.com/sso', certificates: [key.certificate] } } });
    expect([oidc.ok, saml.ok]).toEqual([true, true]);
  });

  /** Refused as bad input, or a report that failed: never an internal error. */
  const expectHandled = (result: Awaited<ReturnType<Engine['invoke']>>, field?: string) => {
    if (result.ok) expect((result.value as Report).outcome).toBe('failed');
    else {
      expect(result.error.code, result.error.message).not.toBe('internal');
      if (field) expect(result.error.message).toMatch(new RegExp(field));
    }
  };

  it('connections.import: any content is refused naming the file or field, never an internal error', async () => {
    const jsonish = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ format: 'sso-workbench/connection', version: 1, connection: v, validation: v })));
    await fc.assert(
      fc.asyncProperty(jsonish, async (content) => {
        const result = await bounded('connections.import', () => engine.invoke('connections.import', { content }));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).not.toBe('internal');
      }),
      { numRuns: RUNS },
    );
  });

  it('tests.inspect: any pasted token (garbage, or a JWT with any JSON inside) fails cleanly', async () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    const token = fc.oneof(
      fc.string({ minLength: 1, maxLength: 300 }),
      fc.tuple(fc.json({ maxDepth: 4 }), fc.json({ maxDepth: 6 }), fc.string({ maxLength: 40 })).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${b64(s)}`),
      fc.jsonValue({ maxDepth: 5 }).map((claims) => `${b64(JSON.stringify({ alg: 'RS256', kid: 'k' }))}.${b64(JSON.stringify({ iss: 'https://idp.example.com', claims }))}.c2ln`),
    );
    await fc.assert(
      fc.asyncProperty(token, async (idToken) => {
        fc.pre(idToken.trim() !== '');
        expectHandled(await bounded('tests.inspect (token)', () => engine.invoke('tests.inspect', { ref: 'OIDC', idToken })));
      }),
      { numRuns: RUNS },
    );
  });

  it('tests.inspect: any SAML Response text (base64 or XML, mutated) fails cleanly', async () => {
    const now = new Date();
    const genuine = buildResponseXml({ now, idpEntityId: 'https://idp.example.com', spEntityId: 'x', acsUrl: 'http://127.0.0.1:8765/saml/x/acs' });
    const mutated = fc.tuple(fc.nat({ max: genuine.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 20 })).map(([at, cut, insert]) => genuine.slice(0, at) + insert + genuine.slice(at + cut));
    const response = fc.oneof(xmlish, mutated, mutated.map((xml) => Buffer.from(xml).toString('base64')), fc.string({ minLength: 1, maxLength: 200 }));
    await fc.assert(
      fc.asyncProperty(response, async (samlResponse) => {
        fc.pre(samlResponse.trim() !== '');
        expectHandled(await bounded('tests.inspect (SAML)', () => engine.invoke('tests.inspect', { ref: 'SAML', samlResponse })));
      }),
      { numRuns: RUNS },
    );
  });
});
