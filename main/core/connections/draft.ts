import type { ConnectionDraft, IdpMetadata, OidcDiscovery } from '../../contract/index.js';
import { defaultTokenEndpointAuthMethod } from '../../contract/schemas/connection-idp.js';
import { knownSigningAlgs } from '../../contract/schemas/connection-oidc.js';

/**
 * The OIDC settings a discovery document decides: issuer (as the document states it: ID tokens carry exactly that),
 * endpoints, and — when the IdP does not do the defaults — the signing algorithms and PKCE method it advertises.
 * Used by the wizard's "Import from issuer" and by `ssowb connections add oidc --issuer`, so both fill the same.
 */
export function oidcDraftFrom(discovery: OidcDiscovery): Extract<ConnectionDraft, { protocol: 'oidc' }> {
  const warnings = [...discovery.warnings];
  const oidc: Extract<ConnectionDraft, { protocol: 'oidc' }>['oidc'] = {
    issuer: discovery.issuer,
    authorizationEndpoint: discovery.authorizationEndpoint,
    tokenEndpoint: discovery.tokenEndpoint,
  };
  if (discovery.jwksUri) oidc.jwksUri = discovery.jwksUri;
  if (discovery.userinfoEndpoint) oidc.userinfoEndpoint = discovery.userinfoEndpoint;
  if (discovery.revocationEndpoint) oidc.revocationEndpoint = discovery.revocationEndpoint;
  // The method the IdP says it takes (client_secret_basic when it says nothing, as RFC 8414 defaults).
  oidc.tokenEndpointAuthMethod = defaultTokenEndpointAuthMethod(discovery.tokenEndpointAuthMethodsSupported);

  const algs = discovery.idTokenSigningAlgValuesSupported.filter((alg) => knownSigningAlgs.includes(alg) && !alg.startsWith('HS'));
  if (algs.length > 0 && !algs.includes('RS256')) {
    oidc.allowedSigningAlgs = algs;
    warnings.push(`The IdP does not sign ID tokens with RS256; the allowed algorithms are set to what it advertises: ${algs.join(', ')}.`);
  }
  const pkce = discovery.codeChallengeMethodsSupported;
  if (pkce.length > 0 && !pkce.includes('S256')) {
    if (pkce.includes('plain')) oidc.codeChallengeMethod = 'plain';
    warnings.push(`The IdP does not advertise PKCE S256 (only ${pkce.join(', ')}): a stolen code is less protected; enable S256 at the IdP if it can.`);
  }
  return { protocol: 'oidc', oidc, discovery, warnings };
}

/**
 * The SAML settings IdP metadata decides: the IdP entity ID, SSO URL and binding (HTTP-POST when that is all it
 * offers), every signing certificate (rollover), and where the metadata came from (to refresh it later).
 */
export function samlDraftFrom(metadata: IdpMetadata, source: { kind: 'file' | 'url'; value: string } | undefined): Extract<ConnectionDraft, { protocol: 'saml' }> {
  const warnings = [...metadata.warnings];
  if (metadata.wantAuthnRequestsSigned) {
    warnings.push('The IdP wants signed AuthnRequests (WantAuthnRequestsSigned): turn on request signing (CLI --sign-requests).');
  }
  if (metadata.ssoBinding === 'HTTP-POST') {
    warnings.push('The IdP offers only the HTTP-POST binding for SSO: the AuthnRequest is sent by an auto-submitting form.');
  }
  const saml: Extract<ConnectionDraft, { protocol: 'saml' }>['saml'] = {
    idp: {
      entityId: metadata.entityId,
      ssoUrl: metadata.ssoUrl,
      ssoBinding: metadata.ssoBinding,
      certificates: metadata.certificates,
      ...(source ? { metadataSource: source } : {}),
    },
  };
  return { protocol: 'saml', saml, metadata, warnings };
}
