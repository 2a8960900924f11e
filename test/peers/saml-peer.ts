/**
 * A real SAML 2.0 IdP (SimpleSAMLphp 1.19 from Debian) on 127.0.0.1 for integration and browser tests.
 *
 *   const idp = await startSamlPeer({ spEntityId: 'urn:wb:sp', acsUrl: 'http://127.0.0.1:8719/saml/acs' });
 *   … idp.metadataUrl, idp.idpCertificatePem … users alice/alicepass, bob/bobpass, carol/carolpass
 *   await idp.stop();
 *
 * Each start writes a private config dir (mkdtemp), a fresh IdP key + certificate, and runs `php -S` in its own
 * process group so stop() can end the server and all its workers at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { certificateBody } from '../../main/core/idp/x509.js';
import { checkSamlPeerPrerequisites, SSP_WWW, writeSamlPeerConfig } from './saml-peer-config.js';
import { freeLoopbackPort, waitForHttp } from './process-tools.js';

export interface SamlPeerOptions {
  /** Default: a free ephemeral port. */
  port?: number;
  /** Default 'urn:sso-workbench:test-sp'. */
  spEntityId?: string;
  /** Where the IdP POSTs the Response. Default http://127.0.0.1:8719/saml/acs (tests usually pass their own). */
  acsUrl?: string;
  /** The SP's signing certificate, so the IdP can check signed AuthnRequests. */
  spCertificatePem?: string;
  /** Reject AuthnRequests that are not signed by spCertificatePem. Default false. */
  validateAuthnRequest?: boolean;
  /** NameID format used when the request does not ask for one the IdP can supply. Default unspecified (uid). */
  nameIdFormat?: string;
  /** Reuse a key pair (e.g. to test certificate rollover); default: a new RSA-2048 pair per start. */
  idpCertificatePem?: string;
  idpPrivateKeyPem?: string;
}

export interface SamlPeer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  metadataUrl: string;
  /** SimpleSAMLphp uses the metadata URL as the entity ID. */
  entityId: string;
  ssoUrl: string;
  idpCertificatePem: string;
  idpPrivateKeyPem: string;
  port: number;
  /** Where config.php, the keys and simplesamlphp.log live while the peer runs (removed by stop()). */
  configDir: string;
  /** Last lines printed by php -S (request log, PHP errors), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

/**
 * php -S under a small sh watchdog, all in one new process group. The watchdog holds a pipe from this process on
 * fd 3: when this process dies in any way (crash, SIGKILL of a test worker, Ctrl-C), the pipe closes and the
 * watchdog removes the config dir and ends the group, so no php server (or private key) outlives its test run.
 * When php exits by itself (port already in use, bad config), the shell ends the group too, so the caller sees the
 * exit at once.
 */
const WATCHDOG = [
  'exec 3<&0',
  // No opcache: the built-in server caches compiled PHP and rechecks a file's time only every 2 s (in whole seconds),
  // so metadata rewritten between two test cases could be served stale ("Metadata not found" for the new SP).
  'php -d opcache.enable=0 -S "$1" -t "$2" </dev/null 3<&- &',
  'php_pid=$!',
  '( read _ <&3; rm -rf "$3"; kill -TERM 0 ) &',
  'exec 3<&-',
  'wait "$php_pid"; status=$?',
  "trap '' TERM; kill -TERM 0; exit $status",
].join('\n');

function startPhp(port: number, configDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn('sh', ['-c', WATCHDOG, 'ssowb-saml-peer', `127.0.0.1:${port}`, SSP_WWW, configDir], {
    cwd: SSP_WWW,
    env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: join(configDir, 'config'), PHP_CLI_SERVER_WORKERS: '4' },
    detached: true, // its own process group: stop() signals the server and its workers together
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.stdin?.on('error', () => undefined); // EPIPE once the group is gone
  return { child, output: () => tail };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  // Workers share the group; make sure none outlives the parent.
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // none left
  }
}

export async function startSamlPeer(options: SamlPeerOptions = {}): Promise<SamlPeer> {
  checkSamlPeerPrerequisites();
  const configDir = await mkdtemp(join(tmpdir(), 'ssowb-saml-peer-'));
  try {
    let idpCertificatePem = options.idpCertificatePem;
    let idpPrivateKeyPem = options.idpPrivateKeyPem;
    if (!idpCertificatePem || !idpPrivateKeyPem) {
      const pair = await generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'SSO Workbench test IdP', validityDays: 365, now: new Date() });
      idpCertificatePem = pair.certificatePem;
      idpPrivateKeyPem = pair.privateKeyPem;
    }
    // An ephemeral port is chosen before php starts (config.php needs it); if another process grabs it in between,
    // php exits with "Address already in use" and we try another one.
    for (let attempt = 1; ; attempt++) {
      const port = options.port || (await freeLoopbackPort()); // 0 means ephemeral, as for the OIDC peer
      const baseUrl = `http://127.0.0.1:${port}`;
      await writeSamlPeerConfig(configDir, {
        port,
        spEntityId: options.spEntityId ?? 'urn:sso-workbench:test-sp',
        acsUrl: options.acsUrl ?? 'http://127.0.0.1:8719/saml/acs',
        spCertificateBody: options.spCertificatePem ? certificateBody(options.spCertificatePem) : null,
        validateAuthnRequest: options.validateAuthnRequest ?? false,
        nameIdFormat: options.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        idpCertificatePem,
        idpPrivateKeyPem,
      });
      const metadataUrl = `${baseUrl}/saml2/idp/metadata.php`;
      const { child, output } = startPhp(port, configDir);
      const exitOnCrash = () => killGroup(child, 'SIGKILL');
      process.once('exit', exitOnCrash);
      try {
        await waitForHttp(metadataUrl, child, START_TIMEOUT_MS, (status, body) => status === 200 && body.includes('EntityDescriptor'));
      } catch (error) {
        await stopChild(child);
        process.removeListener('exit', exitOnCrash);
        const busy = /Address already in use/i.test(output());
        if (busy && !options.port && attempt < 3) continue;
        throw new Error(`SimpleSAMLphp did not start on ${baseUrl}: ${(error as Error).message}\n--- php output ---\n${output()}`);
      }
      let stopped: Promise<void> | undefined;
      return {
        baseUrl,
        metadataUrl,
        entityId: metadataUrl,
        ssoUrl: `${baseUrl}/saml2/idp/SSOService.php`,
        idpCertificatePem,
        idpPrivateKeyPem,
        port,
        configDir,
        output,
        stop: () =>
          (stopped ??= (async () => {
            await stopChild(child);
            process.removeListener('exit', exitOnCrash);
            await rm(configDir, { recursive: true, force: true });
          })()),
      };
    }
  } catch (error) {
    await rm(configDir, { recursive: true, force: true });
    throw error;
  }
}
