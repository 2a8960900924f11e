import { randomUUID } from 'node:crypto';
import type { Report, TestStartOutput } from '../../../contract/index.js';
import { AppError } from '../../app-error.js';
import { secretAccounts } from '../../connections/secrets.js';
import type { HandlerContext } from '../../handlers/types.js';
import type { LoopbackReply, LoopbackRequest } from '../../ports/index.js';
import { createReplayCache } from '../../saml/replay-cache.js';
import type { AbandonReason, Run, RunRegistry } from '../registry.js';
import { createRoleResolver } from '../resolution.js';
import { StepTimeline } from '../steps.js';
import { completeSamlRun, peekResponse, relayStateCheck, replayedResponseCheck, type RelayMatch } from './acs.js';
import { abandonedSamlReport, type SamlRunContext } from './early-reports.js';
import { inspectSamlResponse } from './inspect.js';
import { completeIdpInitiatedRun } from './idp-initiated.js';
import { readSettings } from '../../handlers/settings-handlers.js';
import { acsMethodPage, finishedPage, missingResponsePage, postFormGonePage, postFormPage, refusedResponsePage, replayedPage, unknownResponsePage } from './pages.js';
import { noRefusals, recordRefusal } from '../refused-callbacks.js';
import { prepareSamlRun, samlSubjectOf, type SamlConnection, type SamlRunSecret } from './start.js';

/** Bounds on what the ACS remembers about past runs (enough for a session of tests; memory stays flat). */
const MAX_REMEMBERED = 200;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as K);
}

export interface StartedSamlRun {
  run: Run<SamlRunContext>;
  abandon: (reason: AbandonReason) => Report;
  output: TestStartOutput;
}

/**
 * The SAML side of the run service: builds AuthnRequests, serves each connection's ACS
 * (`/saml/<id>/acs` = testAcsUrl) on the shared loopback listener, and inspects pasted Responses. Runs live in the
 * service's protocol-neutral registry, keyed by RelayState; the engine-wide replay cache outlives every run.
 */
export class SamlRuns {
  readonly replayCache = createReplayCache();
  private readonly routes = new Map<string, () => void>();
  /** AuthnRequest ID → RelayState: an IdP that drops RelayState is still matched by the Response's InResponseTo. */
  private readonly keyByRequestId = new Map<string, string>();
  /** Run id → secret of finished runs, so a re-POSTed Response is refused with the check that refuses it. */
  private readonly finished = new Map<string, SamlRunSecret>();

  constructor(
    private readonly context: HandlerContext,
    private readonly registry: RunRegistry<unknown>,
    /** Registers a run with the service (History, lastTest and events follow its end), for IdP-initiated runs. */
    private readonly track?: (run: Run<SamlRunContext>, abandon: (reason: AbandonReason) => Report) => void,
  ) {}

  private get ports() {
    return this.context.ports;
  }

  private timeline(runId: string, connectionId: string): StepTimeline {
    return new StepTimeline(this.ports.clock, (payload) => this.context.events.emit({ name: 'onTestRunProgress', payload }), { runId, connectionId });
  }

  /** The request-signing key from the keychain (keychain errors pass through typed); undefined when not signing. */
  async signingKeyOf(connection: SamlConnection): Promise<string | undefined> {
    if (!connection.saml.signRequests) return undefined;
    const key = await this.ports.secrets.get(secretAccounts.samlPrivateKey(connection.id));
    if (key !== null) return key;
    throw new AppError('invalid_input', `privateKeyPem: "${connection.displayName}" signs AuthnRequests but no private key is stored in the keychain.`, {
      field: 'privateKeyPem',
      hint: 'Generate a new key pair for the connection (then give the IdP the new SP metadata: ssowb connections sp-metadata), paste the private key again, or turn off signRequests.',
    });
  }

  /**
   * The SP encryption key from the keychain when the connection asks for encrypted assertions (read per Response,
   * used, dropped); undefined otherwise or when it is missing (the report then says how to fix it).
   */
  private async encryptionKeyOf(connectionId: string, encryptAssertions: boolean): Promise<string | undefined> {
    if (!encryptAssertions) return undefined;
    return (await this.ports.secrets.get(secretAccounts.samlEncryptionKey(connectionId))) ?? undefined;
  }

