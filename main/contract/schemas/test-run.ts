import * as z from 'zod';
import { reportSchema, stepSchema } from './report.js';
import { connectionCreateInputSchema } from './connection.js';

/**
 * Test runs: one live login through a connection (`tests.start` → callback on the loopback listener → report), or an
 * offline `tests.inspect` of a pasted token. Reports follow `report.ts`; these are the shapes around them.
 */

/** A connection named by its id or its display name (case-insensitive). */
const ref = z.string().trim().min(1, 'ref is empty: give a connection id or name.');

/**
 * Where a run is: waiting for the IdP's callback, processing it (token exchange, validation), or done. A cancelled
 * or expired run still has a (failed) report saying so, so `tests.wait` always answers with a report.
 */
export const testRunStatuses = ['waiting', 'processing', 'passed', 'failed', 'cancelled', 'expired'] as const;
export type TestRunStatus = (typeof testRunStatuses)[number];

/** Default time an admin has to complete the login. */
export const defaultTestTimeoutSeconds = 300;

export const testStartInputSchema = z
  .object({
    ref,
    /** How long the run waits for the IdP's callback before it fails (default 300 s). */
    timeoutSeconds: z
      .number()
      .int('timeoutSeconds must be a whole number of seconds.')
      .min(1, 'timeoutSeconds must be at least 1.')
      .max(3600, 'timeoutSeconds is at most 3600 (an hour).')
      .default(defaultTestTimeoutSeconds),
    /** Ask the IdP to authenticate again (`prompt=login` / `ForceAuthn="true"`), to test as another user. */
    forceLogin: z.boolean().default(false),
  })
  .strict();

/**
 * A run of a draft as it stands (the wizard before its first save, or the Edit dialog's unsaved changes): the draft's
 * settings and secret are used for this run only (held in memory, never written). Without a new secret, an existing
 * connection's stored one is used. A save of exactly the tested draft records a passing run as its validation.
 */
export const testStartDraftInputSchema = z
  .object({
    draft: connectionCreateInputSchema,
    timeoutSeconds: testStartInputSchema.shape.timeoutSeconds,
    forceLogin: z.boolean().default(false),
  })
  .strict();

export const testStartOutputSchema = z.object({
  runId: z.string(),
  /** The IdP URL to open in a browser (state, nonce and PKCE challenge, or the SAML AuthnRequest; never a secret). */
  authorizeUrl: z.string(),
  /** The loopback URL the IdP answers to: `testRedirectUri` (OIDC) or `testAcsUrl` (SAML) of the connection. */
  redirectUri: z.string(),
  expiresAt: z.string(),
  /** The connection (or draft) id the run belongs to. */
  connectionId: z.string().optional(),
});
export type TestStartOutput = z.infer<typeof testStartOutputSchema>;

export const runIdInputSchema = z.object({ runId: z.string().trim().min(1, 'runId is empty: use the runId tests.start returned.') }).strict();

export const testRunStateSchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  status: z.enum(testRunStatuses),
  report: reportSchema.optional(),
});
export type TestRunState = z.infer<typeof testRunStateSchema>;

export const inspectInputSchema = z
  .object({
    ref,
    /** A compact JWS ID token (what `ssowb inspect --id-token FILE` reads). */
    idToken: z.string().trim().min(1, 'idToken is empty: paste the whole token (three dot-separated parts).').optional(),
    /** A JWT access token (Arthur validates access tokens). */
    accessToken: z.string().trim().min(1, 'accessToken is empty: paste the whole token.').optional(),
    /**
     * A SAML Response for a SAML connection (what `ssowb inspect --saml-response FILE` reads): the base64 form value
     * as POSTed, or the XML. The engine enforces the real size limit with a check; this bound only stops abuse.
     */
    samlResponse: z
      .string()
      .trim()
      .min(1, 'samlResponse is empty: paste the SAMLResponse form value (base64) or the Response XML.')
      .max(4 * 1024 * 1024, 'samlResponse is over 4 MiB: a SAML Response is a few KiB; paste only the SAMLResponse value.')
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ([value.idToken, value.accessToken, value.samlResponse].filter(Boolean).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['idToken'], message: 'Give exactly one of idToken, accessToken (OIDC) or samlResponse (SAML).' });
    }
  });

/** One line of History. */
export const testRunSummarySchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  protocol: z.enum(['oidc', 'saml']),
  source: z.enum(['live', 'inspect']),
  outcome: z.enum(['passed', 'failed']),
  at: z.string(),
  /** Ids of the failed checks, in report order. */
  failedChecks: z.array(z.string()),
  /** Cancelled by the admin before the IdP answered (shown as "Cancelled", not as a failed login). */
  cancelled: z.boolean().default(false),
});
export type TestRunSummary = z.infer<typeof testRunSummarySchema>;

export const historyListInputSchema = z
  .object({
    /** Only runs of this connection (id or name). */
    ref: ref.optional(),
    limit: z.number().int().min(1).max(500, 'limit is at most 500.').default(50),
  })
  .strict();

/** Event: one step of a live run started or ended (authorize → callback → token → validate → userinfo → verdict). */
export const testRunProgressSchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  step: stepSchema.shape.name,
  status: z.enum(['started', 'ok', 'failed', 'skipped', 'refused']),
  /** Set when the step ended. */
  durationMs: z.number().optional(),
  at: z.string(),
});
export type TestRunProgress = z.infer<typeof testRunProgressSchema>;

/** Event: a live run or an inspect finished, with its report. */
export const testRunFinishedSchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  status: z.enum(testRunStatuses),
  report: reportSchema,
});
export type TestRunFinished = z.infer<typeof testRunFinishedSchema>;
