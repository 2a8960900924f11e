/** Writes the private SimpleSAMLphp configuration of one test IdP from the templates in ./simplesamlphp. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SSP_WWW = '/usr/share/simplesamlphp/www';
const TEMPLATES = fileURLToPath(new URL('./simplesamlphp/', import.meta.url));
const INSTALL = 'apt-get install -y --no-install-recommends simplesamlphp php8.2-cli php8.2-xml php8.2-mbstring';

/** Fails with the Debian packages to install, instead of a cryptic HTTP 200 error page later. */
export function checkSamlPeerPrerequisites(): void {
  const php = spawnSync('php', ['-m'], { encoding: 'utf8' });
  if (php.error || php.status !== 0) {
    throw new Error(`The SAML test IdP needs PHP: php was not found or failed (${php.error?.message ?? php.stderr}). Install: ${INSTALL}`);
  }
  const modules = new Set(php.stdout.split('\n').map((line) => line.trim().toLowerCase()));
  const missing = [
    ['dom', 'php8.2-xml'],
    ['mbstring', 'php8.2-mbstring'],
    ['openssl', 'php8.2-cli'],
  ].filter(([module]) => !modules.has(module ?? ''));
  if (missing.length) {
    throw new Error(`PHP lacks the extension(s) ${missing.map(([m]) => m).join(', ')} that SimpleSAMLphp needs. Install: ${missing.map(([, p]) => p).join(' ')} (${INSTALL})`);
  }
  if (!existsSync(join(SSP_WWW, 'saml2/idp/metadata.php'))) {
    throw new Error(`SimpleSAMLphp 1.19 is not installed (${SSP_WWW} is missing). Install: ${INSTALL}`);
  }
}

/** A PHP single-quoted string literal: only backslash and quote need escaping. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface SamlPeerConfig {
  port: number;
  spEntityId: string;
  acsUrl: string;
  spCertificateBody: string | null;
  validateAuthnRequest: boolean;
  nameIdFormat: string;
  idpCertificatePem: string;
  idpPrivateKeyPem: string;
  /**
   * The SP's encryption certificate (base64 body): with it, SimpleSAMLphp encrypts assertions to this SP
   * (`assertion.encryption => true`, its default ciphers: AES-128-CBC data, RSA-OAEP key transport).
   */
  spEncryptionCertificateBody?: string | null;
  /** With the encryption certificate: encrypt the assertion (default true); false sends it in the clear. */
  encryptAssertion?: boolean;
  /**
   * With the encryption certificate: encrypt the Subject's NameID into an EncryptedID (`nameid.encryption => true`,
   * as ADFS and Shibboleth can; SimpleSAMLphp 1.19 uses AES-128-CBC and RSA-OAEP). Default off.
   */
  encryptNameId?: boolean;
}

async function render(template: string, values: Record<string, string>): Promise<string> {
  const text = await readFile(join(TEMPLATES, template), 'utf8');
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Template ${template} uses {{${name}}}, which has no value.`);
    return value;
  });
}

/** SimpleSAMLphp's `keys` list of an SP: the signing certificate (if any) and the encryption one. */
function spKeys(signing: string | null, encryption: string): string {
  const key = (body: string, use: 'signing' | 'encryption') =>
    `['type' => 'X509Certificate', 'signing' => ${use === 'signing'}, 'encryption' => ${use === 'encryption'}, 'X509Certificate' => ${phpString(body)}]`;
  return `\n    'keys' => [${[...(signing ? [key(signing, 'signing')] : []), key(encryption, 'encryption')].join(', ')}],`;
}

/** Lays out <dir>/config (config.php, authsources.php), <dir>/metadata, <dir>/cert and the writable dirs. */
export async function writeSamlPeerConfig(dir: string, config: SamlPeerConfig): Promise<void> {
  const paths = Object.fromEntries(
    ['config', 'metadata', 'cert', 'log', 'data', 'tmp', 'sessions'].map((name) => [name, join(dir, name)]),
  ) as Record<'config' | 'metadata' | 'cert' | 'log' | 'data' | 'tmp' | 'sessions', string>;
  for (const path of Object.values(paths)) await mkdir(path, { recursive: true, mode: 0o700 });
  const dirLiteral = (path: string) => phpString(`${path}/`);
  const values: Record<string, string> = {
    BASE_URL: phpString(`http://127.0.0.1:${config.port}/`),
    HOST_PORT: phpString(`127.0.0.1:${config.port}`),
    CERT_DIR: dirLiteral(paths.cert),
    LOG_DIR: dirLiteral(paths.log),
    DATA_DIR: dirLiteral(paths.data),
    TEMP_DIR: dirLiteral(paths.tmp),
    SESSION_DIR: phpString(paths.sessions),
    METADATA_DIR: dirLiteral(paths.metadata),
    SECRET_SALT: phpString(randomBytes(24).toString('hex')),
    ADMIN_PASSWORD: phpString(randomBytes(12).toString('hex')),
    COOKIE_PREFIX: phpString(`SSPWB${config.port}`),
    VALIDATE_AUTHN_REQUEST: config.validateAuthnRequest ? 'true' : 'false',
    SP_ENTITY_ID: phpString(config.spEntityId),
    ACS_URL: phpString(config.acsUrl),
    SP_CERT_DATA: config.spCertificateBody ? phpString(config.spCertificateBody) : 'null',
    NAME_ID_FORMAT: phpString(config.nameIdFormat),
    ASSERTION_ENCRYPTION: config.spEncryptionCertificateBody && config.encryptAssertion !== false ? 'true' : 'false',
    NAMEID_ENCRYPTION: config.spEncryptionCertificateBody && config.encryptNameId ? 'true' : 'false',
    SP_KEYS: config.spEncryptionCertificateBody ? spKeys(config.spCertificateBody, config.spEncryptionCertificateBody) : '',
  };
  const files: [string, string][] = [
    [join(paths.config, 'config.php'), await render('config.php.tpl', values)],
    [join(paths.config, 'authsources.php'), await render('authsources.php.tpl', values)],
    [join(paths.metadata, 'saml20-idp-hosted.php'), await render('saml20-idp-hosted.php.tpl', values)],
    [join(paths.metadata, 'saml20-sp-remote.php'), await render('saml20-sp-remote.php.tpl', values)],
    [join(paths.cert, 'idp.crt'), config.idpCertificatePem],
  ];
  for (const [path, content] of files) await writeFile(path, content, { mode: 0o600 });
  await writeFile(join(paths.cert, 'idp.key'), config.idpPrivateKeyPem, { mode: 0o600 });
}