  async start(connection: SamlConnection, testPort: number, timeoutSeconds: number, privateKeyPem: string | undefined, forceAuthn = false): Promise<StartedSamlRun> {
    const startedAt = this.ports.clock.now();
    const prepared = await prepareSamlRun(samlSubjectOf(connection, testPort, createRoleResolver(this.ports.store, connection)), privateKeyPem, startedAt, forceAuthn);
    this.ensureRoute(connection.id);
    const runId = randomUUID();
    const runContext: SamlRunContext = { protocol: 'saml', secret: prepared.secret, timeline: this.timeline(runId, connection.id), clock: this.ports.clock, startedAt, timeoutSeconds, refused: noRefusals() };
    const run: Run<SamlRunContext> = {
      id: runId,
      connectionId: connection.id,
      protocol: 'saml',
      key: prepared.secret.relayState,
      startedAt,
      expiresAt: new Date(startedAt.getTime() + timeoutSeconds * 1000),
      status: 'waiting',
      secret: runContext,
    };
    remember(this.keyByRequestId, prepared.secret.requestId, prepared.secret.relayState);
    const output = { runId, authorizeUrl: prepared.authorizeUrl, redirectUri: prepared.secret.subject.acsUrl, expiresAt: run.expiresAt.toISOString() };
    return { run, abandon: (reason) => abandonedSamlReport(runContext, reason), output };
  }

  async inspect(connection: SamlConnection, testPort: number, samlResponse: string, runId: string): Promise<Report> {
    const decryptionKeyPem = await this.encryptionKeyOf(connection.id, connection.saml.encryptAssertions);
    return inspectSamlResponse({ subject: samlSubjectOf(connection, testPort, createRoleResolver(this.ports.store, connection)), samlResponse, clock: this.ports.clock, timeline: this.timeline(runId, connection.id), decryptionKeyPem });
  }

  close(): void {
    for (const remove of this.routes.values()) remove();
    this.routes.clear();
  }

  private ensureRoute(connectionId: string): void {
    if (this.routes.has(connectionId) || !this.ports.loopback) return;
    const removeAcs = this.ports.loopback.route(`/saml/${connectionId}/acs`, (request) => this.onAcs(connectionId, request));
    const removePost = this.ports.loopback.route(`/saml/${connectionId}/post`, async (request) => this.onPostForm(connectionId, request));
    this.routes.set(connectionId, () => {
      removeAcs();
      removePost();
    });
  }

  /**
   * An unsolicited Response while the ACS listens (the IdP's own "Test" button): a run of its own, recorded in
   * History like any live run. Every check but InResponseTo applies; the replay cache is the engine's.
   */
  private async onIdpInitiated(connectionId: string, samlResponse: string, relayState: string | undefined): Promise<LoopbackReply> {
    const connection = this.ports.store.connections.get(connectionId);
    if (!connection || connection.protocol !== 'saml' || !this.track) return unknownResponsePage();
    const { testPort } = readSettings(this.ports.store);
    const subject = samlSubjectOf(connection, testPort, createRoleResolver(this.ports.store, connection));
    const startedAt = this.ports.clock.now();
    const runId = randomUUID();
    const timeline = this.timeline(runId, connectionId);
    // A run record so History, lastTest and onTestRunFinished treat it like any live run; its key is never issued.
    const runContext: SamlRunContext = {
      protocol: 'saml',
      secret: { subject, requestId: '', relayState: randomUUID(), issuedAt: startedAt.toISOString(), signed: false, binding: 'HTTP-Redirect', preChecks: [], startedPerf: performance.now() },
      timeline,
      clock: this.ports.clock,
      startedAt,
      timeoutSeconds: 1,
      refused: noRefusals(),
    };
    const run: Run<SamlRunContext> = { id: runId, connectionId, protocol: 'saml', key: runContext.secret.relayState, startedAt, expiresAt: new Date(startedAt.getTime() + 60_000), status: 'waiting', secret: runContext };
    this.track(run, (reason) => abandonedSamlReport(runContext, reason));
    let report: Report;
    try {
      const decryptionKeyPem = await this.encryptionKeyOf(connectionId, connection.saml.encryptAssertions);
      report = await completeIdpInitiatedRun(subject, samlResponse, relayState, { clock: this.ports.clock, replayCache: this.replayCache, timeline, decryptionKeyPem });
    } catch (error) {
      this.ports.log.log('error', 'IdP-initiated SAML run failed unexpectedly', { runId, error: String((error as Error)?.stack ?? error) });
      report = abandonedSamlReport(runContext, 'internal');
    }
    this.registry.finish(runId, report.outcome, report);
    return finishedPage(report);
  }

  /**
   * The HTTP-POST binding's start page (the run's authorize URL when the IdP offers only POST): served once per run,
   * then forgotten, so a reloaded tab cannot send the same AuthnRequest twice.
   */
  private onPostForm(connectionId: string, request: LoopbackRequest): LoopbackReply {
    const token = request.query.run;
    const run = token ? this.registry.waitingFor(connectionId).find((r) => (r.secret as SamlRunContext).secret.postForm?.token === token) : undefined;
    const secret = run ? (run.secret as SamlRunContext).secret : undefined;
    const form = secret?.postForm;
    if (!secret || !form) return postFormGonePage();
    delete secret.postForm;
    return postFormPage(form.action, form.fields);
  }

