import * as z from 'zod';

/**
 * Authorization-request parameters the workbench (and the platform) set themselves: an extra parameter may not
 * override them, or the run would prove something else than the platform's login (state, nonce and PKCE protect it).
 */
export const reservedAuthParams = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
  'request',
  'request_uri',
] as const;

const hasControlCharacter = (text: string): boolean => [...text].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f');

/** `prompt` values of OIDC Core §3.1.2.1 (space-separated; `none` only alone). */
const promptValues = ['none', 'login', 'consent', 'select_account'];

/** Why an extra authorization parameter cannot be used, worded with the fix; null when it is fine. */
export function authParamProblem(key: string, value: string): string | null {
  if (!/^[A-Za-z0-9_.~-]{1,64}$/.test(key)) {
    return `Parameter name "${key}" is not usable: use letters, digits, "_", "-", "." or "~" (at most 64), e.g. domain_hint.`;
  }
  if ((reservedAuthParams as readonly string[]).includes(key)) {
    return `"${key}" is set by the workbench itself (it protects the login): remove it; scopes go in the scope fields.`;
  }
  if (value.length === 0) return `Parameter "${key}" has an empty value: give a value, or remove the parameter.`;
  if (value.length > 512) return `Parameter "${key}" is over 512 characters: IdPs refuse such long values.`;
  if (hasControlCharacter(value)) return `Parameter "${key}" contains control characters: remove them.`;
  if (key === 'prompt') {
    const words = value.split(' ').filter(Boolean);
    const unknown = words.filter((w) => !promptValues.includes(w));
    if (unknown.length) return `prompt "${unknown.join(' ')}" is not an OIDC prompt value: use ${promptValues.join(', ')} (space-separated).`;
    if (words.includes('none') && words.length > 1) return 'prompt "none" cannot be combined with other values (OIDC Core §3.1.2.1).';
  }
  return null;
}

/**
 * Extra authorization-request parameters (ClearML 3.24 "custom parameters in the authorization request"): e.g.
 * `prompt=select_account`, `acr_values=…`, `domain_hint=corp.example` (Entra), `login_hint=…`, or vendor-specific ones.
 */
export const authParamsSchema = z
  .record(z.string(), z.string())
  .superRefine((params, ctx) => {
    for (const [key, value] of Object.entries(params)) {
      const problem = authParamProblem(key, value);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  })
  .default({});

/** A group name as the IdP sends it (matched exactly against platform groups/roles): not empty, no control characters. */
export const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'A group name is empty: remove it or type the group name.')
  .refine((name) => !hasControlCharacter(name), 'A group name contains control characters: no IdP sends such a group; retype it.');
const groupName = groupNameSchema;

/** One IdP group and the platform groups its members get (ClearML 3.24: one IdP group → several platform groups). */
export const groupMappingSchema = z
  .object({
    idpGroup: groupName,
    platformGroups: z.array(groupName).min(1, 'List at least one platform group for the IdP group.'),
  })
  .strict();
export type GroupMapping = z.infer<typeof groupMappingSchema>;

export const groupMappingsSchema = z
  .array(groupMappingSchema)
  .superRefine((mappings, ctx) => {
    const seen = new Set<string>();
    mappings.forEach((m, index) => {
      if (seen.has(m.idpGroup)) ctx.addIssue({ code: 'custom', path: [index, 'idpGroup'], message: `IdP group "${m.idpGroup}" is mapped twice: merge its platform groups into one mapping.` });
      seen.add(m.idpGroup);
    });
  })
  .default([]);
