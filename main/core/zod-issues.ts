import type { z } from 'zod';
import type { AppErrorShape } from '../contract/index.js';

/** Turns zod issues into one error that names every bad field (`oidc.clientId: Required`). */
export function zodIssuesToError(error: z.ZodError): AppErrorShape {
  const issues = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
  const first = issues[0] ?? { field: '(input)', message: 'Invalid input.' };
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return { code: 'invalid_input', message, field: first.field, issues };
}
