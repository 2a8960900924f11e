import type { z } from 'zod';

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` merged into `base`: objects field by field, arrays and scalars replaced, `undefined` skipped, `null` clears. */
export function mergeDeep<T extends Record<string, unknown>>(base: T, over: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = mergeDeep(result[key], value);
    else result[key] = structuredClone(value);
  }
  return result as T;
}

type SchemaLike = { def: { type: string; innerType?: SchemaLike }; shape?: Record<string, SchemaLike> };

/** The object schema under defaults/optionals, if any. */
function objectShape(schema: SchemaLike): Record<string, SchemaLike> | undefined {
  let inner: SchemaLike | undefined = schema;
  while (inner && ['default', 'prefault', 'optional', 'nullable'].includes(inner.def.type)) inner = inner.def.innerType;
  return inner?.def.type === 'object' ? inner.shape : undefined;
}

/**
 * Text boxes hold '' where the contract means "not set" (an optional field such as the revocation endpoint). Such
 * blanks are dropped before validation so an empty optional field is valid; a blank *required* field stays '' and
 * gets the contract's own message ("Client ID is empty: …").
 */
export function pruneBlankOptionals(schema: z.ZodType, value: unknown): unknown {
  const shape = objectShape(schema as unknown as SchemaLike);
  if (!shape || !isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const fieldSchema = shape[key];
    if (fieldSchema?.def.type === 'optional' && (field === undefined || (typeof field === 'string' && field.trim() === ''))) continue;
    result[key] = fieldSchema ? pruneBlankOptionals(fieldSchema as unknown as z.ZodType, field) : field;
  }
  return result;
}

/** Structural equality of JSON-like values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => a[key] !== undefined || b[key] !== undefined));
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

/**
 * The `connections.update` patch between the saved settings and the edited ones: only changed fields, nested groups
 * field by field, arrays and `atomic` objects (a certificate) whole, and a cleared optional field as `null`.
 */
export function diffPatch(before: Record<string, unknown>, after: Record<string, unknown>, atomic: ReadonlySet<string>, prefix = ''): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const path = prefix ? `${prefix}.${key}` : key;
    const was = before[key];
    const now = after[key];
    if (now === undefined) {
      if (was !== undefined) patch[key] = null;
    } else if (isPlainObject(was) && isPlainObject(now) && !atomic.has(path)) {
      const nested = diffPatch(was, now, atomic, path);
      if (Object.keys(nested).length) patch[key] = nested;
    } else if (!sameValue(was, now)) {
      patch[key] = now;
    }
  }
  return patch;
}
