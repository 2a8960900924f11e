import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportFormats, type ExportOutput } from '../../main/contract/index.js';
import { bodyAfterHeader, sha256Hex } from '../../main/core/export/stamp.js';
import { CANARY_KEY, CANARY_SECRET, exportSetup } from '../support/export-fixtures.js';

const protocols = [
  ['oidc', 'Okta prod'],
  ['saml', 'ADFS'],
] as const;

async function exported(ref: string, format: string, includeSecrets = false): Promise<ExportOutput> {
  return exportSetup().call<ExportOutput>('connections.export', { ref, format, includeSecrets });
}

describe('export formats (golden files)', () => {
  for (const [protocol, ref] of protocols) {
    for (const format of exportFormats) {
      it(`${protocol} ${format} matches its golden file`, async () => {
        const { content } = await exported(ref, format);
        await expect(content).toMatchFileSnapshot(`./__golden__/export/${protocol}.${format}.txt`);
      });
    }
  }
});

describe('Arthur YAML', () => {
  it('OIDC: every documented key in its place, strings kept, openid first', async () => {
    const yaml = parse((await exported('Okta prod', 'arthur-yaml')).content);
    expect(yaml).toEqual({
      version: 'v2',
      kind: 'OIDC',
      config: {
        discoveryBaseURL: 'https://dev-1.okta.com/oauth2/default',
        flowType: 'PKCE',
        clientID: '0123',
        resourceID: '',
        authorizeScopes: ['openid', 'profile', 'email', 'groups'],
        accessTokenValidation: {
          type: 'JWT',
          claimMapping: { roles: 'cognito:groups', userID: 'sub', username: 'email', firstName: 'given_name', lastName: 'family_name', email: 'email' },
          audience: ['0123'],
          signatureAlgo: 'RS256',
        },
      },
    });
  });

  it('SAML: metadataXML keeps the certificate intact and the attributes map', async () => {
    const { content } = await exported('ADFS', 'arthur-yaml');
    expect(content).toMatch(/\n {2}metadataXML: \|/);
    const yaml = parse(content);
    expect(yaml.version).toBe('v1');
    expect(yaml.kind).toBe('SAML');
    expect(yaml.config.metadataXML).toContain('<ds:X509Certificate>FAKE|idp|2030-01-01T00:00:00.000Z|idp</ds:X509Certificate>');
    expect(yaml.config.metadataXML).toContain('entityID="http://adfs.example.com/adfs/services/trust"');
    expect(yaml.config.assertionAttributes).toEqual({
      roleAttribute: { name: 'groups', useAllAttributeValues: true },
      firstNameAttribute: { name: 'givenName' },
      lastNameAttribute: { name: 'surname' },
      emailAttribute: { name: 'emailAddress' },
    });
  });

  it('the header names the URLs Arthur fixes and the steps to apply', async () => {
    const oidc = (await exported('Okta prod', 'arthur-yaml')).content;
    expect(oidc).toContain('redirect (sign-in callback) URL: https://arthur.example.com/login/callback');
    expect(oidc).toContain('Deploy');
    const saml = (await exported('ADFS', 'arthur-yaml')).content;
    expect(saml).toContain('ACS (SSO) URL:      https://app.clearml.example.com/api/v3/saml/sso');
    expect(saml).toContain('SP entity ID:       https://app.clearml.example.com/api/v3/saml/sso');
  });
});

