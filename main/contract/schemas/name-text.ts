/**
 * The name rule's text checks, with no zod: the store's uniqueness key and the problems a name can have (the zod
 * schema and the rule's rationale are in name-rule.ts). Kept apart so the store and the engine's start-up do not load
 * zod (issue 14).
 */

/** C0 controls (incl. TAB, LF, CR, ESC), DEL, C1 controls (incl. CSI U+009B), and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
/** Bidirectional embedding/override/isolate controls and the directional marks (Unicode UAX #9). */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Invisible characters dropped from the comparison key: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator, invisible operators. */
const zeroWidth = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/gu;

/** `U+202E`-style code point, for messages that must not print the character itself. */
export function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a name cannot be used (worded for `label`, e.g. "Display name"), or null when it is fine. */
export function nameProblem(value: string, label: string): string | null {
  if (value === '') return null; // the schema's own "is empty" message covers it
  const control = controlCharacters.exec(value);
  if (control) {
    return `${label} contains the control character ${codePointLabel(control[0])} (tab, newline, escape sequences and the like are not allowed): type the name as plain text.`;
  }
  const bidi = bidiControls.exec(value);
  if (bidi) {
    return `${label} contains the text-direction control ${codePointLabel(bidi[0])}, which can make the name display differently from what it is: remove it.`;
  }
  if (nameKey(value) === '') return `${label} has no visible characters: give it a name people can read.`;
  return null;
}

/**
 * The uniqueness key: NFKC-normalised (full-width `ｏｉｄｃ` = `oidc`, ligatures unfolded), zero-width characters
 * removed, trimmed, and case-folded (upper then lower, so `ß` and `SS` compare equal). Stored in the unique index.
 */
export function nameKey(value: string): string {
  return value.normalize('NFKC').replace(zeroWidth, '').trim().toUpperCase().toLowerCase();
}

/** True when two names count as the same under the uniqueness rule. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
