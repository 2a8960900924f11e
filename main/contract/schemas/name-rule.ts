import * as z from 'zod';
import { nameProblem } from './name-text.js';

/**
 * The one rule for every name a person reads (connections, roles, organisations, targets): what may be in it, and
 * the key two names are compared on for uniqueness. Names travel to terminals (CLI tables), log lines, IdP login pages
 * and export files, so characters that move the cursor, rewrite the terminal (ESC/OSC sequences), reorder text
 * (bidi overrides, "Trojan Source", CVE-2021-42574) or break a line are refused outright; invisible zero-width
 * characters are allowed where scripts need them (ZWJ in emoji, ZWNJ in Persian) but ignored when names are compared,
 * so `oidc1` and `oidc1` + U+200B cannot sit side by side. The text checks are in name-text.ts (no zod: the store uses them).
 */
export { codePointLabel, nameKey, nameProblem, sameName } from './name-text.js';

/**
 * A zod schema for a display name: trimmed, 1..max characters, no control or bidi characters. `label` starts each
 * message ("Display name", "Role name"); `purpose` says where it shows, for the empty-name message.
 */
export function nameSchema(options: { label: string; max: number; purpose: string }) {
  const { label, max, purpose } = options;
  return z
    .string()
    .trim()
    .min(1, `${label} is empty: ${purpose}.`)
    .max(max, `${label} is longer than ${max} characters: shorten it.`)
    .superRefine((value, ctx) => {
      const problem = nameProblem(value, label);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
