import { randomUUID } from 'node:crypto';
import type { ConnectionCreateInput, Report, StoredConnection, TestRunStatus, TestStartOutput } from '../../contract/index.js';
import { DraftPasses, draftSubject, type DraftSubject } from './drafts.js';
import { preflight } from './preflight.js';
import { AppError } from '../app-error.js';
import { requireConnection } from '../connections/lookup.js';
import { secretAccounts } from '../connections/secrets.js';
import { productionCallbackUrl, testRedirectUri } from '../connections/urls.js';
import type { HandlerContext } from '../handlers/types.js';
import { readSettings } from '../handlers/settings-handlers.js';
import { LoopbackError, type LoopbackReply, type LoopbackRequest, type Store } from '../ports/index.js';
import { recordRun } from './history.js';
import { createRoleResolver } from './resolution.js';
import { completeOidcRun } from './oidc/callback.js';
import { abandonedReport, stateFailureReport, type EarlyContext } from './oidc/early-reports.js';
import { noRefusals, recordRefusal } from './refused-callbacks.js';
import { inspectOidcToken } from './oidc/inspect.js';
import { JwksCache } from './oidc/jwks.js';
import { prepareOidcRun, readIssAdvertised } from './oidc/start.js';
import type { OidcSubject } from './oidc/verdict.js';
import { methodPage, replayPage, reportPage, unknownStatePage } from './pages.js';
import { RunRegistry, type AbandonReason, type Run } from './registry.js';
import type { SamlRunContext } from './saml/early-reports.js';
import { SamlRuns } from './saml/runs.js';
import { StepTimeline } from './steps.js';

type OidcConnection = StoredConnection & { protocol: 'oidc' };
/** What a waiting run holds; `Run.protocol` says which (OIDC callbacks only ever claim OIDC runs, and SAML ACS POSTs SAML runs). */
type RunContext = EarlyContext | SamlRunContext;
/** What `tests.inspect` takes: exactly one of them. */
export type InspectInput = { idToken?: string | undefined; accessToken?: string | undefined; samlResponse?: string | undefined };

const subjectOf = (c: OidcConnection, store: Store): OidcSubject => ({
  id: c.id,
  name: c.displayName,
  provider: c.provider,
  platform: c.platform,
  settings: structuredClone(c.oidc),
  roles: createRoleResolver(store, c),
});

/**
 * Live test runs and offline inspection (protocol-neutral parts in this directory, OIDC in ./oidc, SAML in ./saml).
 * Owns the run registry, the warm JWKS cache and the loopback routes; one listener on the configured test port serves
 * every run, one path per connection (`/oidc/<id>/callback` = testRedirectUri, `/saml/<id>/acs` = testAcsUrl).
 */
export class TestRunService {
  readonly registry = new RunRegistry<RunContext>();
  private readonly jwks: JwksCache;
  private readonly routes = new Map<string, () => void>();
  private readonly issAdvertised = new Map<string, boolean>();
  private readonly recordings = new Map<string, Promise<void>>();
  private readonly saml: SamlRuns;
  private readonly drafts = new DraftPasses();

  constructor(private readonly context: HandlerContext) {
    this.jwks = new JwksCache(context.ports.http);
    this.saml = new SamlRuns(context, this.registry, (run, abandon) => this.track(run, abandon));
  }

  private get ports() {
    return this.context.ports;
  }

  async start(ref: string, timeoutSeconds: number, forceLogin = false): Promise<TestStartOutput> {
    const connection = requireConnection(this.ports.store.connections, ref);
    // The keychain is read before the port is bound: its errors come first.
    const secret = connection.protocol === 'saml' ? await this.saml.signingKeyOf(connection) : await this.clientSecretOf(connection, true);
    return this.startRun(connection, secret, timeoutSeconds, forceLogin);
  }

  /** A run of a draft (wizard or unsaved edit): its secret for this run only; a pass is kept for the save to adopt. */
  async startDraft(input: ConnectionCreateInput, timeoutSeconds: number, forceLogin: boolean): Promise<TestStartOutput> {
    const subject = await draftSubject(this.ports, input, randomUUID);
    const { connection, secret } = subject;
    if (connection.protocol === 'oidc' && connection.oidc.tokenEndpointAuthMethod !== 'none' && secret === undefined) {
      throw new AppError('invalid_input', `clientSecret: enter the client secret to test this draft (it authenticates with ${connection.oidc.tokenEndpointAuthMethod}).`, {
        field: 'clientSecret',
        hint: 'The secret is used for this test run only and stored in the OS keychain when you save.',
      });
    }
    const output = await this.startRun(connection, secret, timeoutSeconds, forceLogin, subject);
    return output;
  }

  /** After a save: a passing run of exactly the saved draft becomes the connection's validation. */
  adoptDraftPass(connectionId: string): Promise<boolean> {
    return this.drafts.adopt(this.ports, connectionId);
  }