  /**
   * Which run a POST belongs to: its RelayState, else its InResponseTo. A Response that answers no request of ours
   * (no InResponseTo) and matches no RelayState is an IdP-initiated login. Anything else belongs to no run: `refused`
   * says why (it is never matched to a waiting run by elimination, so a forged POST cannot end the admin's test).
   */
  private claim(connectionId: string, relayState: string | undefined, samlResponse: string) {
    const byRelay = this.registry.claim(connectionId, relayState);
    if (byRelay.kind !== 'unknown') return { claim: byRelay, match: 'relay_state' as RelayMatch };
    const { inResponseTo, isResponse } = peekResponse(samlResponse);
    const key = inResponseTo === undefined ? undefined : this.keyByRequestId.get(inResponseTo);
    const byRequest = this.registry.claim(connectionId, key);
    if (byRequest.kind !== 'unknown') return { claim: byRequest, match: 'in_response_to' as RelayMatch };
    if (isResponse && inResponseTo === undefined && this.track) return { claim: byRequest, match: 'idp_initiated' as const };
    const relay = relayState === undefined ? 'without RelayState' : 'with a RelayState this run never sent';
    const refused = !isResponse
      ? `a POST ${relay} carried no readable samlp:Response`
      : inResponseTo === undefined
        ? `an unsolicited Response (no InResponseTo) ${relay}`
        : `a Response ${relay} answered an AuthnRequest this run never sent (InResponseTo does not match)`;
    return { claim: byRequest, match: 'relay_state' as RelayMatch, refused };
  }

  /** Notes a refused POST on every waiting SAML run of the connection; each keeps waiting for the genuine Response. */
  private refuse(connectionId: string, reason: string): LoopbackReply {
    const waiting = this.registry.waitingFor(connectionId).filter((run) => run.protocol === 'saml' && run.secret);
    for (const run of waiting) {
      const context = run.secret as SamlRunContext;
      recordRefusal(context.refused, `${reason}; refused, nothing was validated or kept.`, this.ports.clock, context.timeline);
    }
    this.ports.log.log('warn', 'a SAML Response at the ACS was refused', { connectionId, reason });
    return waiting.length ? refusedResponsePage() : unknownResponsePage();
  }

  /** The ACS of one connection (SAML Bindings §3.5: HTTP-POST, form fields SAMLResponse and RelayState). */
  private async onAcs(connectionId: string, request: LoopbackRequest): Promise<LoopbackReply> {
    if (request.method !== 'POST') return acsMethodPage();
    const samlResponse = request.form.SAMLResponse;
    if (!samlResponse) return missingResponsePage();
    const relayState = request.form.RelayState || undefined;
    const { claim, match, refused } = this.claim(connectionId, relayState, samlResponse);
    if (match === 'idp_initiated') return this.onIdpInitiated(connectionId, samlResponse, relayState);
    if (claim.kind === 'unknown') return this.refuse(connectionId, refused ?? 'a Response matched no run');
    if (claim.kind === 'used') {
      const secret = this.finished.get(claim.runId);
      if (!secret) return unknownResponsePage();
      const decryptionKeyPem = await this.encryptionKeyOf(connectionId, secret.subject.settings.encryptAssertions);
      const check = await replayedResponseCheck(secret, samlResponse, { clock: this.ports.clock, replayCache: this.replayCache, decryptionKeyPem });
      this.ports.log.log('warn', 'a SAML Response for a finished test run was refused', { runId: claim.runId, check: check.id });
      return replayedPage(check);
    }
    const { run } = claim;
    const context = run.secret as SamlRunContext;
    let report: Report;
    try {
      report = await completeSamlRun(run.startedAt, context.secret, samlResponse, relayStateCheck(match, relayState), {
        clock: this.ports.clock,
        replayCache: this.replayCache,
        timeline: context.timeline,
        decryptionKeyPem: await this.encryptionKeyOf(connectionId, context.secret.subject.settings.encryptAssertions),
      });
    } catch (error) {
      this.ports.log.log('error', 'SAML test run failed unexpectedly', { runId: run.id, error: String((error as Error)?.stack ?? error) });
      report = abandonedSamlReport(context, 'internal');
    }
    remember(this.finished, run.id, context.secret);
    this.registry.finish(run.id, report.outcome, report);
    return finishedPage(report);
  }
}
