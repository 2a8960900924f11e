import type { AppErrorShape, Result } from '../contract/index.js';
import { escapeNonPrintable } from '../contract/printable.js';

/** Exit codes of the CLI contract (product.md). */
export const exitCodes = { ok: 0, checkFailed: 1, badInput: 2 } as const;

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Everything the CLI prints goes through this: control, bidi and invisible characters from any source (names, IdP
 * claims, error messages quoting input) are printed as `\uXXXX`, so data cannot drive the admin's terminal.
 */
export function escapingIo(io: CliIo): CliIo {
  return { stdout: (text) => io.stdout(escapeNonPrintable(text)), stderr: (text) => io.stderr(escapeNonPrintable(text)) };
}

/** Errors go to stderr and name the field or check; with --json the error is also printed as JSON on stdout. */
export function printError(io: CliIo, error: AppErrorShape, json: boolean): never {
  const several = error.issues && error.issues.length > 1 ? error.issues : undefined;
  const lines = several
    ? [`error: ${several.length} fields need fixing:`, ...several.map((i) => `  - ${i.field}: ${i.message}`)]
    : [`error: ${error.message}`];
  if (error.hint) lines.push(`hint: ${error.hint}`);
  io.stderr(lines.join('\n') + '\n');
  if (json) io.stdout(JSON.stringify({ error }) + '\n');
  throw new CliExit(exitCodes.badInput);
}

/** Unwraps an engine Result or exits with the error, worded. */
export function unwrap<T>(io: CliIo, result: Result<T>, json: boolean): T {
  if (!result.ok) printError(io, result.error, json);
  return result.value;
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}
