/**
 * Text from any source (imported names, IdP claims, error messages quoting input) is escaped before it reaches a
 * terminal or a log line: a raw ESC/OSC sequence can retitle the window, erase lines or fake output (`\e]0;…\a`,
 * `\e[2K\r`), a bidi override reorders what the admin reads, and invisible characters hide differences.
 * Each such character becomes `\uXXXX`, which is also a valid escape inside JSON and YAML double-quoted strings, so
 * JSON output stays parseable. Newlines are kept (the output's own line structure); ZWJ/ZWNJ are kept (emoji, scripts).
 */
// Every character in the class is in the BMP and none is a surrogate, so the class needs no `u` flag (which halves the
// scan of a large --json output: 7 MB for 10,000 connections).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const nonPrintable = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

export function escapeNonPrintable(text: string): string {
  return text.replace(nonPrintable, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}
