import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { writeSamlPeerConfig } from '../peers/saml-peer-config.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { freePort } from '../support/free-port.js';

/**
 * Issue 5 from the UI: SAML test runs in Debian's Chromium against a REAL IdP, SimpleSAMLphp 1.19 on 127.0.0.1
 * (test/peers/saml-peer.ts). Connections are made with the CLI (`ssowb connections add saml --metadata <peer URL>`)
 * in the data directory `ssowb serve` uses (global setup); the peer is then told about the SP from the connection's
 * SP metadata (`ssowb connections sp-metadata`: entity ID, test ACS URL, signing certificate), as an admin would
 * import it. The console's Test button opens the IdP in a new tab; Chromium logs in there with SimpleSAMLphp's form;
 * the IdP POSTs to the loopback ACS; the console tab shows the report and the SAML tabs.
 * Unsigned AuthnRequest (alice), and a signed one (bob; key generated into the keychain by --sign-requests — the e2e
 * tier runs under scripts/with-keyring.mjs) to an IdP that validates request signatures.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const dataDir = process.env.SSOWB_E2E_DATA_DIR;
const run = randomBytes(3).toString('hex');
const unsignedName = `E2E SAML run ${run}`;
const signedName = `E2E SAML run signed ${run}`;
const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

test.use({ colorScheme: 'light', viewport: { width: 1360, height: 900 } });
test.describe.configure({ mode: 'serial' });

interface SamlView {
  id: string;
  name: string;
  testAcsUrl: string;
  spEntityId: string;
  hasPrivateKey: boolean;
  saml: { signRequests: boolean; signingCertificate?: { pem: string; fingerprintSha256: string }; idp: { entityId: string; certificates: { fingerprintSha256: string }[] } };
}

function ssowb(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir as string, ...args], { encoding: 'utf8', timeout: 30_000 });
}

function ssowbJson<T>(args: string[]): T {
  const result = ssowb(['--json', ...args]);
  expect(result.status, `ssowb ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** The SP as `ssowb connections sp-metadata` describes it for the IdP to import. */
function spMetadataOf(ref: string): { entityId: string; acsUrl: string; certificateBody: string | null; requestsSigned: boolean } {
  const result = ssowb(['connections', 'sp-metadata', ref]);
  expect(result.status, result.stderr).toBe(0);
  const xml = result.stdout;
  const entityId = /<md:EntityDescriptor\b[^>]*\bentityID="([^"]+)"/.exec(xml)?.[1];
  const acsUrl = /<md:AssertionConsumerService\b[^>]*\bLocation="([^"]+)"/.exec(xml)?.[1];
  expect(entityId, 'SP metadata entityID').toBeTruthy();
  expect(acsUrl, 'SP metadata ACS Location').toBeTruthy();
  return {
    entityId: entityId as string,
    acsUrl: acsUrl as string,
    certificateBody: /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)?.[1]?.replace(/\s+/g, '') ?? null,
    requestsSigned: /AuthnRequestsSigned="true"/.test(xml),
  };
}

/**
 * `ssowb connections add saml` from the peer's metadata URL, then the peer told about this SP (SimpleSAMLphp reads
 * its SP metadata per request, so the running peer — and the metadata URL the connection stored — stay as they are).
 */
