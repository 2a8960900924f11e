import { createHash } from 'node:crypto';
import type { ConnectionCreateInput, Report, StoredConnection } from '../../contract/index.js';
import { connectionDocumentSchema } from '../../contract/schemas/connection.js';
import { AppError } from '../app-error.js';
import { settingsDigest, settingsOf } from '../connections/document.js';
import { splitCreateInput } from '../connections/handlers-crud.js';
import { secretAccounts } from '../connections/secrets.js';
import { recordTestOutcome } from '../connections/test-outcome.js';
import type { Ports } from '../ports/index.js';

/** What a draft run needs: the connection as it would be saved (in memory only) and its secret for this run. */
export interface DraftSubject {
  connection: StoredConnection;
  /** OIDC client secret or SAML signing key for this run; never written anywhere. */
  secret: string | undefined;
}

const hashOf = (secret: string | undefined) => (secret === undefined ? '' : createHash('sha256').update(secret).digest('hex'));

/**
 * The connection a draft describes, as `connections.create` would store it, without storing it. Its secret is the one
 * typed in the draft, else (Edit) the stored one of the connection with the same id, else a pending generated key.
 */
export async function draftSubject(ports: Ports, input: ConnectionCreateInput, newId: () => string): Promise<DraftSubject> {
  const { id = newId(), settings, secrets } = splitCreateInput(input);
  const existing = ports.store.connections.get(id) ?? null;
  const now = ports.clock.now().toISOString();
  let secret: string | undefined;
  if (settings.protocol === 'oidc') {
    secret = secrets.clientSecret ?? undefined;
    if (secret === undefined && secrets.clientSecret !== null && existing?.protocol === 'oidc' && existing.hasClientSecret) {
      secret = (await ports.secrets.get(secretAccounts.clientSecret(id))) ?? undefined;
    }
  } else if (settings.saml.signRequests) {
    secret = secrets.privateKeyPem ?? undefined;
    if (secret === undefined && secrets.pendingKeyId) secret = (await ports.secrets.get(secretAccounts.pendingKey(secrets.pendingKeyId))) ?? undefined;
    if (secret === undefined && existing?.protocol === 'saml' && existing.hasPrivateKey) secret = (await ports.secrets.get(secretAccounts.samlPrivateKey(id))) ?? undefined;
    if (secret === undefined) {
      throw new AppError('invalid_input', 'privateKeyPem: this draft signs AuthnRequests but has no private key yet.', {
        field: 'privateKeyPem',
        hint: 'Generate or paste the signing key pair in the draft first, or turn off "Sign requests" to test without signing.',
      });
    }
  }
  const flags = settings.protocol === 'oidc' ? { hasClientSecret: secret !== undefined } : { hasPrivateKey: secret !== undefined };
  const parsed = connectionDocumentSchema.safeParse({ ...settings, id, createdAt: existing?.createdAt ?? now, updatedAt: now, lastTest: null, validatedAt: null, lastPass: null, ...flags });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'draft';
    throw new AppError('invalid_input', `The draft cannot be tested yet: ${issue?.message ?? 'it is incomplete'}`, { field });
  }
  return { connection: parsed.data, secret };
}

interface DraftPass {
  runId: string;
  digest: string;
  secretHash: string;
  report: Report;
}

/**
 * Passing runs of drafts, in memory, by draft id. A save of exactly the tested draft (same settings, same secret)
 * adopts the pass as the connection's validation (`lastTest`, `validatedAt`, `lastPass`), so exports see it; a save of
 * anything else does not.
 */
export class DraftPasses {
  private readonly passes = new Map<string, DraftPass>();

  remember(runId: string, subject: DraftSubject, report: Report): void {
    if (report.outcome !== 'passed') {
      this.passes.delete(subject.connection.id);
      return;
    }
    this.passes.set(subject.connection.id, { runId, digest: settingsDigest(settingsOf(subject.connection)), secretHash: hashOf(subject.secret), report });
    if (this.passes.size > 50) this.passes.delete(this.passes.keys().next().value as string);
  }

  /** After a save: records the pass when the saved connection is exactly the tested draft. Returns whether it did. */
  async adopt(ports: Ports, connectionId: string): Promise<boolean> {
    const pass = this.passes.get(connectionId);
    const saved = ports.store.connections.get(connectionId);
    if (!pass || !saved) return false;
    if (settingsDigest(settingsOf(saved)) !== pass.digest) return false;
    const account = saved.protocol === 'oidc' ? (saved.hasClientSecret ? secretAccounts.clientSecret(saved.id) : null) : saved.hasPrivateKey && saved.saml.signRequests ? secretAccounts.samlPrivateKey(saved.id) : null;
    const stored = account ? ((await ports.secrets.get(account)) ?? undefined) : undefined;
    if (hashOf(stored) !== pass.secretHash) return false;
    this.passes.delete(connectionId);
    const checks = pass.report.checks;
    // The validation is dated at the save, which is when exactly these settings came into force.
    recordTestOutcome(ports.store, connectionId, { at: ports.clock.now().toISOString(), outcome: 'passed', source: 'live' }, {
      runId: pass.runId,
      checksPassed: checks.filter((c) => c.status === 'pass').length,
      checksWarned: checks.filter((c) => c.status === 'warn').length,
    });
    return true;
  }
}
