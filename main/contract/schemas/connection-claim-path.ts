import * as z from 'zod';

/**
 * Claim paths (product.md): dots nest (`realm_access.roles`); a claim name that itself contains dots or colons
 * (URL-named claims such as Auth0's `"https://example.com/groups"`, or `"cognito:groups"`) is addressed whole by
 * quoting it. Inside quotes, `\"` and `\\` escape a quote and a backslash. Columns in errors are 1-based.
 * It lives in the contract so forms, the CLI and the engine reject the same paths with the same words.
 */
export function parseClaimPath(path: string): string[] {
  const text = path.trim();
  if (text === '') throw new Error('Claim path is empty: enter a claim name such as groups or realm_access.roles.');
  const segments: string[] = [];
  let i = 0;
  while (i <= text.length) {
    const start = i;
    if (text[i] === '"') {
      let name = '';
      i += 1;
      let closed = false;
      while (i < text.length) {
        const ch = text[i] as string;
        if (ch === '\\' && i + 1 < text.length) {
          name += text[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          i += 1;
          break;
        }
        name += ch;
        i += 1;
      }
      if (!closed) {
        throw new Error(`Unclosed quote at column ${start + 1} of ${JSON.stringify(text)}: add the closing " after the claim name.`);
      }
      if (name === '') throw new Error(`Empty quoted name at column ${start + 1} of ${JSON.stringify(text)}: put the claim name between the quotes.`);
      if (i < text.length && text[i] !== '.') {
        throw new Error(
          `Expected "." after the quoted name at column ${i + 1} of ${JSON.stringify(text)}: quote the whole claim name, or separate nested names with a dot.`,
        );
      }
      segments.push(name);
    } else {
      let name = '';
      while (i < text.length && text[i] !== '.') {
        if (text[i] === '"') {
          throw new Error(
            `Unexpected quote at column ${i + 1} of ${JSON.stringify(text)}: quote a whole name, e.g. "cognito:groups" or "https://example.com/groups".`,
          );
        }
        name += text[i];
        i += 1;
      }
      if (name.trim() === '') {
        throw new Error(
          `Empty name at column ${start + 1} of ${JSON.stringify(text)}: remove the extra dot, or quote a claim name that contains dots (e.g. "https://example.com/groups").`,
        );
      }
      segments.push(name.trim());
    }
    if (i >= text.length) break;
    i += 1; // skip the dot
    if (i >= text.length) {
      throw new Error(`Empty name at column ${i + 1} of ${JSON.stringify(text)}: remove the trailing dot at column ${i}.`);
    }
  }
  return segments;
}

/** Writes segments back in the canonical syntax (quotes only where needed). */
export function formatClaimPath(segments: readonly string[]): string {
  return segments
    .map((s) => (/^[^."\\:]+$/.test(s) && s.trim() === s ? s : `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`))
    .join('.');
}

/** Reads a claim by path from decoded claims (ID token, userinfo, merged). Missing at any level → undefined. */
export function readClaim(claims: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === 'string' ? parseClaimPath(path) : path;
  let current: unknown = claims;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The message of a claim-path error, or null when the path parses. */
export function claimPathProblem(path: string): string | null {
  try {
    parseClaimPath(path);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A required claim path (trimmed). */
export const claimPathSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = claimPathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A claim path that may be left empty (`''` = not mapped). */
export const optionalClaimPathSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = claimPathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
