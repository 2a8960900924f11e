import type { z } from 'zod';
import type { StoredConnection } from '../../contract/index.js';
import { AppError, notFound } from '../app-error.js';
import type { ConnectionRepo } from '../ports/index.js';
import { zodIssuesToError } from '../zod-issues.js';

/** Finds a connection by id, else by display name ignoring case (what `ssowb connections show <id|name>` takes). */
export function findConnection(repo: ConnectionRepo, ref: string): StoredConnection | undefined {
  const key = ref.trim();
  return repo.get(key) ?? repo.findByName(key);
}

export function requireConnection(repo: ConnectionRepo, ref: string): StoredConnection {
  const found = findConnection(repo, ref);
  if (!found) throw notFound('connection', ref);
  return found;
}

/** Display names are unique ignoring case (ClearML: "make sure no two connections have the same name"). */
export function assertNameFree(repo: ConnectionRepo, displayName: string, ownId: string | null): void {
  const clash = repo.findByName(displayName);
  if (clash && clash.id !== ownId) {
    throw new AppError('conflict', `displayName: a connection named "${clash.displayName}" already exists (names are unique, ignoring case, width variants and invisible characters).`, {
      field: 'displayName',
      hint: 'Choose another display name, or edit the existing connection.',
    });
  }
}

/** One per-field problem found by the engine (rather than by the input schema). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Throws invalid_input listing every issue (same shape as a schema failure at the engine's door). */
export function throwIssues(issues: FieldIssue[]): never {
  const first = issues[0] ?? { field: '(input)', message: 'Invalid input.' };
  throw new AppError('invalid_input', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { field: first.field, issues });
}

/** Parses with a schema, or throws invalid_input naming every bad field; `extra` issues are reported alongside. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, extra: FieldIssue[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success && extra.length === 0) return parsed.data;
  const issues = parsed.success ? [] : (zodIssuesToError(parsed.error).issues ?? []);
  throwIssues([...issues, ...extra]);
}
