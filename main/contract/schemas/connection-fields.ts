import * as z from 'zod';
import { nameSchema } from './name-rule.js';

export { codePointLabel, nameKey, nameProblem, nameSchema, sameName } from './name-rule.js';

export {
  connectionPlatforms,
  connectionProtocols,
  oidcProviders,
  samlProviders,
  type ConnectionPlatform,
  type ConnectionProtocol,
  type OidcProvider,
  type SamlProvider,
} from './connection-names.js';

/** Loopback hosts: the only ones where plain http is accepted (tests against a local IdP). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/**
 * Why a URL cannot be used as an IdP endpoint, worded with the fix; null when it is fine. Endpoints must be
 * absolute, without a fragment (RFC 6749 §3.1/§3.2), and https unless the host is loopback.
 */
export function endpointUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL: enter the full address, e.g. https://idp.example.com/oauth2/v1/token (copy it from the IdP's discovery document or app settings).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `"${value}" uses ${url.protocol.replace(':', '')}: enter an https:// URL.`;
  }
  if (url.hash !== '' || value.includes('#')) {
    return `"${value}" contains a fragment (#…): remove everything from the "#" on.`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `"${value}" uses plain http: use https:// (http is accepted only for 127.0.0.1, ::1 and localhost).`;
  }
  if (url.username || url.password) return `"${value}" carries credentials: remove the user:password@ part.`;
  return null;
}

const urlField = (extra?: (url: URL, value: string) => string | null) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = endpointUrlProblem(value) ?? (extra ? extra(new URL(value), value) : null);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** An IdP endpoint: absolute, no fragment, https except loopback. */
export const endpointUrlSchema = urlField();

/** The platform's external web address (ClearML WebApp URL / Arthur host); used to build callback URLs. */
export const webappUrlSchema = urlField((url, value) =>
  url.search ? `"${value}" has a query string (?…): enter only the web app's base address, e.g. https://app.clearml.example.com.` : null,
);

/**
 * Display name: shown on the login page; unique on its name key (NFKC, zero-width stripped, case-folded; checked
 * against the store by the engine). No control or bidi characters: see name-rule.ts, shared with roles/orgs/targets.
 */
export const displayNameSchema = nameSchema({ label: 'Display name', max: 80, purpose: 'give the connection a name (it is shown on the login page)' });

/** One OAuth scope token (RFC 6749 §3.3): no spaces, quotes or backslashes. */
export const scopeSchema = z
  .string()
  .trim()
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'A scope must be one word without spaces, quotes or backslashes: list each scope separately.');

/** What x509 parsing learns of a certificate; `pem` is the source of truth, the rest is re-derived on save. */
export const certificateInfoSchema = z
  .object({
    pem: z
      .string()
      .trim()
      .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Not a PEM certificate: paste the block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.'),
    subject: z.string(),
    issuer: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    fingerprintSha256: z.string(),
    expired: z.boolean(),
    expiresInDays: z.number(),
  })
  .strict();
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

/** Outcome of the last live test or offline inspect. */
export const lastTestSchema = z
  .object({
    at: z.string(),
    outcome: z.enum(['passed', 'failed']),
    source: z.enum(['live', 'inspect']),
  })
  .strict();
export type LastTest = z.infer<typeof lastTestSchema>;

/**
 * The last passing run (live test or offline inspect): what an export's validation stamp cites, so a reviewer can
 * find the run in History that proved the exported settings.
 */
export const lastPassSchema = z
  .object({
    runId: z.string(),
    at: z.string(),
    source: z.enum(['live', 'inspect']),
    checksPassed: z.number().int().min(0),
    checksWarned: z.number().int().min(0),
  })
  .strict();
export type LastPass = z.infer<typeof lastPassSchema>;

/** Non-blocking advice on a connection, tied to the field it is about. */
export const connectionWarningSchema = z.object({ field: z.string(), message: z.string() }).strict();
export type ConnectionWarning = z.infer<typeof connectionWarningSchema>;

/** Key algorithms offered for SAML request signing (weaker keys are refused). */
export const keyAlgorithms = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P256'] as const;
export const generateKeyPairOptionsSchema = z
  .object({
    algorithm: z.enum(keyAlgorithms).default('RSA-2048'),
    validityDays: z.number().int().min(1, 'validityDays must be at least 1.').max(3650, 'validityDays is at most 3650 (10 years): pick a shorter validity.').default(730),
  })
  .strict();