  private async startRun(connection: StoredConnection, secret: string | undefined, timeoutSeconds: number, forceLogin: boolean, draft?: DraftSubject): Promise<TestStartOutput> {
    await preflight(this.ports.http, connection, this.ports.loopback ? readSettings(this.ports.store).testPort : undefined);
    if (connection.protocol === 'saml') {
      const started = await this.saml.start(connection, await this.listen(), timeoutSeconds, secret, forceLogin);
      this.track(started.run, started.abandon, draft);
      return { ...started.output, connectionId: connection.id };
    }
    const testPort = await this.listen();
    this.ensureRoute(connection.id);
    const subject = subjectOf(connection, this.ports.store);
    const issuer = subject.settings.issuer;
    if (issuer && !this.issAdvertised.has(issuer)) this.issAdvertised.set(issuer, await readIssAdvertised(this.ports.http, issuer));
    const startedAt = this.ports.clock.now();
    const prepared = await prepareOidcRun({
      subject,
      clientSecret: secret,
      redirectUris: { test: testRedirectUri(testPort, connection.id), production: productionCallbackUrl(connection) },
      http: this.ports.http,
      jwks: this.jwks,
      clockSkewSeconds: Math.round((startedAt.getTime() - Date.now()) / 1000),
      issAdvertised: issuer ? (this.issAdvertised.get(issuer) ?? false) : false,
      forceLogin,
    });
    const runId = randomUUID();
    const timeline = new StepTimeline(this.ports.clock, (payload) => this.context.events.emit({ name: 'onTestRunProgress', payload }), { runId, connectionId: connection.id });
    const runContext: EarlyContext = { secret: prepared.secret, timeline, clock: this.ports.clock, startedAt, timeoutSeconds, refused: noRefusals() };
    const run: Run<RunContext> = {
      id: runId,
      connectionId: connection.id,
      protocol: 'oidc',
      key: prepared.secret.state,
      startedAt,
      expiresAt: new Date(startedAt.getTime() + timeoutSeconds * 1000),
      status: 'waiting',
      secret: runContext,
    };
    this.track(run, (reason) => abandonedReport(runContext, reason), draft);
    return { runId, authorizeUrl: prepared.authorizeUrl, redirectUri: prepared.secret.redirectUris.test, expiresAt: run.expiresAt.toISOString(), connectionId: connection.id };
  }

  /** Binds the configured test port on 127.0.0.1 (a no-op when already bound) and returns it. */
  private async listen(): Promise<number> {
    const loopback = this.ports.loopback;
    if (!loopback) throw new AppError('internal', 'This runtime has no loopback listener, so live test runs cannot receive the IdP callback.');
    const { testPort } = readSettings(this.ports.store);
    try {
      await loopback.listen(testPort);
    } catch (error) {
      if (!(error instanceof LoopbackError)) throw error;
      throw new AppError('conflict', `The test port ${testPort} on 127.0.0.1 cannot be used: ${error.message}`, {
        field: 'testPort',
        hint: `Close the program using port ${testPort} (another SSO Workbench?), or pick another test port in Settings (CLI: ssowb config set test-port N) and register the new test redirect URI / ACS URL at the IdP.`,
      });
    }
    return testPort;
  }

  /** Registers a waiting run of either protocol: History, lastTest and onTestRunFinished follow its end alike. */
  private track(run: Run<RunContext>, abandon: (reason: AbandonReason) => Report, draft?: DraftSubject): void {
    this.registry.add(run, (reason) => (reason === 'cancelled' ? { ...abandon(reason), cancelled: true } : abandon(reason)));
    void this.registry.wait(run.id)?.then((report) => {
      if (draft) this.drafts.remember(run.id, draft, report);
      this.onFinished(run, report, draft !== undefined);
    });
    this.context.events.emit({ name: 'onTestRunProgress', payload: { runId: run.id, connectionId: run.connectionId, step: 'authorize', status: 'started', at: run.startedAt.toISOString() } });
  }

  async inspect(ref: string, input: InspectInput): Promise<Report> {
    const runId = randomUUID();
    return this.recordInspect(runId, await this.evaluate(ref, input, runId));
  }

  /**
   * The inspect pipeline without History: the same checks, mapping and resolution on a pasted token or Response. The
   * access simulator decides from this report (an unverifiable token is still decided, and says its checks failed).
   */
  async evaluate(ref: string, input: InspectInput, runId: string = randomUUID()): Promise<Report> {
    const connection = requireConnection(this.ports.store.connections, ref);
    const { samlResponse, ...tokens } = input;
    if ((connection.protocol === 'saml') !== (samlResponse !== undefined)) {
      const what = connection.protocol === 'saml' ? 'a SAML connection: inspect a SAML Response (samlResponse), not a token' : 'an OIDC connection: inspect an ID or access token, not a SAML Response';
      throw new AppError('invalid_input', `ref: "${connection.displayName}" is ${what}.`, { field: 'ref' });
    }
    if (connection.protocol === 'saml') {
      return this.saml.inspect(connection, readSettings(this.ports.store).testPort, samlResponse as string, runId);
    }
    const timeline = new StepTimeline(this.ports.clock, (payload) => this.context.events.emit({ name: 'onTestRunProgress', payload }), { runId, connectionId: connection.id });
    // The keychain is only needed to verify HS* tokens (keyed by the client secret); otherwise inspect stays offline.
    const hmac = connection.oidc.allowedSigningAlgs.some((alg) => alg.startsWith('HS'));
    const clientSecret = hmac ? await this.clientSecretOf(connection, false) : undefined;
    return inspectOidcToken({ subject: subjectOf(connection, this.ports.store), ...tokens, clientSecret, jwks: this.jwks, clock: this.ports.clock, timeline });
  }

