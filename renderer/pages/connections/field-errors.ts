import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import type { AppErrorShape } from '../../../main/contract/index';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Every per-field problem of an engine error (`issues`, else the single `field`). */
export function issuesOf(error: AppErrorShape): FieldIssue[] {
  if (error.issues?.length) return error.issues;
  if (error.field) return [{ field: error.field, message: error.message.replace(new RegExp(`^${escape(error.field)}: `), '') }];
  return [];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts the engine's issues on the form fields they name (`oidc.jwksUri`). A path deeper than any field on screen
 * (`saml.idp.certificates.0`) goes to the closest field that is (`saml.idp.certificates`); `aliases` map paths that
 * belong to a control with another name (`pendingKeyId` → the key-pair panel). Returns the issues no field took.
 */
export function applyFieldIssues<T extends FieldValues>(
  error: AppErrorShape,
  setError: UseFormSetError<T>,
  knownFields: ReadonlySet<string>,
  aliases: Record<string, string> = {},
): FieldIssue[] {
  const unplaced: FieldIssue[] = [];
  let focused = false;
  for (const issue of issuesOf(error)) {
    const target = placeOf(aliases[issue.field] ?? issue.field, knownFields);
    if (!target) {
      unplaced.push(issue);
      continue;
    }
    setError(target as FieldPath<T>, { type: 'server', message: issue.message }, { shouldFocus: !focused });
    focused = true;
  }
  return unplaced;
}

function placeOf(field: string, knownFields: ReadonlySet<string>): string | null {
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join('.');
    if (knownFields.has(candidate)) return candidate;
  }
  return null;
}
