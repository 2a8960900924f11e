// The Debian packages the test tiers need, each with how to tell it is present. Shared by `npm test` and `.ci/run`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const phpHas = (module) => {
  try {
    return execFileSync('php', ['-m'], { encoding: 'utf8' }).split('\n').includes(module);
  } catch {
    return false;
  }
};

export const systemDeps = [
  { pkg: 'chromium', why: 'browser tests and real logins', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { pkg: 'dbus', why: 'a private D-Bus session for the test keyring', present: () => onPath('dbus-run-session') },
  { pkg: 'gnome-keyring', why: 'a real Secret Service for keychain tests', present: () => onPath('gnome-keyring-daemon') },
  { pkg: 'libsecret-tools', why: 'secret-tool, to read keychain items back', present: () => onPath('secret-tool') },
  { pkg: 'libsecret-1-dev', why: 'building keytar', present: () => spawnSync('pkg-config', ['--exists', 'libsecret-1']).status === 0 },
  { pkg: 'openssl', why: 'test certificates', present: () => onPath('openssl') },
  { pkg: 'php8.2-cli', why: 'serving the SimpleSAMLphp test IdP', present: () => onPath('php') },
  { pkg: 'php8.2-xml', why: 'SimpleSAMLphp needs DOMDocument', present: () => phpHas('dom') },
  { pkg: 'php8.2-mbstring', why: 'SimpleSAMLphp needs mbstring', present: () => phpHas('mbstring') },
  { pkg: 'simplesamlphp', why: 'the SAML test IdP', present: () => existsSync('/usr/share/simplesamlphp/www') },
];

export const missingDeps = () => systemDeps.filter((dep) => !dep.present());