  private recordInspect(runId: string, report: Report): Report {
    recordRun(this.ports.store, runId, report);
    this.context.events.emit({ name: 'onTestRunFinished', payload: { runId, connectionId: report.connection.id, status: report.outcome, report } });
    return report;
  }

  /** Stops every waiting run (their `tests.wait` resolve with a cancelled report), lets pending History writes land, removes the routes. */
  async close(): Promise<void> {
    this.registry.close();
    this.saml.close();
    for (const remove of this.routes.values()) remove();
    this.routes.clear();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.all(this.recordings.values());
  }

  private async clientSecretOf(connection: OidcConnection, required: boolean): Promise<string | undefined> {
    if (connection.oidc.tokenEndpointAuthMethod === 'none' && required) return undefined;
    const secret = connection.hasClientSecret ? await this.ports.secrets.get(secretAccounts.clientSecret(connection.id)) : null;
    if (secret === null && required) {
      throw new AppError('invalid_input', `"${connection.displayName}" authenticates with ${connection.oidc.tokenEndpointAuthMethod}, but no client secret is stored in the keychain.`, {
        field: 'clientSecret',
        hint: 'Enter the client secret in the connection’s Edit dialog (CLI: ssowb connections update with --client-secret-env), or choose "none" as client authentication for a public client.',
      });
    }
    return secret ?? undefined;
  }

  private ensureRoute(connectionId: string): void {
    if (this.routes.has(connectionId) || !this.ports.loopback) return;
    const remove = this.ports.loopback.route(`/oidc/${connectionId}/callback`, (request) => this.onCallback(connectionId, request));
    this.routes.set(connectionId, remove);
  }

  /** The OIDC redirect URI of one connection: match the state to a waiting run, process it, answer the tab. */
  private async onCallback(connectionId: string, request: LoopbackRequest): Promise<LoopbackReply> {
    if (request.method !== 'GET') return methodPage();
    const state = request.query.state;
    const claim = this.registry.claim(connectionId, state);
    if (claim.kind === 'run') {
      const { run } = claim;
      const context = run.secret as EarlyContext;
      let report: Report;
      try {
        report = await completeOidcRun(run.startedAt, context.secret, request.query, { http: this.ports.http, jwks: this.jwks, clock: this.ports.clock, timeline: context.timeline });
      } catch (error) {
        this.ports.log.log('error', 'test run failed unexpectedly', { runId: run.id, error: String((error as Error)?.stack ?? error) });
        report = stateFailureReport(context, 'The callback could not be processed (internal error; details are in the log).', 'Run the test again; if it repeats, report the log line.');
      }
      this.registry.finish(run.id, report.outcome, report);
      return reportPage(report);
    }
    // Not a run of ours: refuse it, and note it on every waiting run of this connection, which keeps waiting for the
    // genuine callback (a forged request must not end a live test); a run that then times out names what was refused.
    const reason =
      claim.kind === 'used'
        ? 'a callback reused the state of an earlier login (a replay, or a reloaded tab)'
        : state
          ? 'a callback carried a state this run never sent (RFC 6749 §10.12)'
          : 'a callback carried no state';
    for (const run of this.registry.waitingFor(connectionId)) {
      if (run.protocol !== 'oidc' || !run.secret) continue;
      const waiting = run.secret as EarlyContext;
      recordRefusal(waiting.refused, `${reason}; refused, no code was exchanged.`, this.ports.clock, waiting.timeline);
    }
    this.ports.log.log('warn', 'a test-run callback was refused', { connectionId, reason });
    return claim.kind === 'used' ? replayPage() : unknownStatePage(!state);
  }

  /**
   * History and `lastTest` are written just after the browser tab is answered (storage, an fsync with SQLite, is not
   * on the path from callback to report), then `onTestRunFinished` announces the run; `tests.wait` waits for both.
   */
  private onFinished(run: Run<RunContext>, report: Report, draft: boolean): void {
    const done = new Promise<void>((resolve) =>
      setImmediate(() => {
        try {
          // A draft's run goes to History; the saved connection's last test changes only when exactly this draft is saved.
          recordRun(this.ports.store, run.id, report, { connectionOutcome: !draft });
        } catch (error) {
          this.ports.log.log('error', 'could not record the test run', { runId: run.id, error: String((error as Error)?.message ?? error) });
        }
        this.recordings.delete(run.id);
        this.context.events.emit({ name: 'onTestRunFinished', payload: { runId: run.id, connectionId: run.connectionId, status: run.status as TestRunStatus, report } });
        resolve();
      }),
    );
    this.recordings.set(run.id, done);
  }

  /** Resolves once a finished run is recorded and announced. */
  async settled(runId: string): Promise<void> {
    await this.recordings.get(runId);
  }
}
