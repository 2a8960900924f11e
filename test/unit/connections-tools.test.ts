import { describe, expect, it } from 'vitest';
import { connectionSettingsSchema } from '../../main/contract/index.js';
import { connectionWarnings } from '../../main/core/connections/warnings.js';
import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, fakeCertificatePem } from '../support/fakes.js';

const now = new Date('2026-11-23T10:00:00Z');
const cert = (notAfter: string) => ({ pem: fakeCertificatePem('c', notAfter), subject: 'CN=c', issuer: 'CN=c', notBefore: '', notAfter, fingerprintSha256: '', expired: false, expiresInDays: 0 });
const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidc = (provider: string, o: Record<string, unknown> = {}) =>
  connectionSettingsSchema.parse({
    protocol: 'oidc',
    provider,
    displayName: 'x',
    oidc: { clientId: 'c', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys`, ...o },
  });
const saml = (s: Record<string, unknown> = {}) =>
  connectionSettingsSchema.parse({
    protocol: 'saml',
    provider: 'custom',
    displayName: 'x',
    saml: { idp: { entityId: 'e', ssoUrl: 'https://idp.example.com/sso', certificates: [cert('2030-01-01T00:00:00Z')] }, ...s },
  });
const fields = (warnings: Array<{ field: string }>) => warnings.map((w) => w.field);

function setup() {
  const ports = createTestPorts();
  const idp = createFakeIdpTools();
  return { ports, idp, engine: createEngine(ports, { idpTools: idp }) };
}

describe('connection warnings (non-blocking)', () => {
  it('a sound connection has none', () => {
    expect(connectionWarnings(oidc('okta'), { now })).toEqual([]);
    expect(connectionWarnings(saml(), { now })).toEqual([]);
  });

  it('flags PKCE none/plain', () => {
    expect(fields(connectionWarnings(oidc('okta', { codeChallengeMethod: 'plain' }), { now }))).toContain('oidc.codeChallengeMethod');
    expect(connectionWarnings(oidc('okta', { codeChallengeMethod: 'none' }), { now })[0]?.message).toMatch(/Use S256/);
  });

  it('flags Azure group overage', () => {
    const w = connectionWarnings(oidc('azure', { groupSync: { enabled: true } }), { now });
    expect(w.find((x) => x.field === 'oidc.groupSync.claim')?.message).toMatch(/_claim_names\/_claim_sources/);
  });

  it('flags a signing certificate expiring within 30 days, or expired', () => {
    const soon = connectionWarnings(saml({ signingCertificate: cert('2026-12-10T00:00:00Z') }), { now });
    expect(soon).toEqual([expect.objectContaining({ field: 'saml.signingCertificate', message: expect.stringMatching(/expires in 16 day/) })]);
    const expired = connectionWarnings(saml({ signingCertificate: cert('2026-11-01T00:00:00Z') }), { now });
    expect(expired[0]?.message).toMatch(/expired/);
    expect(fields(connectionWarnings(saml({ idp: { entityId: 'e', ssoUrl: 'https://i.example.com', certificates: [cert('2026-11-30T00:00:00Z')] } }), { now }))).toEqual([
      'saml.idp.certificates.0',
    ]);
  });

  it('flags unsigned assertions and SHA-1', () => {
    expect(fields(connectionWarnings(saml({ requireSignedAssertions: false, requireSignedResponse: true }), { now }))).toEqual(['saml.requireSignedAssertions']);
    expect(fields(connectionWarnings(saml({ allowSha1: true }), { now }))).toEqual(['saml.allowSha1']);
  });
});

describe('connection tools', () => {
  it('discover: https required except loopback; helper errors name the field', async () => {
    const { engine } = setup();
    expect(await engine.invoke('connections.discover', { issuer: 'http://idp.example.com' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'issuer' } });
    expect(await engine.invoke('connections.discover', { issuer: 'http://127.0.0.1:9000' })).toMatchObject({ ok: true, value: { tokenEndpoint: 'http://127.0.0.1:9000/token' } });
    expect(await engine.invoke('connections.discover', { issuer: 'https://broken.example.com' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'issuer', message: expect.stringContaining('not JSON') },
    });
  });

  it('parseMetadata: from xml or url, exactly one', async () => {
    const { engine, idp } = setup();
    expect(await engine.invoke('connections.parseMetadata', { xml: '<EntityDescriptor entityID="https://idp"/>' })).toMatchObject({ ok: true, value: { entityId: 'https://idp' } });
    expect(await engine.invoke('connections.parseMetadata', { url: 'https://idp.example.com/metadata' })).toMatchObject({ ok: true, value: { entityId: 'https://idp.example.com/metadata' } });
    expect(idp.calls).toContain('fetch https://idp.example.com/metadata');
    expect(await engine.invoke('connections.parseMetadata', {})).toMatchObject({ ok: false, error: { field: 'xml' } });
    expect(await engine.invoke('connections.parseMetadata', { xml: '<html/>' })).toMatchObject({ ok: false, error: { field: 'xml', message: expect.stringContaining('EntityDescriptor') } });
  });

  it('describeCertificate re-derives the facts from the PEM', async () => {
    const { engine } = setup();
    expect(await engine.invoke('connections.describeCertificate', { pem: fakeCertificatePem('sp', '2030-01-01T00:00:00Z') })).toMatchObject({ ok: true, value: { subject: 'CN=sp' } });
    expect(await engine.invoke('connections.describeCertificate', { pem: 'junk' })).toMatchObject({ ok: false, error: { field: 'pem' } });
  });

  it('spMetadata: test ACS by default, platform ACS for production, SAML only', async () => {
    const { engine } = setup();
    const created = await engine.invoke('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'S',
      platform: 'arthur',
      webappUrl: 'https://arthur.example.com',
      saml: { idp: { entityId: 'e', ssoUrl: 'https://idp.example.com/sso', certificates: [cert('2030-01-01T00:00:00Z')] } },
    });
    const id = (created as { value: { id: string } }).value.id;
    expect(await engine.invoke('connections.spMetadata', { ref: 'S' })).toMatchObject({
      ok: true,
      value: { entityId: `http://127.0.0.1:8765/saml/${id}`, acsUrl: `http://127.0.0.1:8765/saml/${id}/acs`, xml: expect.stringContaining('EntityDescriptor') },
    });
    expect(await engine.invoke('connections.spMetadata', { ref: 'S', for: 'production' })).toMatchObject({
      ok: true,
      value: { entityId: 'https://arthur.example.com/api/v3/saml/sso', acsUrl: 'https://arthur.example.com/api/v3/saml/sso' },
    });
  });
});

describe('wiring to the real IdP helpers (main/core/idp)', () => {
  it('generates a key pair, claims it on create and publishes the certificate in SP metadata', async () => {
    const ports = createTestPorts({ clock: { now: () => new Date() } });
    const engine = createEngine(ports);
    const generated = await engine.invoke('connections.generateKeyPair', { commonName: 'sp.example.com', algorithm: 'EC-P256' });
    expect(generated.ok, JSON.stringify(generated)).toBe(true);
    if (!generated.ok) return;
    const { certificate, pendingKeyId } = generated.value as { certificate: { pem: string }; pendingKeyId: string };
    const created = await engine.invoke('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'Real',
      saml: { signRequests: true, signingCertificate: certificate, idp: { entityId: 'e', ssoUrl: 'https://idp.example.com/sso', certificates: [certificate] } },
      pendingKeyId,
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const metadata = await engine.invoke('connections.spMetadata', { ref: 'Real' });
    expect(metadata.ok, JSON.stringify(metadata)).toBe(true);
    if (metadata.ok) expect((metadata.value as { xml: string }).xml).toContain(certificate.pem.split('\n')[1]?.slice(0, 40));
  }, 30_000);
});
