import { describe, expect, it } from 'vitest';
import { defaultSpEntityId, productionCallbackUrl, productionSpEntityId, testAcsUrl, testRedirectUri } from '../../main/core/connections/urls.js';

const subject = (over: Partial<Parameters<typeof productionCallbackUrl>[0]>) => ({
  protocol: 'oidc' as const,
  provider: 'okta',
  platform: 'clearml' as const,
  webappUrl: 'https://app.clearml.example.com',
  ...over,
});

describe('connection URLs', () => {
  it('ClearML OIDC callback: <webapp>/callback_<provider key>, no double slash', () => {
    expect(productionCallbackUrl(subject({}))).toBe('https://app.clearml.example.com/callback_okta');
    expect(productionCallbackUrl(subject({ webappUrl: 'https://app.clearml.example.com/' }))).toBe('https://app.clearml.example.com/callback_okta');
    expect(productionCallbackUrl(subject({ webappUrl: 'https://x.example.com/clearml//' , provider: 'keycloak' }))).toBe('https://x.example.com/clearml/callback_keycloak');
    expect(productionCallbackUrl(subject({ provider: 'azure' }))).toBe('https://app.clearml.example.com/callback_azure_ad');
    expect(productionCallbackUrl(subject({ provider: 'microsoft-ad' }))).toBe('https://app.clearml.example.com/callback_ad_oauth');
  });

  it('ClearML SAML ACS: the documented callback per provider', () => {
    expect(productionCallbackUrl(subject({ protocol: 'saml', provider: 'microsoft-ad', webappUrl: 'https://c.example.com/' }))).toBe('https://c.example.com/callback_microsoft_ad');
    expect(productionCallbackUrl(subject({ protocol: 'saml', provider: 'custom' }))).toBe('https://app.clearml.example.com/callback_saml_custom');
  });

  it('Arthur: fixed paths on the host, for both protocols', () => {
    const arthur = { platform: 'arthur' as const, webappUrl: 'https://arthur.example.com/some/path/' };
    expect(productionCallbackUrl(subject(arthur))).toBe('https://arthur.example.com/login/callback');
    expect(productionCallbackUrl(subject({ ...arthur, protocol: 'saml', provider: 'duo' }))).toBe('https://arthur.example.com/api/v3/saml/sso');
    expect(productionSpEntityId(subject({ ...arthur, protocol: 'saml' }), 'ignored')).toBe('https://arthur.example.com/api/v3/saml/sso');
  });

  it('no production URL until the webapp URL is set', () => {
    expect(productionCallbackUrl(subject({ webappUrl: undefined }))).toBeNull();
  });

  it('loopback test URLs carry the configured port and the connection id', () => {
    expect(testRedirectUri(8765, 'abc')).toBe('http://127.0.0.1:8765/oidc/abc/callback');
    expect(testAcsUrl(9100, 'abc')).toBe('http://127.0.0.1:9100/saml/abc/acs');
    expect(defaultSpEntityId(9100, 'abc')).toBe('http://127.0.0.1:9100/saml/abc');
  });
});
