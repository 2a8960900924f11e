import { randomBytes, randomUUID } from 'node:crypto';
import type { RehearsalStatus, StoredTarget, TargetView } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import type { HandlerContext } from '../handlers/types.js';
import { LoopbackError, type RunningApiServer } from '../ports/index.js';
import { SecretStoreError } from '../ports/secret-store.js';
import { JwksCache } from '../test-runs/oidc/jwks.js';
import { targetTokenAccount, toTargetView } from '../targets/target-store.js';
import { createArthurApi } from './arthur-api.js';

/** Keychain item of the rehearsal engine's admin token, so the rehearsal target keeps working across restarts. */
export const REHEARSAL_TOKEN_ACCOUNT = 'rehearsal:admin-token';
export const REHEARSAL_TARGET_NAME = 'Local rehearsal';

/**
 * The loopback rehearsal engine of this process: started once (by `ssowb engine`, `ssowb serve`, the desktop app, or
 * the one-click "local rehearsal target"), serving the Arthur-compatible API through the ApiServer port.
 */
export class RehearsalService {
  private server: RunningApiServer | undefined;
  private starting: Promise<RehearsalStatus> | undefined;
  private adminToken: string | undefined;
  private readonly sessions = new Map<string, { organizationId: string; expiresAt: number }>();
  private readonly jwks: JwksCache;

  constructor(private readonly context: HandlerContext) {
    this.jwks = new JwksCache(context.ports.http);
  }

  status(): RehearsalStatus {
    return this.server ? { running: true, url: this.server.url, port: this.server.port } : { running: false, url: null, port: null };
  }

  start(options: { port?: number | undefined; adminToken?: string | undefined }): Promise<RehearsalStatus> {
    if (this.server) return Promise.resolve(this.status());
    this.starting ??= this.doStart(options).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(options: { port?: number | undefined; adminToken?: string | undefined }): Promise<RehearsalStatus> {
    const { ports } = this.context;
    if (!ports.apiServer) throw new AppError('internal', 'The rehearsal engine cannot run in this runtime.');
    this.adminToken = await this.tokenFor(options.adminToken);
    try {
      this.server = await ports.apiServer.listen(options.port ?? 0, createArthurApi({ ports, adminToken: this.adminToken, jwks: this.jwks, sessions: this.sessions }));
    } catch (error) {
      if (error instanceof LoopbackError) throw new AppError('invalid_input', `port: the rehearsal engine could not listen on ${error.message}`, { field: 'port', hint: 'Pick another port, or 0 for a free one.' });
      throw error;
    }
    this.followPort();
    return this.status();
  }

  /** The given token (remembered in the keychain), else the keychain's, else a new one; ephemeral if the keychain is out. */
  private async tokenFor(given: string | undefined): Promise<string> {
    const { secrets, log } = this.context.ports;
    try {
      if (given) {
        await secrets.set(REHEARSAL_TOKEN_ACCOUNT, given);
        return given;
      }
      const stored = await secrets.get(REHEARSAL_TOKEN_ACCOUNT);
      if (stored) return stored;
      const fresh = randomBytes(32).toString('base64url');
      await secrets.set(REHEARSAL_TOKEN_ACCOUNT, fresh);
      return fresh;
    } catch (error) {
      if (!(error instanceof SecretStoreError)) throw error;
      log.log('warn', 'rehearsal engine: keychain unavailable, the admin token lives only in memory', { reason: error.message });
      return given ?? randomBytes(32).toString('base64url');
    }
  }

  /** The rehearsal target's URL follows the engine's port (it may change between launches). */
  private followPort(): void {
    const { store, clock } = this.context.ports;
    const url = this.server?.url;
    if (!url) return;
    for (const target of store.targets.list().filter((t) => t.rehearsal && t.url !== url)) {
      store.targets.put({ ...target, url, updatedAt: clock.now().toISOString(), lastCheck: null });
    }
  }

  async stop(): Promise<RehearsalStatus> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
    return this.status();
  }

  /**
   * One click: the engine runs, the workbench's organizations exist on it (as an admin would create them on the
   * platform), and a target "Local rehearsal" points at it with its admin token in the keychain.
   */
  async addTarget(): Promise<TargetView> {
    const { ports, audit } = this.context;
    const status = await this.start({});
    const token = this.adminToken as string;
    const now = ports.clock.now().toISOString();
    const existing = ports.store.targets.list().find((t) => t.rehearsal);
    const target: StoredTarget = existing
      ? { ...existing, url: status.url as string, hasToken: true, updatedAt: now, lastCheck: null }
      : { id: randomUUID(), name: this.freeName(), url: status.url as string, kind: 'arthur', hasToken: true, caBundle: null, rehearsal: true, createdAt: now, updatedAt: now, lastCheck: null };
    await ports.secrets.set(targetTokenAccount(target.id), token);
    const copied: string[] = [];
    ports.store.transaction(() => {
      for (const org of ports.store.organizations.list()) {
        if (ports.store.rehearsal.organizations.get(org.id)) continue;
        // An organization of that name created on the engine itself (POST /organizations) keeps its own id.
        if (ports.store.rehearsal.organizations.findByName(org.name)) continue;
        ports.store.rehearsal.organizations.put({ ...org });
        copied.push(org.name);
      }
      ports.store.targets.put(target);
      audit.record(existing ? 'targets.update' : 'targets.add', target.id, { name: target.name, url: target.url, rehearsal: true, organizationsCopied: copied });
    });
    return toTargetView(target);
  }

  private freeName(): string {
    const repo = this.context.ports.store.targets;
    for (let n = 1; ; n++) {
      const name = n === 1 ? REHEARSAL_TARGET_NAME : `${REHEARSAL_TARGET_NAME} ${n}`;
      if (!repo.findByName(name)) return name;
    }
  }
}
