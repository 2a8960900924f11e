import { randomUUID } from 'node:crypto';
import { AppError } from '../app-error.js';
import { onField } from './on-field.js';
import { readSettings } from '../handlers/settings-handlers.js';
import type { ConnectionHandlerGroup } from './context.js';
import { requireConnection } from './lookup.js';
import { applyPreset, listPresets } from './presets/index.js';
import { secretAccounts } from './secrets.js';
import { productionCallbackUrl, productionSpEntityId, testAcsUrl } from './urls.js';
import { spEntityIdOf } from './view.js';

type Ops =
  | 'connections.discover'
  | 'connections.parseMetadata'
  | 'connections.describeCertificate'
  | 'connections.generateKeyPair'
  | 'connections.spMetadata'
  | 'connections.presets'
  | 'connections.applyPreset';

/** Read-only helpers (discovery, metadata, certificates, presets) and SAML key generation. */
export const connectionToolHandlers: ConnectionHandlerGroup<Ops> = (context) => {
  const { ports, idp, audit } = context;
  return {
    'connections.discover': ({ issuer }) =>
      onField('issuer', 'Check the issuer URL: <issuer>/.well-known/openid-configuration must answer with JSON.', () =>
        idp.discoverOidc(ports.http, issuer),
      ),
    'connections.parseMetadata': async ({ xml, url }) => {
      const text = url
        ? await onField('url', 'Check the metadata URL in a browser; it must return the XML document.', () => idp.fetchIdpMetadata(ports.http, url))
        : (xml as string);
      return onField(url ? 'url' : 'xml', 'Download the metadata XML again from the IdP app and paste it whole.', () =>
        idp.parseIdpMetadata(text, ports.clock.now()),
      );
    },
    'connections.describeCertificate': ({ pem }) =>
      onField('pem', 'Paste the block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.', () =>
        idp.describeCertificate(pem, ports.clock.now()),
      ),
    'connections.generateKeyPair': async ({ algorithm, validityDays, commonName }) => {
      const pair = await idp.generateSigningKeyPair({ algorithm, validityDays, commonName, now: ports.clock.now() });
      const pendingKeyId = randomUUID();
      // The private key never leaves the engine: it goes straight to the keychain until a save claims it.
      await ports.secrets.set(secretAccounts.pendingKey(pendingKeyId), pair.privateKeyPem);
      audit.record('connections.generateKeyPair', pendingKeyId, {
        algorithm,
        validityDays,
        commonName,
        fingerprintSha256: pair.certificate.fingerprintSha256,
      });
      return { certificate: pair.certificate, pendingKeyId };
    },
    'connections.spMetadata': async ({ ref, for: target }) => {
      const connection = requireConnection(ports.store.connections, ref);
      if (connection.protocol !== 'saml') {
        throw new AppError('invalid_input', `ref: "${connection.displayName}" is an OIDC connection; SP metadata is for SAML.`, { field: 'ref' });
      }
      const { testPort } = readSettings(ports.store);
      const inEffect = spEntityIdOf(connection, testPort);
      const entityId = target === 'production' ? productionSpEntityId(connection, inEffect) : inEffect;
      const acsUrl = target === 'production' ? productionCallbackUrl(connection) : testAcsUrl(testPort, connection.id);
      if (!entityId || !acsUrl) {
        throw new AppError('invalid_input', 'webappUrl: production SP metadata needs the platform web address.', {
          field: 'webappUrl',
          hint: 'Set webappUrl on the connection (e.g. https://clearml.example.com).',
        });
      }
      const s = connection.saml;
      const xml = await idp.buildSpMetadata({
        entityId,
        acsUrl,
        ...(s.signRequests && s.signingCertificate ? { signingCertificatePem: s.signingCertificate.pem } : {}),
        ...(s.encryptAssertions && s.encryptionCertificate ? { encryptionCertificatePem: s.encryptionCertificate.pem } : {}),
        authnRequestsSigned: s.signRequests,
        wantAssertionsSigned: s.requireSignedAssertions,
        ...(s.nameIdFormat ? { nameIdFormat: s.nameIdFormat } : {}),
      });
      return { xml, entityId, acsUrl };
    },
    'connections.presets': () => listPresets(),
    'connections.applyPreset': ({ protocol, provider, inputs }) => applyPreset({ protocol, provider }, inputs),
  };
};
