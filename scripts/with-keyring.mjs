#!/usr/bin/env node
// `node scripts/with-keyring.mjs <command> [args…]`: runs the command against a PRIVATE, unlocked Secret Service,
// never the developer's own keyring. Used by the integration and browser test tiers.
//
// Outer run: makes a 0700 temp root (XDG data/config/runtime dirs, a session-bus config) and re-executes itself
// under `dbus-run-session`. The bus config has no service directories, so nothing is ever D-Bus-activated (no
// stray gnome-keyring writing into $HOME, no prompter that could hang); if our daemon is not there, calls fail fast.
// Inner run: starts `gnome-keyring-daemon --foreground --unlock --components=secrets` (password on stdin), waits
// until org.freedesktop.secrets has an owner and its default collection is unlocked (bounded polling of the bus,
// no fixed sleep), runs the command with SSOWB_PRIVATE_KEYRING=1 (and SSOWB_PRIVATE_KEYRING_BUS = the private bus
// address, so a test can check it is really on that bus), stops the daemon and exits with the command's code.
// Without SSOWB_PRIVATE_KEYRING in its environment, a nested run starts a fresh keyring of its own (a test that
// must lock a keyring does that, so the shared one stays unlocked).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const INNER = 'SSOWB_WITH_KEYRING_ROOT';
const READY_WITHIN_MS = 15_000;
const POLL_EVERY_MS = 20;
const self = fileURLToPath(import.meta.url);
const [command, ...args] = process.argv.slice(2);

const say = (line) => process.stderr.write(`with-keyring: ${line}\n`);

if (!command) {
  say('usage: node scripts/with-keyring.mjs <command> [args…]');
  process.exit(2);
}

const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Exit code of a child the way a shell reports it (128 + signal number when killed). */
const exitCodeOf = (code, signal) => code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 1);

/** Runs the command with stdio inherited; resolves to its exit code. Ctrl-C/SIGTERM go to it, not to us. */
function runCommand(env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      say(`cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(exitCodeOf(code, signal));
    });
  });
}

// Already inside a private keyring (e.g. npm test → with-keyring → with-keyring): just run the command. The bus
// address must match the one the keyring was started on, so an exported SSOWB_PRIVATE_KEYRING=1 alone is not enough.
const insidePrivateKeyring =
  process.env.SSOWB_PRIVATE_KEYRING === '1' &&
  !!process.env.DBUS_SESSION_BUS_ADDRESS &&
  process.env.SSOWB_PRIVATE_KEYRING_BUS === process.env.DBUS_SESSION_BUS_ADDRESS;
if (insidePrivateKeyring && !process.env[INNER]) {
  process.exit(await runCommand(process.env));
}

if (!process.env[INNER]) {
  // Outer run.
  const missing = [
    ['dbus-run-session', 'dbus'],
    ['dbus-send', 'dbus'],
    ['gnome-keyring-daemon', 'gnome-keyring'],
  ].filter(([tool]) => !onPath(tool));
  if (missing.length) {
    for (const [tool, pkg] of missing) say(`${tool} is missing: install the Debian package "${pkg}".`);
    const pkgs = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    say(`  sudo apt-get install --no-install-recommends ${pkgs}`);
    process.exit(2);
  }

  const root = mkdtempSync(join(tmpdir(), 'ssowb-keyring-')); // mkdtemp makes it 0700
  for (const dir of ['data', 'config', 'runtime', 'home']) mkdirSync(join(root, dir), { mode: 0o700 });
  const busConfig = join(root, 'session-bus.conf');
  writeFileSync(
    busConfig,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${root}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    { mode: 0o600 },
  );
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_RUNTIME_DIR: join(root, 'runtime'),
    [INNER]: root,
  };
  const session = spawn('dbus-run-session', [`--config-file=${busConfig}`, '--', process.execPath, self, command, ...args], {
    stdio: 'inherit',
    env,
  });
  // The terminal's Ctrl-C reaches the whole process group; stay alive to clean up after the session ends.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', () => session.kill('SIGTERM'));
  session.on('exit', (code, signal) => {
    rmSync(root, { recursive: true, force: true });
    process.exit(exitCodeOf(code, signal));
  });
} else {
  // Inner run, inside dbus-run-session.
  const root = process.env[INNER];
  const env = { ...process.env };
  delete env[INNER];
  const exec = promisify(execFile);
  const busCall = async (dest, path, method, ...callArgs) => {
    const { stdout } = await exec('dbus-send', ['--session', '--print-reply', `--dest=${dest}`, path, method, ...callArgs], {
      timeout: 2000,
      env,
    });
    return stdout;
  };

  const daemonOutput = [];
  const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...env, HOME: join(root, 'home') }, // belt and braces: nothing of the daemon's lands in the real $HOME
  });
  let daemonExit;
  daemon.on('exit', (code, signal) => (daemonExit = signal ?? `exit code ${code}`));
  daemon.on('error', (error) => (daemonExit = error.message));
  daemon.stdout.on('data', (chunk) => daemonOutput.push(chunk));
  daemon.stderr.on('data', (chunk) => daemonOutput.push(chunk));
  daemon.stdin.end(randomBytes(16).toString('hex')); // a throw-away keyring: nobody needs its password

  /** Ready = the Secret Service name is owned and its default collection exists and is unlocked. */
  const ready = async () => {
    try {
      const owned = await busCall('org.freedesktop.DBus', '/', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets');
      if (!owned.includes('boolean true')) return false;
      const locked = await busCall(
        'org.freedesktop.secrets',
        '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      );
      return locked.includes('boolean false');
    } catch {
      return false; // not there yet
    }
  };

  const deadline = performance.now() + READY_WITHIN_MS;
  let isReady = false;
  while (daemonExit === undefined && performance.now() < deadline) {
    if ((isReady = await ready())) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }

  let code;
  if (!isReady) {
    say(
      daemonExit !== undefined
        ? `gnome-keyring-daemon stopped before it was ready (${daemonExit}).`
        : `the private Secret Service was not ready within ${READY_WITHIN_MS / 1000} s.`,
    );
    const output = Buffer.concat(daemonOutput).toString('utf8').trim();
    if (output) say(`gnome-keyring-daemon said:\n${output}`);
    code = 1;
  } else {
    code = await runCommand({ ...env, SSOWB_PRIVATE_KEYRING: '1', SSOWB_PRIVATE_KEYRING_BUS: env.DBUS_SESSION_BUS_ADDRESS });
  }
  if (daemonExit === undefined) {
    const stopped = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    const timer = setTimeout(() => daemon.kill('SIGKILL'), 2000);
    await stopped;
    clearTimeout(timer);
  }
  process.exit(code);
}
