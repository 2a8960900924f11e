import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan, PushRecord } from '../../main/contract/index.js';
import { startFakeArthur, type FakeArthur } from '../support/fake-arthur.js';
import { createPushEngine, seedRoles, type PushEngine } from '../support/push-engine.js';

// Plan and push against a strict fake of Arthur's custom_roles API (headers, bodies, faults on demand).
describe('push to a strict fake Arthur', () => {
  let arthur: FakeArthur;
  let wb: PushEngine;
  const token = 'arthur-admin-token-0123456789';

  beforeEach(async () => {
    arthur = await startFakeArthur({ token, organizations: [{ id: 'org-1', name: 'Research' }, { id: 'org-2', name: 'Production' }] });
    wb = await createPushEngine();
    await seedRoles(wb.call);
    await wb.call('targets.add', { name: 'arthur-prod', url: arthur.url, token });
  });
  afterEach(async () => {
    await wb.close();
    await arthur.stop();
  });

  const actions = (plan: Plan) => Object.fromEntries(plan.changes.map((c) => [c.role, c.action]));
  const plan = (input: Record<string, unknown> = {}) => wb.call<Plan>('targets.plan', { ref: 'arthur-prod', ...input });
  const push = (input: Record<string, unknown> = {}) => wb.call<PushRecord>('targets.push', { ref: 'arthur-prod', ...input });

  it('first push creates every org role (parents first), keeps global roles out, and a second plan is all keep', async () => {
    const first = await plan();
    expect(actions(first)).toEqual({ 'research-readers': 'create', 'research-owners': 'create', 'prod-admins': 'create' });
    expect(first.globalRoles).toEqual(['idp-admins']);
    expect(first.notes.join(' ')).toMatch(/global-yaml/);

    const result = await push({ digest: first.digest });
    expect(result.outcome).toBe('succeeded');
    expect(result.results.every((r) => r.state === 'done')).toBe(true);
    expect([...(arthur.roles.get('org-1')?.keys() ?? [])]).toEqual(['research-readers', 'research-owners']);
    expect(arthur.roles.get('org-2')?.get('prod-admins')).toEqual({ role_name: 'prod-admins', permissions: [], inherited_role_names: ['Administrator'] });
    expect(arthur.protocolErrors).toEqual([]);
    expect(arthur.requests.every((r) => r.authorization === `Bearer ${token}` && r.org !== undefined)).toBe(true);
    expect(wb.progress.filter((p) => p.state === 'done').map((p) => p.role).sort()).toEqual(['prod-admins', 'research-owners', 'research-readers']);

    const second = await plan();
    expect(second.changes.every((c) => c.action === 'keep')).toBe(true);
    const again = await push();
    expect(again.outcome).toBe('nothing_to_do');
    expect(arthur.requests.filter((r) => r.method !== 'GET')).toHaveLength(2);
    const history = await wb.call<Array<{ id: string; outcome: string }>>('pushes.list', {});
    expect(history.map((h) => h.outcome)).toEqual(['nothing_to_do', 'succeeded']);
    const audit = await wb.call<Array<{ action: string; detail: Record<string, unknown> }>>('audit.list', {});
    expect(audit.find((a) => a.action === 'targets.push')?.detail).toMatchObject({ outcome: 'nothing_to_do', plan: { counts: { keep: 3 } } });
  });

  it('a rename is a create plus a remote-only role kept, or deleted when asked; a changed role is replaced (DELETE then POST)', async () => {
    await push();
    const readers = await wb.call<{ id: string }>('roles.get', { ref: 'research-readers' });
    await wb.call('roles.update', { id: readers.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'research-viewers', permissions: [{ resource: 'model', action: 'read' }] } });
    const kept = await plan({ organization: 'Research' });
    expect(actions(kept)).toEqual({ 'research-viewers': 'create', 'research-owners': 'replace', 'research-readers': 'keep' });
    expect(kept.changes.find((c) => c.role === 'research-readers')?.remoteOnly).toBe(true);
    expect(kept.changes.find((c) => c.role === 'research-owners')?.reason).toMatch(/DELETE .* then POST/);

    const result = await push({ organization: 'Research', deleteUnknown: true });
    expect(result.outcome).toBe('succeeded');
    expect(Object.fromEntries(result.results.map((r) => [r.role, r.action]))).toEqual({ 'research-viewers': 'create', 'research-owners': 'replace', 'research-readers': 'delete' });
    expect([...(arthur.roles.get('org-1')?.keys() ?? [])].sort()).toEqual(['research-owners', 'research-viewers']);
    expect(arthur.roles.get('org-1')?.get('research-owners')?.inherited_role_names).toEqual(['research-viewers']);
    expect(arthur.protocolErrors).toEqual([]);
  });

  it('a 500 mid-batch, then 429 with Retry-After, recover by re-reading: nothing created twice', async () => {
    arthur.faults.POST = [{ kind: 'status', status: 500 }, { kind: 'status', status: 429, retryAfter: '2' }];
    const result = await push();
    expect(result.outcome).toBe('succeeded');
    // Organizations go in name order: Production's POST met both faults; Research's went through at once.
    expect(Object.fromEntries(result.results.map((r) => [r.role, r.attempts]))).toEqual({ 'prod-admins': 3, 'research-readers': 1, 'research-owners': 1 });
    expect(arthur.roles.get('org-2')?.size).toBe(1);
    expect(wb.sleeps).toEqual([250, 2000]);
    expect(arthur.protocolErrors).toEqual([]);
    expect(wb.progress.some((p) => p.state === 'retrying')).toBe(true);
  });

  it('a response lost after the server applied it is resolved by re-reading, never by re-sending', async () => {
    arthur.faults.POST = [{ kind: 'drop-after-apply' }];
    const result = await push({ organization: 'org-1' });
    expect(result.outcome).toBe('succeeded');
    expect(arthur.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(arthur.protocolErrors).toEqual([]); // no 409: nothing was sent twice
    expect([...(arthur.roles.get('org-1')?.keys() ?? [])]).toEqual(['research-readers', 'research-owners']);
  });

  it('401 stops the push at once: no retry, every role failed or not sent, exit reason asks for a new token', async () => {
    arthur.token = 'rotated';
    const planError = await wb.fail('targets.plan', { ref: 'arthur-prod' });
    expect(planError).toMatchObject({ code: 'forbidden' });
    expect(planError.hint).toMatch(/new token/);
    arthur.token = token;
    arthur.faults.POST = [{ kind: 'status', status: 401 }];
    const result = await push();
    expect(result.outcome).toBe('failed');
    expect(result.counts.done).toBe(0);
    expect(result.results.filter((r) => r.state === 'failed').length).toBeGreaterThan(0);
    expect(result.results.every((r) => /401|token/.test(r.message))).toBe(true);
    expect(wb.sleeps).toEqual([]);
    expect(arthur.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a redirect to another host is not followed with the token', async () => {
    const elsewhere = await startFakeArthur({ token: 'other', organizations: [{ id: 'org-1', name: 'Research' }] });
    try {
      arthur.always = { kind: 'redirect', location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/api/v3/authorization/custom_roles` };
      const error = await wb.fail('targets.plan', { ref: 'arthur-prod' });
      expect(error.message).toMatch(/another origin/);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('check names a refused token and lists the organizations for a good one', async () => {
    const good = await wb.call<{ ok: boolean; organizations: Array<{ id: string }> }>('targets.check', { ref: 'arthur-prod' });
    expect(good.ok).toBe(true);
    expect(good.organizations.map((o) => o.id)).toEqual(['org-1', 'org-2']);
    arthur.token = 'rotated';
    const bad = await wb.call<{ ok: boolean; checks: Array<{ id: string; status: string }> }>('targets.check', { ref: 'arthur-prod' });
    expect(bad.ok).toBe(false);
    expect(bad.checks.find((c) => c.id === 'target.token')?.status).toBe('fail');
  });
});
