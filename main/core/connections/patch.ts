const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Applies a deep patch (see contract `Patch`): objects merge key by key, arrays and scalars replace, `null` removes
 * an optional field, `undefined` keeps. Whole values such as certificates are replaced because the patch schema
 * only accepts them complete.
 */
export function applyPatch<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key]) && !('pem' in value)) result[key] = applyPatch(result[key], value);
    else result[key] = value;
  }
  return result as T;
}

/** Dotted paths of the leaves that differ between two documents (for the audit log and the updatedAt rule). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  // A certificate is compared by its PEM: the derived fields (expiresInDays) change with time alone.
  if (isPlainObject(before) && isPlainObject(after) && 'pem' in before && 'pem' in after) {
    return before.pem === after.pem ? [] : [prefix || '(root)'];
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].sort().flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(root)'];
}
