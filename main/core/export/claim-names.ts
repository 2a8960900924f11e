import { parseClaimPath } from '../../contract/schemas/connection-claim-path.js';

/**
 * A workbench claim path as the flat claim name a platform config takes: `"cognito:groups"` → `cognito:groups`.
 * Arthur and ClearML take claim names, not paths, so a nested path (`realm_access.roles`) is written joined with
 * dots and reported in `notes` so the header can say it must be flattened at the IdP.
 */
export function flatClaimName(path: string, field: string, notes: string[]): string {
  if (path.trim() === '') return '';
  const segments = parseClaimPath(path);
  if (segments.length === 1) return segments[0] as string;
  notes.push(`${field}: the claim path ${path} is nested; the platform reads top-level claim names only, so add a flat claim at the IdP (or a mapper) and use its name here.`);
  return segments.join('.');
}