async function samlConnection(peer: SamlPeer, name: string, options: { sign: boolean }): Promise<SamlView> {
  const spEntityId = `urn:sso-workbench:e2e:${run}:${options.sign ? 'signed' : 'unsigned'}`;
  const added = ssowbJson<SamlView>([
    'connections', 'add', 'saml',
    '--name', name,
    '--provider', 'custom',
    '--metadata', peer.metadataUrl,
    '--sp-entity-id', spEntityId,
    '--groups-attribute', 'memberOf', // SimpleSAMLphp's test users carry their groups in memberOf (authsources.php.tpl)
    ...(options.sign ? ['--sign-requests'] : []),
  ]);
  expect(added.spEntityId).toBe(spEntityId);
  expect(added.testAcsUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/saml/${added.id}/acs$`));
  expect(added.saml.idp.entityId).toBe(peer.entityId);
  expect(added.hasPrivateKey).toBe(options.sign);

  const sp = spMetadataOf(added.id);
  expect(sp).toMatchObject({ entityId: added.spEntityId, acsUrl: added.testAcsUrl, requestsSigned: options.sign });
  if (options.sign) expect(added.saml.signingCertificate?.pem.replace(/-----[A-Z ]+-----|\s+/g, '')).toBe(sp.certificateBody);
  else expect(sp.certificateBody).toBeNull();

  await writeSamlPeerConfig(peer.configDir, {
    port: peer.port,
    spEntityId: sp.entityId,
    acsUrl: sp.acsUrl,
    spCertificateBody: sp.certificateBody,
    validateAuthnRequest: options.sign, // the signed case: SimpleSAMLphp refuses AuthnRequests without a valid signature
    nameIdFormat: NAMEID_UNSPECIFIED,
    idpCertificatePem: peer.idpCertificatePem,
    idpPrivateKeyPem: peer.idpPrivateKeyPem,
  });
  return added;
}

/** The console's bridge, for what the CLI has no flag for (attribute mappings) and for the cleanup. */
async function bridge(api: APIRequestContext, operation: string, input: unknown): Promise<unknown> {
  const answer = await api.post(`/api/invoke/${operation}`, { data: input });
  const result = (await answer.json()) as { ok: boolean; value?: unknown; error?: unknown };
  expect(result.ok, `${operation}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.value;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/${name}.png`;
  // From the top: the console's header and navbar are fixed, so a full-page capture of a scrolled page misplaces them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/**
 * Clicks a Test button in the console, catches the IdP tab it opens, and logs in with SimpleSAMLphp's form
 * (`<user>` / `<user>pass`). Resolves when the IdP has POSTed to the loopback ACS and the tab shows the short result
 * page; the console tab is on the run screen by then. Returns the AuthnRequest URL the tab was opened with.
 */
async function testAndLogin(context: BrowserContext, console: Page, peer: SamlPeer, acsUrl: string, trigger: () => Promise<void>, user: string): Promise<URL> {
  const requests: string[] = [];
  const onRequest = (request: { url(): string }) => {
    if (request.url().startsWith(`${peer.ssoUrl}?`)) requests.push(request.url());
  };
  context.on('request', onRequest);
  try {
    const [idp] = await Promise.all([context.waitForEvent('page'), trigger()]);
    await expect(console).toHaveURL(/#\/runs\/[0-9a-f-]{36}$/);
    await expect(console.getByText('Log in at the identity provider in the tab that opened; this page updates when it answers.')).toBeVisible();
    await idp.locator('#username').fill(user);
    await idp.locator('#password').fill(`${user}pass`);
    await idp.locator('#submit_button').click();
    // SimpleSAMLphp answers with an auto-submitting HTTP-POST form to the ACS; the ACS answers a plain result page.
    await idp.waitForURL(acsUrl);
    await expect(idp.locator('body')).toContainText('Test finished — return to SSO Workbench');
    await expect(idp.locator('body')).toContainText('PASSED');
    await idp.close();
    expect(requests.length, 'AuthnRequests sent to the IdP SSO URL').toBeGreaterThan(0);
    return new URL(requests[0] as string);
  } finally {
    context.off('request', onRequest);
  }
}

test.describe('SAML claims viewer with SimpleSAMLphp', () => {
  let api: APIRequestContext | undefined;
  const peers: SamlPeer[] = [];
  let unsignedPeer: SamlPeer;
  let signedPeer: SamlPeer;
  let unsigned: SamlView;
  let signed: SamlView;

  test.beforeAll(async ({ playwright }) => {
    test.skip(!consoleUrl || !dataDir, 'SSOWB_E2E_URL and SSOWB_E2E_DATA_DIR are set by the e2e global setup (ssowb serve --json).');
    test.setTimeout(90_000);
    api = await playwright.request.newContext({
      baseURL: consoleUrl,
      storageState: 'test-results/e2e-storage-state.json',
      extraHTTPHeaders: { origin: new URL(consoleUrl as string).origin }, // the bridge takes state changes only from its own page
    });
    // The engine reads the test port when a run starts and puts it in testAcsUrl: set it before the connections.
    expect(ssowb(['config', 'set', 'test-port', String(await freePort())]).status).toBe(0);
    [unsignedPeer, signedPeer] = await Promise.all([startSamlPeer(), startSamlPeer()]);
    peers.push(unsignedPeer, signedPeer);
    unsigned = await samlConnection(unsignedPeer, unsignedName, { sign: false });
    signed = await samlConnection(signedPeer, signedName, { sign: true });
    // The Custom preset maps email/givenName/familyName to email/firstName/lastName; SimpleSAMLphp sends the LDAP
    // names. `connections add saml` has no mapping flags, so set them as the edit form would (connections.update).
    for (const view of [unsigned, signed]) {
      await bridge(api, 'connections.update', { id: view.id, saml: { attributeMappings: { email: 'mail', givenName: 'givenName', familyName: 'sn' } } });
    }
  });

  test.afterAll(async () => {
    // Leave the shared data directory as found (other specs never assume it empty, but console.spec starts from it).
    for (const view of [unsigned, signed]) {
      if (view) expect(ssowb(['connections', 'remove', view.id]).status, `remove ${view.name}`).toBe(0);
    }
    await api?.dispose();
    await Promise.all(peers.map((peer) => peer.stop()));
  });

  test('unsigned AuthnRequest: alice passes from the table row Test button; user, groups and every SAML tab', async ({ page, context }, testInfo) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });

    await page.goto(`${consoleUrl}#/connections`);
    const row = page.getByTestId('connection-row').filter({ has: page.getByText(unsignedName, { exact: true }) });
    await expect(row).toHaveCount(1);
    const authnRequest = await testAndLogin(context, page, unsignedPeer, unsigned.testAcsUrl, () => row.getByRole('button', { name: `Test ${unsignedName}` }).click(), 'alice');
    expect(authnRequest.searchParams.get('SAMLRequest')).toBeTruthy();
    expect(authnRequest.searchParams.has('Signature')).toBe(false);

    // Verdict, announced and green.
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('verdict')).toHaveText(/^Passed/);
    // The timeline shows SAML's steps only: the IdP POSTs to the ACS; there is no token exchange or userinfo.
    const timeline = page.getByTestId('step-timeline');
    await expect(timeline.locator('[data-step]')).toHaveCount(4);
    await expect(timeline.locator('[data-step="token"], [data-step="userinfo"]')).toHaveCount(0);
    await expect(timeline.locator('[data-step="callback"]')).toContainText('ACS');
    await expect(status.locator('[data-outcome="passed"]')).toBeVisible();

    // The mapped user and her groups (memberOf, multi-valued).
    const user = page.getByTestId('user-card');
    await expect(user.getByText('Success', { exact: true })).toBeVisible();
    await expect(user.getByText(`${unsignedName}: Custom`)).toBeVisible();
    await expect(user.getByTestId('user-id')).toHaveText('alice');
    await expect(user.getByTestId('user-name')).toHaveText('Alice Admin');
    await expect(user.getByTestId('user-email')).toHaveText('alice@example.test');
    const groups = page.getByTestId('groups');
    await expect(groups.getByText('sso-admins', { exact: true })).toBeVisible();
    await expect(groups.getByText('ml-engineers', { exact: true })).toBeVisible();
    await expect(groups.locator('.mantine-Badge-root')).toHaveCount(2);

    // The SAML checks, no failure; the request was not signed (skipped), the response signature was checked.
    await expect(page.locator('[data-check-id][data-status="fail"]')).toHaveCount(0);
    for (const id of ['saml.acs.received', 'saml.response.destination', 'saml.signature.valid', 'saml.assertion.in_response_to', 'saml.assertion.replay']) {
      await expect(page.locator(`[data-check-id="${id}"]`), id).toHaveAttribute('data-status', 'pass');
    }
    await expect(page.locator('[data-check-id="saml.request.signature"]')).toHaveAttribute('data-status', 'skip');
    for (const step of ['authorize', 'callback', 'validate', 'verdict']) {
      await expect(page.getByTestId('step-timeline').locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'ok');
    }

    // The SAML tabs, each with its content.
    const tabs = page.getByRole('region', { name: 'Protocol data' });
    await tabs.getByRole('tab', { name: 'Response XML' }).click();
    const xml = tabs.getByRole('figure').filter({ hasText: 'SAML Response XML' });
    await expect(xml).toContainText('✔ SIGNED Response');
    await expect(xml).toContainText('✔ SIGNED Assertion');
    await expect(xml).toContainText(`Destination="${unsigned.testAcsUrl}"`);
    await expect(xml).toContainText('alice@example.test');
    await screenshot(page, testInfo, 'saml-claims-viewer-xml');

    await tabs.getByRole('tab', { name: 'Conditions' }).click();
    const conditions = tabs.getByTestId('saml-conditions');
    await expect(conditions).toContainText('NotBefore');
    await expect(conditions).toContainText('NotOnOrAfter');
    await expect(conditions).toContainText('skew ±60 s');
    await expect(conditions.getByText('within', { exact: true })).toHaveCount(2);
    await expect(conditions.getByText(unsigned.spEntityId, { exact: true })).toBeVisible(); // the audience
    await expect(tabs).toContainText(unsignedPeer.entityId); // Issuer
    await expect(tabs).toContainText(unsigned.testAcsUrl); // Destination / Recipient

    await tabs.getByRole('tab', { name: 'Certificate used' }).click();
    const certificate = tabs.getByTestId('certificate-used');
    await expect(certificate).toContainText('CN=SSO Workbench test IdP');
    await expect(certificate).toContainText(unsigned.saml.idp.certificates[0]?.fingerprintSha256 as string);
    await expect(certificate.getByText('Valid', { exact: true })).toBeVisible();

    await tabs.getByRole('tab', { name: 'Attributes' }).click();
    const attributes = tabs.getByTestId('saml-attributes');
    await expect(attributes.locator('tbody tr')).not.toHaveCount(0);
    await expect(attributes.getByRole('row').filter({ has: page.getByText('mail', { exact: true }) })).toContainText('alice@example.test');
    const memberOf = attributes.getByRole('row').filter({ has: page.getByText('memberOf', { exact: true }) });
    await expect(memberOf).toContainText('sso-admins');
    await expect(memberOf).toContainText('ml-engineers');
    await expect(attributes.getByRole('row').filter({ has: page.getByText('$nameid', { exact: true }) })).toContainText('NameID');
    await screenshot(page, testInfo, 'saml-claims-viewer');

    expect(pageErrors).toEqual([]);
  });

  test('signed AuthnRequest (key in the keychain) to an IdP that validates it: bob passes from the test page', async ({ page, context }, testInfo) => {
    expect(signed.saml.signRequests).toBe(true);
    await page.goto(`${consoleUrl}#/connections/${signed.id}/test`);
    await expect(page.getByRole('heading', { level: 1, name: `Test ${signedName}` })).toBeVisible();
    await expect(page.getByText(signed.testAcsUrl, { exact: true })).toBeVisible();
    await expect(page.getByText(signed.spEntityId, { exact: true })).toBeVisible();
    const authnRequest = await testAndLogin(context, page, signedPeer, signed.testAcsUrl, () => page.getByRole('button', { name: `Test ${signedName}` }).click(), 'bob');
    expect(authnRequest.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(authnRequest.searchParams.get('Signature')).toBeTruthy();

    await expect(page.getByTestId('verdict')).toHaveText(/^Passed/);
    await expect(page.getByTestId('user-card').getByText('Success', { exact: true })).toBeVisible();
    await expect(page.getByTestId('user-id')).toHaveText('bob');
    await expect(page.getByTestId('user-email')).toHaveText('bob@example.test');
    const groups = page.getByTestId('groups');
    await expect(groups.getByText('viewers', { exact: true })).toBeVisible();
    await expect(groups.locator('.mantine-Badge-root')).toHaveCount(1);
    await expect(page.locator('[data-check-id][data-status="fail"]')).toHaveCount(0);
    await expect(page.locator('[data-check-id="saml.request.signature"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-check-id="saml.signature.valid"]')).toHaveAttribute('data-status', 'pass');

    const tabs = page.getByRole('region', { name: 'Protocol data' });
    await tabs.getByRole('tab', { name: 'Attributes' }).click();
    await expect(tabs.getByTestId('saml-attributes').getByRole('row').filter({ has: page.getByText('memberOf', { exact: true }) })).toContainText('viewers');
    await screenshot(page, testInfo, 'saml-claims-viewer-signed');

    // The IdP really checks: the same AuthnRequest without its signature is refused there (an error page, no form).
    const stripped = new URL(authnRequest);
    for (const name of ['Signature', 'SigAlg']) stripped.searchParams.delete(name);
    const refused = await context.newPage();
    await refused.goto(stripped.href);
    await expect(refused.locator('body')).toContainText(/no signature found on message/i);
    await expect(refused.locator('#username')).toHaveCount(0);
    await refused.close();
  });
});