describe('validation stamp', () => {
  for (const format of exportFormats) {
    it(`${format} carries run id, time, outcome, protocol, checks, hash and version`, async () => {
      const { content, stamp } = await exported('Okta prod', format);
      expect(stamp).toMatchObject({ validated: true, runId: 'run-0001', at: '2026-11-23T09:00:00.000Z', outcome: 'passed', protocol: 'oidc', checksPassed: 17, checksWarned: 1, workbenchVersion: '0.0.0-test' });
      for (const value of ['run-0001', '2026-11-23T09:00:00.000Z', stamp.configSha256, '0.0.0-test']) expect(content).toContain(value);
    });
  }

  it('the YAML/env hash covers exactly the lines after the header', async () => {
    for (const format of ['arthur-yaml', 'clearml-env'] as const) {
      const { content, stamp } = await exported('ADFS', format);
      expect(sha256Hex(bodyAfterHeader(content))).toBe(stamp.configSha256);
      expect(content).toMatch(/# validation-checks: 17 passed, 1 warned/);
    }
  });

  it('the clearml-api hash covers the request body', async () => {
    const { content, stamp } = await exported('Okta prod', 'clearml-api');
    expect(sha256Hex(JSON.stringify(JSON.parse(content).body))).toBe(stamp.configSha256);
  });
});

describe('secrets', () => {
  for (const [, ref] of protocols) {
    for (const format of exportFormats) {
      it(`${ref} ${format}: no canary secret unless asked`, async () => {
        const { content, containsSecrets } = await exported(ref, format);
        expect(content).not.toContain(CANARY_SECRET);
        expect(content).not.toContain('canary-key-5be2');
        expect(containsSecrets).toBe(false);
      });
    }
  }

  it('redacted placeholders name the secret; --include-secrets puts the value in', async () => {
    const env = (await exported('Okta prod', 'clearml-env')).content;
    expect(env).toContain('CLEARML__secure__login__sso__oauth_client__okta__client_secret=REDACTED-client_secret');
    expect(env).toContain('client_secret is redacted: replace REDACTED-client_secret with the Client Secret of the IdP app');
    const withSecret = await exported('Okta prod', 'clearml-env', true);
    expect(withSecret.content).toContain(`oauth_client__okta__client_secret=${CANARY_SECRET}`);
    expect(withSecret.containsSecrets).toBe(true);
    const api = JSON.parse((await exported('ADFS', 'clearml-api', true)).content);
    expect(api.body.configuration.private_key).toBe(CANARY_KEY);
    expect(JSON.parse((await exported('ADFS', 'json', true)).content).secrets).toEqual({ samlPrivateKeyPem: CANARY_KEY });
  });
});

describe('ClearML formats', () => {
  it('env: the documented names for OIDC, inferred ones commented out', async () => {
    const env = (await exported('Okta prod', 'clearml-env')).content;
    for (const line of [
      'CLEARML__services__login__sso__oauth_client__okta__base_url=https://dev-1.okta.com/oauth2/default',
      'CLEARML__services__login__sso__oauth_client__okta__authorize_url=https://dev-1.okta.com/oauth2/default/v1/authorize',
      'CLEARML__services__login__sso__oauth_client__okta__access_token_url=https://dev-1.okta.com/oauth2/default/v1/token',
      'CLEARML__services__login__sso__oauth_client__okta__code_challenge_method=S256',
      'CLEARML__services__login__sso__oauth_client__okta__groups__claim=cognito:groups',
      `CLEARML__services__login__sso__oauth_client__okta__groups__admins='["sso-admins"]'`,
      'CLEARML__secure__login__sso__oauth_client__okta__client_id=0123',
      "# (inferred, not in ClearML's public docs) CLEARML__services__login__sso__oauth_client__okta__jwks_uri=https://dev-1.okta.com/oauth2/default/v1/keys",
    ]) {
      expect(env.split('\n')).toContain(line);
    }
    expect(env).toContain('redirect URI https://arthur.example.com/app/callback_okta');
  });

  it('env: SAML settings for microsoft_ad with the metadata to save', async () => {
    const env = (await exported('ADFS', 'clearml-env')).content.split('\n');
    expect(env).toContain('CLEARML__services__login__sso__saml_client__microsoft_ad__claims__email=emailAddress');
    expect(env).toContain('CLEARML__services__login__sso__saml_client__microsoft_ad__claims__surname=surname');
    expect(env).toContain('CLEARML__secure__login__sso__saml_client__microsoft_ad__entity_id=https://app.clearml.example.com/saml');
    expect(env).toContain('CLEARML__secure__login__sso__saml_client__microsoft_ad__idp_metadata_file=/opt/clearml/config/default/adfs-idp-metadata.xml');
  });

  it('api: the documented body, with every other field listed as inferred', async () => {
    const { header, body } = JSON.parse((await exported('Okta prod', 'clearml-api')).content);
    expect(body).toMatchObject({
      provider: 'okta',
      company: '<company id>',
      configuration: { id: '11111111-1111-4111-8111-111111111111', display_name: 'Okta prod', client_id: '0123', client_secret: 'REDACTED-client_secret', claim_groups: 'cognito:groups', group_enabled: true },
    });
    expect(header.endpoint).toBe('sso.save_provider_configuration');
    expect(header.inferred).toContain('configuration.jwks_uri');
    expect(header.inferred).not.toContain('configuration.client_id');
    for (const field of header.inferred as string[]) expect(body.configuration).toHaveProperty(field.replace('configuration.', ''));
  });
});
