import { describe, expect, it } from 'vitest';
import type { Check, Report } from '../../main/contract/index.js';
import { HttpError } from '../../main/core/ports/index.js';
import { CheckList } from '../../main/core/test-runs/checks.js';
import { callbackErrorHint, issuerHint, redirectHint, timeoutHint, tokenErrorHint } from '../../main/core/test-runs/oidc/hints.js';
import { describeOpenidError } from '../../main/core/test-runs/oidc/openid-errors.js';
import { reportPage } from '../../main/core/test-runs/pages.js';
import { RunRegistry, type Run } from '../../main/core/test-runs/registry.js';
import { buildReport } from '../../main/core/test-runs/report.js';

const uris = { test: 'http://127.0.0.1:8765/oidc/abc/callback', production: 'https://app.clearml.example.com/callback_okta' };
const mapped = { user: { userId: 'alice', email: 'a@x.test', name: null, givenName: null, familyName: null, picture: null }, groups: ['g'] };
const reportWith = (checks: Check[]): Report =>
  buildReport({ connection: { id: 'c', name: 'Okta', protocol: 'oidc' }, source: 'live', at: 't', checks, claims: { sub: 'alice' }, claimOrigins: { sub: 'id_token' }, mapped, details: {}, steps: [] });

describe('report builder', () => {
  it('a pass accepts the mapped user and groups; resolution waits for roles', () => {
    const report = reportWith([{ id: 'oidc.id_token.iss', status: 'pass', message: 'ok', hint: '' }]);
    expect(report).toMatchObject({ outcome: 'passed', user: mapped.user, groups: ['g'], resolution: { denied: false, unmatchedGroups: ['g'], roles: [] } });
  });

  it('any failed check: no user, no groups, denied naming the check, the candidate kept for diagnosis', () => {
    const report = reportWith([
      { id: 'oidc.id_token.signature', status: 'fail', message: 'bad', hint: 'h' },
      { id: 'mapping.email', status: 'warn', message: 'w', hint: 'h' },
      { id: 'oidc.id_token.exp', status: 'fail', message: 'old', hint: 'h' },
    ]);
    expect(report.outcome).toBe('failed');
    expect(Object.values(report.user).every((v) => v === null)).toBe(true);
    expect(report.groups).toEqual([]);
    expect(report.resolution).toMatchObject({ denied: true, reason: 'Login refused: oidc.id_token.signature failed (and 1 more failed check(s)). bad' });
    expect(report.details.candidate).toMatchObject({ accepted: false, user: { userId: 'alice' } });
  });

  it('the tab names the failed checks as text', () => {
    const page = reportPage(reportWith([{ id: 'oidc.callback.error', status: 'fail', message: 'access_denied <b>x</b>', hint: 'assign the user' }]));
    expect(page).toMatchObject({ status: 200, title: 'SSO Workbench: test failed' });
    expect(page.text).toContain('✗ oidc.callback.error: access_denied <b>x</b>\n  Fix: assign the user');
  });
});

describe('check list', () => {
  it('keeps one check per id; a worse status wins, never the reverse; ids never evaluated are skipped', () => {
    const checks = new CheckList();
    checks.pass('a', 'fine');
    checks.fail('a', 'broken', 'fix it');
    checks.pass('a', 'fine again');
    checks.warn('b', 'hm', 'look');
    expect(checks.list(['a', 'c', 'b'], 'Not reached.')).toEqual([
      { id: 'a', status: 'fail', message: 'broken', hint: 'fix it' },
      { id: 'c', status: 'skip', message: 'Not reached.', hint: '' },
      { id: 'b', status: 'warn', message: 'hm', hint: 'look' },
    ]);
  });
});

describe('run registry', () => {
  const report = reportWith([]);
  const run = (id: string, key: string, connectionId = 'c1', timeoutMs = 60_000): Run<{ secret: string }> => ({
    id, connectionId, protocol: 'oidc', key, startedAt: new Date(0), expiresAt: new Date(timeoutMs), status: 'waiting', secret: { secret: 'verifier' },
  });

  it('a state is single-use, bound to its connection, and recognised when reused', () => {
    const registry = new RunRegistry<{ secret: string }>();
    registry.add(run('r1', 'state-1'), () => report);
    expect(registry.claim('c2', 'state-1')).toEqual({ kind: 'unknown' });
    expect(registry.claim('c1', undefined)).toEqual({ kind: 'unknown' });
    expect(registry.claim('c1', 'state-1')).toMatchObject({ kind: 'run', run: { id: 'r1', status: 'processing' } });
    expect(registry.claim('c1', 'state-1')).toEqual({ kind: 'used', runId: 'r1' });
    registry.finish('r1', 'passed', report);
    expect(registry.get('r1')).toMatchObject({ status: 'passed', secret: undefined });
    expect(registry.finish('r1', 'failed', report)).toBe(false);
    registry.close();
  });

  it('a run ends at its deadline with the abandon report; wait resolves (no sleep: a zero timeout)', async () => {
    const registry = new RunRegistry<{ secret: string }>();
    registry.add(run('r2', 'state-2', 'c1', 0), (reason) => ({ ...report, details: { reason } }));
    expect(await registry.wait('r2')).toMatchObject({ details: { reason: 'expired' } });
    expect(registry.get('r2')?.status).toBe('expired');
    expect(registry.claim('c1', 'state-2')).toEqual({ kind: 'used', runId: 'r2' });
  });
});

