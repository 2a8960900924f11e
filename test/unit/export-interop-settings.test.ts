import { describe, expect, it } from 'vitest';
import type { ExportOutput } from '../../main/contract/index.js';
import { exportSetup, OIDC_ID, SAML_ID } from '../support/export-fixtures.js';

// Issue 12's settings in the platform formats: ClearML 3.24 takes extra authorization parameters and group mappings
// but its docs name no key, so they are exported marked inferred (commented out in the env file, listed in the API
// body's `inferred`); Arthur's YAML has no place for them, so a header note says they were not carried.
async function withInteropSettings() {
  const setup = exportSetup();
  const oidc = await setup.call('connections.update', {
    id: OIDC_ID,
    oidc: { authParams: { domain_hint: 'corp.example', prompt: 'select_account' }, groupSync: { mappings: [{ idpGroup: 'ml', platformGroups: ['Admins', 'Users'] }] } },
  });
  await setup.call('connections.update', { id: SAML_ID, saml: { encryptAssertions: true, groupSync: { mappings: [{ idpGroup: 'ml', platformGroups: ['Admins'] }] } } });
  const exported = (ref: string, format: string) => setup.call<ExportOutput>('connections.export', { ref, format, force: true });
  return { oidc, exported };
}

describe('extra parameters, group mappings and encryption in the exports', () => {
  it('clearml-env: parameters and mappings as inferred (commented-out) lines', async () => {
    const { exported } = await withInteropSettings();
    const lines = (await exported(OIDC_ID, 'clearml-env')).content.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^# \(inferred, not in ClearML's public docs\) CLEARML__services__login__sso__oauth_client__\w+__authorize_params__domain_hint=corp\.example$/));
    expect(lines).toContainEqual(expect.stringMatching(/authorize_params__prompt=select_account$/));
    expect(lines).toContainEqual(expect.stringMatching(/^# \(inferred.*groups__mapping='\{"ml":\["Admins","Users"\]\}'$/));
    const saml = (await exported(SAML_ID, 'clearml-env')).content;
    expect(saml).toMatch(/groups__mapping='\{"ml":\["Admins"\]\}'/);
    expect(saml).toMatch(/Assertions are encrypted to the workbench's SP encryption key/);
  });

  it('clearml-api: parameters and mappings in the body, listed as inferred', async () => {
    const { exported } = await withInteropSettings();
    const body = JSON.parse((await exported(OIDC_ID, 'clearml-api')).content.replace(/^(#.*\n)*/, ''));
    const text = JSON.stringify(body);
    expect(text).toContain('"authorization_params":{"domain_hint":"corp.example","prompt":"select_account"}');
    expect(text).toContain('"group_mapping":{"ml":["Admins","Users"]}');
    expect(text).toMatch(/"inferred":\[[^\]]*"configuration\.authorization_params"[^\]]*"configuration\.group_mapping"/);
  });

  it('arthur-yaml: not carried, and the header says so', async () => {
    const { exported } = await withInteropSettings();
    const oidc = (await exported(OIDC_ID, 'arthur-yaml')).content;
    expect(oidc).toMatch(/Not carried: the extra authorization parameters \(domain_hint, prompt\)/);
    expect(oidc).not.toContain('corp.example');
    expect((await exported(SAML_ID, 'arthur-yaml')).content).toMatch(/Not carried: assertion encryption/);
  });

  it('the native JSON backup round-trips them', async () => {
    const { exported } = await withInteropSettings();
    const file = JSON.parse((await exported(OIDC_ID, 'json')).content);
    expect(file.connection.oidc.authParams).toEqual({ domain_hint: 'corp.example', prompt: 'select_account' });
    expect(file.connection.oidc.groupSync.mappings).toEqual([{ idpGroup: 'ml', platformGroups: ['Admins', 'Users'] }]);
  });
});
