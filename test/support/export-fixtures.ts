/** Fixed connections for export tests: stored directly (fixed ids), so golden files are byte-stable. */
import { connectionDocumentSchema, type StoredConnection } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, fakeCertificatePem, type MemorySecretStore } from './fakes.js';

export const CANARY_SECRET = 'canary-secret-7d41c0';
export const CANARY_KEY = '-----BEGIN PRIVATE KEY-----\ncanary-key-5be2\n-----END PRIVATE KEY-----';
export const OIDC_ID = '11111111-1111-4111-8111-111111111111';
export const SAML_ID = '22222222-2222-4222-8222-222222222222';

const certificate = (subject: string) => ({
  pem: fakeCertificatePem(subject, '2030-01-01T00:00:00.000Z'),
  subject: `CN=${subject}`,
  issuer: `CN=${subject}`,
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2030-01-01T00:00:00.000Z',
  fingerprintSha256: `SHA256:${subject}`,
  expired: false,
  expiresInDays: 1500,
});

const history = {
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  lastTest: { at: '2026-11-23T09:00:00.000Z', outcome: 'passed', source: 'live' },
  validatedAt: '2026-11-23T09:00:00.000Z',
  lastPass: { runId: 'run-0001', at: '2026-11-23T09:00:00.000Z', source: 'live', checksPassed: 17, checksWarned: 1 },
};

export const oidcDocument = (): StoredConnection =>
  connectionDocumentSchema.parse({
    id: OIDC_ID,
    protocol: 'oidc',
    provider: 'okta',
    displayName: 'Okta prod',
    platform: 'arthur',
    webappUrl: 'https://arthur.example.com/app',
    hasClientSecret: true,
    ...history,
    oidc: {
      issuer: 'https://dev-1.okta.com/oauth2/default',
      clientId: '0123',
      authorizationEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/authorize',
      tokenEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/token',
      jwksUri: 'https://dev-1.okta.com/oauth2/default/v1/keys',
      additionalScopes: ['groups'],
      claimMappings: { givenName: 'given_name', familyName: 'family_name' },
      groupSync: { enabled: true, claim: '"cognito:groups"', adminGroups: ['sso-admins'] },
    },
  });

export const samlDocument = (): StoredConnection =>
  connectionDocumentSchema.parse({
    id: SAML_ID,
    protocol: 'saml',
    provider: 'microsoft-ad',
    displayName: 'ADFS',
    platform: 'clearml',
    webappUrl: 'https://app.clearml.example.com',
    hasPrivateKey: true,
    ...history,
    saml: {
      spEntityId: 'https://app.clearml.example.com/saml',
      signRequests: true,
      signingCertificate: certificate('sp'),
      idp: { entityId: 'http://adfs.example.com/adfs/services/trust', ssoUrl: 'https://adfs.example.com/adfs/ls/', certificates: [certificate('idp')] },
      attributeMappings: { email: 'emailAddress', givenName: 'givenName', familyName: 'surname' },
      groupSync: { enabled: true, attribute: 'groups' },
    },
  });

/** An engine over fakes holding the two fixed connections, their secrets in the memory keychain. */
export function exportSetup() {
  const ports = createTestPorts();
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  ports.store.connections.put(oidcDocument());
  ports.store.connections.put(samlDocument());
  const keychain = ports.secrets as MemorySecretStore;
  keychain.items.set(`connection:${OIDC_ID}:client-secret`, CANARY_SECRET);
  keychain.items.set(`connection:${SAML_ID}:saml-private-key`, CANARY_KEY);
  const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  return { ports, engine, call, keychain };
}