describe('openid-client errors map to the check they are about', () => {
  const ope = (message: string, code: string, cause: Record<string, unknown> = {}) => Object.assign(new Error('wrapped'), { code, cause: Object.assign(new Error(message), { code, cause }) });
  it.each([
    [ope('unexpected JWT "aud" (audience) claim value', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { claim: 'aud' }), 'oidc.id_token.aud'],
    [ope('ID Token "aud" (audience) claim includes additional untrusted audiences', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { claim: 'aud' }), 'oidc.id_token.azp'],
    [ope('unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', { claim: 'exp' }), 'oidc.id_token.exp'],
    [ope('JWT "iat" (issued at) claim missing', 'OAUTH_INVALID_RESPONSE'), 'oidc.id_token.iat'],
    [ope('unexpected JWT "alg" header parameter', 'OAUTH_INVALID_RESPONSE'), 'oidc.id_token.alg'],
    [ope('error when selecting a JWT verification key, no applicable keys found', 'OAUTH_KEY_SELECTION_FAILED'), 'oidc.id_token.signature'],
    [ope('unexpected ID Token "nonce" claim value', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { claim: 'nonce' }), 'oidc.id_token.nonce'],
    [ope('unexpected "iss" (issuer) response parameter value', 'OAUTH_INVALID_RESPONSE'), 'oidc.callback.iss'],
    [ope('something else entirely', 'OAUTH_PARSE_ERROR'), 'oidc.token.exchange'],
  ])('%#', (error, id) => {
    expect(describeOpenidError(error).checkId).toBe(id);
  });

  it('an OAuth error body and a network failure are exchange failures, worded', () => {
    const body = Object.assign(new Error('server responded with an error in the response body'), { error: 'invalid_grant', error_description: 'code expired', status: 400 });
    expect(describeOpenidError(body)).toMatchObject({ checkId: 'oidc.token.exchange', message: 'The token endpoint answered invalid_grant (HTTP 400): code expired', oauth: { error: 'invalid_grant' } });
    const network = Object.assign(new Error('something went wrong'), { cause: new HttpError('timeout', 'No complete answer from idp.example.com within 15000 ms.') });
    expect(describeOpenidError(network)).toMatchObject({ checkId: 'oidc.token.exchange', message: 'No complete answer from idp.example.com within 15000 ms.' });
  });
});

describe('hints', () => {
  it('redirect problems show both the test and the production redirect URI', () => {
    expect(redirectHint(uris)).toContain(uris.test);
    expect(redirectHint(uris)).toContain(uris.production);
    expect(callbackErrorHint('invalid_request', 'The redirect_uri is not registered', uris, [])).toContain(uris.production);
    expect(tokenErrorHint('invalid_grant', 'redirect_uri mismatch', uris, 'client_secret_basic')).toContain(uris.test);
    expect(timeoutHint(300, { test: uris.test, production: null })).toMatch(/No callback arrived within 300 s.*register the test redirect URI/);
  });

  it('issuer hints tell a trailing slash from another tenant from another IdP', () => {
    expect(issuerHint('https://a.example/x', 'https://a.example/x/')).toMatch(/trailing slash/);
    expect(issuerHint('https://login.example/tenant-a/v2.0', 'https://login.example/tenant-b/v2.0')).toMatch(/another tenant/);
    expect(issuerHint('https://a.example', 'https://b.example')).toMatch(/set the issuer to "https:\/\/b.example"/);
  });

  it('token errors point at the client authentication method or the code', () => {
    expect(tokenErrorHint('invalid_client', '', uris, 'client_secret_post')).toMatch(/client_secret_post/);
    expect(tokenErrorHint('invalid_grant', '', uris, 'none')).toMatch(/expired|already used/);
    expect(callbackErrorHint('invalid_scope', '', uris, ['openid', 'groups'])).toContain('openid groups');
  });
});
