import type { AppErrorShape, OperationInput, OperationName, OperationOutput } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { unwrap } from '../cli-io.js';
import { flagFor } from './connection-flags.js';

/**
 * Names the flag behind each field of an engine error (`oidc.clockToleranceSeconds` → `--clock-tolerance`), keeping
 * the setting's path in the message so the stored field can still be found: `--clock-tolerance (oidc.clockToleranceSeconds): …`.
 */
export function errorNamingFlags(error: AppErrorShape, overrides: Record<string, string> = {}): AppErrorShape {
  const reword = (field: string, message: string) => {
    const flag = overrides[field] ?? flagFor(field);
    const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    return flag ? { field: flag, message: `${flag} (${field}): ${text}` } : { field, message: `${field}: ${text}` };
  };
  const issues = error.issues?.map((issue) => reword(issue.field, issue.message));
  const first = error.field ? reword(error.field, error.message) : null;
  const message = issues && issues.length > 0 ? issues.map((i) => i.message).join('; ') : (first?.message ?? error.message);
  return { ...error, message, ...(first ? { field: first.field } : {}), ...(issues ? { issues } : {}) };
}

/** Calls a connections operation; an error on a setting exits 2 naming the flag that set it. */
export async function callNamingFlags<N extends OperationName>(
  context: CliContext,
  name: N,
  input: OperationInput<N>,
  overrides: Record<string, string> = {},
): Promise<OperationOutput<N>> {
  const result = await context.attempt(name, input);
  return unwrap(context.io, result.ok ? result : { ok: false, error: errorNamingFlags(result.error, overrides) }, context.json);
}
