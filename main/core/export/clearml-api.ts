import type { StoredConnection } from '../../contract/index.js';
import { flatClaimName } from './claim-names.js';
import { clearmlProviderKey } from './clearml-keys.js';
import { idpMetadataXml } from './idp-metadata-xml.js';
import { redacted, type SecretValues } from './secret-values.js';

/** The request and what the header says about it. */
export interface ApiRequest {
  body: { provider: string; company: string; configuration: Record<string, unknown> };
  /** `configuration.<field>` names the public docs do not confirm (reference/clearml-platform.md §5.4). */
  inferred: string[];
  notes: string[];
}

/**
 * The `sso.save_provider_configuration` body (reference/clearml-platform.md §5.4). Only the fields of the documented
 * example are taken as given; every other field the workbench fills is listed in `inferred`, never silently guessed.
 */
export function clearmlApiRequest(connection: StoredConnection, secrets: SecretValues, spEntityId: string): ApiRequest {
  const configuration: Record<string, unknown> = { id: connection.id, display_name: connection.displayName };
  const inferred: string[] = [];
  const notes: string[] = ['company: replace <company id> with your ClearML company id (system.get_companies).'];
  const guess = (field: string, value: unknown) => {
    configuration[field] = value;
    inferred.push(`configuration.${field}`);
  };
  if (connection.protocol === 'oidc') {
    const { oidc } = connection;
    configuration.client_id = oidc.clientId;
    if (connection.hasClientSecret) {
      configuration.client_secret = secrets.clientSecret ?? redacted('client_secret');
      if (!secrets.clientSecret) notes.push(`client_secret is redacted: replace ${redacted('client_secret')} with the Client Secret of the IdP app (or export with --include-secrets).`);
    }
    configuration.authorization_endpoint = oidc.authorizationEndpoint;
    configuration.token_endpoint = oidc.tokenEndpoint;
    if (oidc.revocationEndpoint) configuration.revocation_endpoint = oidc.revocationEndpoint;
    const name = flatClaimName(oidc.claimMappings.name, 'claim_name', notes);
    if (name) configuration.claim_name = name;
    configuration.group_enabled = oidc.groupSync.enabled;
    configuration.claim_groups = flatClaimName(oidc.groupSync.claim, 'claim_groups', notes);
    if (oidc.issuer) guess('issuer', oidc.issuer);
    if (oidc.jwksUri) guess('jwks_uri', oidc.jwksUri);
    if (oidc.userinfoEndpoint) guess('userinfo_endpoint', oidc.userinfoEndpoint);
    guess('get_info_from_id_token', oidc.userInfoFromIdToken);
    guess('verify_token_signature', oidc.verifyTokenSignature);
    guess('email_verification', oidc.emailVerification);
    guess('create_new_users', oidc.createUsersOnFirstLogin);
    guess('code_challenge_method', oidc.codeChallengeMethod === 'none' ? null : oidc.codeChallengeMethod);
    guess('standard_scopes', oidc.standardScopes);
    guess('additional_scopes', oidc.additionalScopes);
    const m = oidc.claimMappings;
    for (const [field, path] of [['claim_user_id', m.userId], ['claim_email', m.email], ['claim_given_name', m.givenName], ['claim_family_name', m.familyName], ['claim_picture', m.picture]] as const) {
      if (path) guess(field, flatClaimName(path, field, notes));
    }
    guess('group_case_sensitive', oidc.groupSync.caseSensitive);
    guess('group_admins', oidc.groupSync.adminGroups);
    // ClearML 3.24: custom authorization-request parameters and IdP group → several groups; field names undocumented.
    if (Object.keys(oidc.authParams).length) guess('authorization_params', oidc.authParams);
    if (oidc.groupSync.mappings.length) guess('group_mapping', Object.fromEntries(oidc.groupSync.mappings.map((m) => [m.idpGroup, m.platformGroups])));
  } else {
    const { saml } = connection;
    const m = saml.attributeMappings;
    if (m.name) configuration.claim_name = m.name;
    configuration.group_enabled = saml.groupSync.enabled;
    configuration.claim_groups = saml.groupSync.attribute;
    guess('entity_id', spEntityId);
    guess('idp_metadata', idpMetadataXml(saml));
    guess('require_signed_assertions', saml.requireSignedAssertions);
    guess('sign_requests', saml.signRequests);
    if (saml.signRequests && saml.signingCertificate) guess('public_key', saml.signingCertificate.pem);
    if (saml.signRequests && connection.hasPrivateKey) {
      guess('private_key', secrets.samlPrivateKeyPem ?? redacted('private_key'));
      if (!secrets.samlPrivateKeyPem) notes.push(`private_key is redacted: replace ${redacted('private_key')} with the PEM private key that signs requests (or export with --include-secrets).`);
    }
    for (const [field, name] of [['claim_user_id', m.userId], ['claim_email', m.email], ['claim_given_name', m.givenName], ['claim_family_name', m.familyName]] as const) {
      if (name) guess(field, name);
    }
    guess('group_case_sensitive', saml.groupSync.caseSensitive);
    guess('group_admins', saml.groupSync.adminGroups);
    if (saml.groupSync.mappings.length) guess('group_mapping', Object.fromEntries(saml.groupSync.mappings.map((m) => [m.idpGroup, m.platformGroups])));
    if (saml.encryptAssertions) notes.push('Assertions are encrypted to the workbench\'s SP encryption key; ClearML\'s docs name no decryption-key field, so none is exported.');
    notes.push('The public docs show this request for OIDC only; for SAML every field beyond display_name, claim_name, group_enabled and claim_groups is inferred.');
  }
  return { body: { provider: clearmlProviderKey(connection), company: '<company id>', configuration }, inferred, notes };
}
