import type { CertificateInfo, IdpMetadata, OidcDiscovery } from '../../contract/index.js';
import type { Http } from '../ports/index.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * The protocol helpers the connection handlers call (written in `main/core/idp/`). Gathered in one object so unit
 * tests can inject fakes, and loaded lazily so the XML/x509 libraries are only imported when an operation needs them.
 */
export interface IdpTools {
  discoverOidc(http: Http, issuer: string): MaybePromise<OidcDiscovery>;
  fetchIdpMetadata(http: Http, url: string): MaybePromise<string>;
  parseIdpMetadata(xml: string, now: Date): MaybePromise<IdpMetadata>;
  describeCertificate(pem: string, now: Date): MaybePromise<CertificateInfo>;
  generateSigningKeyPair(options: {
    algorithm: 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'EC-P256';
    commonName: string;
    validityDays: number;
    now: Date;
  }): MaybePromise<{ certificatePem: string; privateKeyPem: string; certificate: CertificateInfo }>;
  /** Throws an Error with a clear message when the key does not match the certificate or is too weak. */
  checkKeyPair(certificatePem: string, privateKeyPem: string): MaybePromise<void>;
  buildSpMetadata(options: {
    entityId: string;
    acsUrl: string;
    signingCertificatePem?: string;
    encryptionCertificatePem?: string;
    authnRequestsSigned: boolean;
    wantAssertionsSigned: boolean;
    nameIdFormat?: string;
  }): MaybePromise<string>;
}

/** The real helpers from `main/core/idp/*`, imported on first use. */
export const defaultIdpTools: IdpTools = {
  async discoverOidc(http, issuer) {
    return (await import('../idp/oidc-discovery.js')).discoverOidc(http, issuer);
  },
  async fetchIdpMetadata(http, url) {
    return (await import('../idp/saml-metadata.js')).fetchIdpMetadata(http, url);
  },
  async parseIdpMetadata(xml, now) {
    return (await import('../idp/saml-metadata.js')).parseIdpMetadata(xml, now);
  },
  async describeCertificate(pem, now) {
    return (await import('../idp/x509.js')).describeCertificate(pem, now);
  },
  async generateSigningKeyPair(options) {
    return (await import('../idp/key-generation.js')).generateSigningKeyPair(options);
  },
  async checkKeyPair(certificatePem, privateKeyPem) {
    (await import('../idp/key-generation.js')).checkKeyPair(certificatePem, privateKeyPem);
  },
  async buildSpMetadata(options) {
    return (await import('../idp/sp-metadata.js')).buildSpMetadata(options);
  },
};
