import type { CliContext } from './cli-context.js';
import { printError } from './cli-io.js';

/** Exits 2 with an error naming the flag (and JSON on stdout with --json), like every other bad input. */
export function badFlag(context: CliContext, flag: string, message: string): never {
  return printError(context.io, { code: 'invalid_input', field: flag, message: `${flag}: ${message}` }, context.json);
}

/** A flag whose value must be one of `choices`; returns it typed as that choice. */
export function oneOf<T extends string>(context: CliContext, flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) return badFlag(context, flag, `"${value}" is not one of ${choices.join(', ')}.`);
  return found;
}

/** A repeatable `KEY=VALUE` flag (`--auth-param prompt=login`); the key is before the first "=". */
export function keyValues(context: CliContext, flag: string, values: readonly string[], example: string): Array<[string, string]> {
  return values.map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) return badFlag(context, flag, `"${entry}" is not KEY=VALUE (e.g. ${flag} ${example}).`);
    return [entry.slice(0, at).trim(), entry.slice(at + 1)];
  });
}

/** A whole number of seconds within [min, max]. */
export function wholeNumber(context: CliContext, flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
    return badFlag(context, flag, `"${value}" is not a whole number from ${min} to ${max}.`);
  }
  return n;
}

/** A comma- or space-separated list (`--allowed-algs RS256,ES256`, `--admin-groups "a,b"`); empty entries dropped. */
export const listOf = (value: string): string[] =>
  value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** Commander collector of a repeatable option. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The secret in the named environment variable (never argv), or exit 2 naming the flag. */
export function secretFromEnvFlag(context: CliContext, flag: string, variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value) return badFlag(context, flag, `environment variable ${variable} is not set or empty.`);
  return value;
}
