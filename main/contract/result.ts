import * as z from 'zod';

/**
 * The closed set of error codes that can cross a process boundary (IPC, HTTP bridge, CLI).
 * Results, not throws: every operation answers `{ ok: true, value }` or `{ ok: false, error }`.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  /** A platform export of a connection whose last passing test is older than its last change (CLI exit 1). */
  'not_validated',
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'store_unavailable',
  'network',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  /** Worded for a person: what went wrong. */
  message: z.string(),
  /** The input field the error is about, as a dotted path (`oidc.clientId`). */
  field: z.string().optional(),
  /** How to fix it. */
  hint: z.string().optional(),
  /** Further per-field issues when several fields are wrong at once. */
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });
