import type { AppErrorShape, ErrorCode } from '../contract/index.js';
import { SecretStoreError } from './ports/secret-store.js';
import { HttpError } from './ports/http.js';

/** Thrown inside the engine; turned into a Result error at the engine's edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<AppErrorShape, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const invalidInput = (field: string, message: string, hint?: string): AppError =>
  new AppError('invalid_input', `${field}: ${message}`, { field, ...(hint ? { hint } : {}) });

export const notFound = (what: string, ref: string): AppError =>
  new AppError('not_found', `No ${what} named or with id "${ref}".`, { hint: `List them with \`ssowb ${what}s list\`.` });

/** Maps any thrown value to the closed error set. Unknown errors keep only a generic message (no internals leak). */
export function toAppErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof SecretStoreError) {
    const code = ({ unavailable: 'keychain_unavailable', locked: 'keychain_locked', timeout: 'keychain_timeout' } as const)[
      error.kind
    ];
    return { code, message: error.message, ...(error.fix ? { hint: error.fix } : {}) };
  }
  if (error instanceof HttpError) return { code: 'network', message: error.message };
  return { code: 'internal', message: 'Internal error; details are in the log.' };
}
