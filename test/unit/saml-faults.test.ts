import { beforeAll, describe, expect, it } from 'vitest';
import { createReplayCache } from '../../main/core/saml/replay-cache.js';
import { MAX_RESPONSE_BYTES } from '../../main/core/saml/response-input.js';
import type { SamlValidation } from '../../main/core/saml/validate-response.js';
import { createTestKey, FIXTURE, forgeResponse, REQUEST_ID, samlTestSettings, validateForged, type ResponseShape, type TestKey } from '../support/saml-forge.js';

// Faults of a genuinely signed Response: wrong endpoint names, wrong request, replay, clocks, IdP status,
// certificate rollover. Each fails its own check with a hint, and the Response is not verified.
let idp: TestKey;
let rolledOver: TestKey;
const now = new Date(Math.floor(Date.now() / 1000) * 1000); // whole seconds, as IdPs write instants
const shape = (extra: Partial<ResponseShape> = {}): ResponseShape => ({ now, ...FIXTURE, inResponseTo: REQUEST_ID, attributes: { memberOf: ['viewers'] }, ...extra });

const validate = (...[xml, settings, options]: Parameters<typeof validateForged>) => validateForged(xml, settings, { now, ...options });

beforeAll(async () => {
  [idp, rolledOver] = await Promise.all([createTestKey('Test IdP 2025'), createTestKey('Test IdP 2026')]);
});

const check = (v: SamlValidation, id: string) => v.checks.find((c) => c.id === id);
function expectFailed(v: SamlValidation, id: string, message?: RegExp) {
  expect(check(v, id), JSON.stringify(v.checks.filter((c) => c.status === 'fail'))).toMatchObject({ status: 'fail' });
  expect(check(v, id)?.hint).not.toBe('');
  if (message) expect(check(v, id)?.message).toMatch(message);
  expect(v.verified).toBe(false);
}

describe('SAML faults', () => {
  it('wrong audience (SP entity ID mismatch)', async () => {
    const v = await validate(forgeResponse(shape({ audience: 'urn:other-sp' }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.assertion.audience', /urn:other-sp/);
    expect(v.attributes).toEqual({}); // node-saml refused: nothing from the assertion
  });

  it('wrong Destination (ACS URL mismatch)', async () => {
    const v = await validate(forgeResponse(shape({ destination: 'http://localhost:8719/saml/acs' }), { key: idp, response: true }), samlTestSettings([idp]));
    expectFailed(v, 'saml.response.destination', /localhost/);
    expect(check(v, 'saml.response.destination')?.hint).toContain(FIXTURE.acsUrl);
  });

  it('a signed Response without Destination', async () => {
    const v = await validate(forgeResponse(shape({ destination: null }), { key: idp, response: true }), samlTestSettings([idp]));
    expectFailed(v, 'saml.response.destination', /no Destination/);
  });

  it('wrong SubjectConfirmationData Recipient', async () => {
    const v = await validate(forgeResponse(shape({ recipient: 'http://127.0.0.1:8719/saml/acs/' }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.assertion.recipient', /acs\/, expected exactly/);
  });

  it('wrong Issuer (IdP entity ID mismatch)', async () => {
    const v = await validate(forgeResponse(shape({ issuer: 'https://evil.example/idp' }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.response.issuer', /evil\.example/);
    expect(check(v, 'saml.response.issuer')?.hint).toContain(FIXTURE.idpEntityId);
  });

  it('InResponseTo unknown, or missing, in a live run', async () => {
    const unknown = await validate(forgeResponse(shape({ inResponseTo: '_someone_elses_request' }), { key: idp }), samlTestSettings([idp]));
    expectFailed(unknown, 'saml.assertion.in_response_to');
    expect(unknown.nameId).toBeUndefined();
    const missing = await validate(forgeResponse(shape({ inResponseTo: undefined }), { key: idp }), samlTestSettings([idp]));
    expectFailed(missing, 'saml.assertion.in_response_to', /missing/);
    expect(missing.nameId).toBeUndefined();
  });

  it('offline inspect does not check InResponseTo and says so', async () => {
    const v = await validate(forgeResponse(shape({ inResponseTo: undefined }), { key: idp }), samlTestSettings([idp]), { expectedRequestId: null });
    expect(check(v, 'saml.assertion.in_response_to')).toMatchObject({ status: 'skip', message: expect.stringMatching(/Offline inspect.*'never'/) });
    expect(v.verified).toBe(true);
  });

  it('a replayed assertion is refused until its NotOnOrAfter', async () => {
    const cache = createReplayCache();
    const xml = forgeResponse(shape(), { key: idp });
    const first = await validate(xml, samlTestSettings([idp]), { replayCache: cache, now });
    expect(first.verified).toBe(true);
    const again = await validate(xml, samlTestSettings([idp]), { replayCache: cache, now: new Date(now.getTime() + 5_000) });
    expectFailed(again, 'saml.assertion.replay', /already used/);
    // After NotOnOrAfter (+300 s) plus skew (60 s) the entry is gone, and the time check refuses it anyway.
    expect(cache.size(new Date(now.getTime() + 361_000))).toBe(0);
  });

  it('expired: the IdP issued it 10 minutes ago', async () => {
    const v = await validate(forgeResponse(shape({ idpClockAheadSeconds: -600 }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.assertion.time_window', /expired: .* 300 s before now/);
  });

  it('not yet valid: IdP clock 120 s ahead, skew 60 s → fail with the seconds; skew 180 s → pass', async () => {
    const xml = forgeResponse(shape({ idpClockAheadSeconds: 120 }), { key: idp });
    const strict = await validate(xml, samlTestSettings([idp], { clockSkewSeconds: 60 }));
    expectFailed(strict, 'saml.assertion.time_window', /not yet valid: .* 90 s after now .* allowed clock skew 60 s\. IssueInstant is 120 s ahead/);
    expect(check(strict, 'saml.assertion.time_window')?.hint).toMatch(/about 120 s.*at least 90/);
    expect(strict.details.conditions.skewSeconds).toBe(60);
    const tolerant = await validate(xml, samlTestSettings([idp], { clockSkewSeconds: 180 }));
    expect(check(tolerant, 'saml.assertion.time_window')).toMatchObject({ status: 'pass', message: expect.stringContaining('allowed clock skew 180 s') });
    expect(tolerant.verified).toBe(true);
  });

  it('offline inspect also checks the SubjectConfirmationData expiry', async () => {
    // node-saml skips SubjectConfirmation entirely with validateInResponseTo 'never'; our check does not.
    const xml = forgeResponse(shape({ idpClockAheadSeconds: -400 }), { key: idp });
    const v = await validate(xml, samlTestSettings([idp], { clockSkewSeconds: 0 }), { expectedRequestId: null });
    expectFailed(v, 'saml.assertion.time_window', /expired/);
  });

  it('an IdP error status is the verdict, with its sub-status', async () => {
    const status = { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', sub: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied', message: 'User not assigned' };
    const v = await validate(forgeResponse(shape({ status }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.response.status', /Responder \/ RequestDenied: User not assigned/);
    expect(check(v, 'saml.assertion.audience')?.status).toBe('skip');
    expect(v.details.subStatusCode).toBe(status.sub);
  });

  it('a missing NameID', async () => {
    const v = await validate(forgeResponse(shape({ nameId: null }), { key: idp }), samlTestSettings([idp]));
    expectFailed(v, 'saml.nameid.present', /no NameID/);
  });

  it('an oversized Response is refused unparsed', async () => {
    const big = forgeResponse(shape({ attributes: { memberOf: Array.from({ length: 6000 }, (_, i) => `group-with-a-long-name-${i}`) } }), { key: idp });
    expect(big.length).toBeGreaterThan(MAX_RESPONSE_BYTES);
    const v = await validate(big, samlTestSettings([idp]));
    expectFailed(v, 'saml.response.size');
    expect(v.details.responseXml).toBeUndefined();
  });

  it('certificate rollover: any configured certificate verifies, and the report names it', async () => {
    const xml = forgeResponse(shape(), { key: rolledOver });
    const v = await validate(xml, samlTestSettings([idp, rolledOver]));
    expect(v.verified).toBe(true);
    expect(v.details.certificateUsed).toEqual({
      subject: 'CN=Test IdP 2026',
      fingerprintSha256: rolledOver.certificate.fingerprintSha256,
      notAfter: rolledOver.certificate.notAfter,
    });
    expect(v.details.responseXml).toMatch(/<!-- ✔ SIGNED Assertion .*CN=Test IdP 2026/);
    const stale = await validate(xml, samlTestSettings([idp]));
    expectFailed(stale, 'saml.signature.valid');
    expect(check(stale, 'saml.signature.valid')?.hint).toMatch(new RegExp(`Expected .*${idp.certificate.fingerprintSha256}.*presents.*${rolledOver.certificate.fingerprintSha256}`));
  });

  it('a Response signed without KeyInfo still verifies against the configured certificate', async () => {
    const v = await validate(forgeResponse(shape(), { key: idp, keyInfo: false }), samlTestSettings([idp]));
    expect(v.verified).toBe(true);
  });
});
