/**
 * Splits on separators that are not escaped with a backslash (RFC 4514 §2.4: `\,` `\+` `\\` and `\XX` hex pairs).
 * Quoted values (the older RFC 2253/1779 form `CN="A, B"`) are honoured too, as AD tools still emit them.
 */
function splitUnescaped(value: string, separator: ',' | '+'): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + (value[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else if (separator === ',' && ch === ';' && !quoted) {
      parts.push(current); // RFC 1779 also allowed ';'
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** RFC 4514 §3 unescaping: `\,` → `,`, `\2C` → `,` (hex pairs are UTF-8 bytes), surrounding quotes removed. */
function unescapeValue(raw: string): string {
  let value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '\\' && i + 1 < value.length) {
      bytes.push(...Buffer.from(value[i + 1] ?? '', 'utf8'));
      i++;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The first (leftmost, most specific) CN of an LDAP distinguished name, as ClearML's "group name from DN CN" does
 * for AD `memberOf` values: `CN=Admins,OU=Groups,DC=corp` → `Admins`, `CN=R\, D,OU=x` → `R, D`.
 * Returns null when the value is not a DN with a CN (the caller keeps the value as it is).
 */
export function firstCnFromDn(dn: string): string | null {
  if (!dn.includes('=')) return null;
  for (const rdn of splitUnescaped(dn, ',')) {
    for (const ava of splitUnescaped(rdn, '+')) {
      const eq = ava.indexOf('=');
      if (eq <= 0) return null;
      if (ava.slice(0, eq).trim().toUpperCase() === 'CN') {
        const value = unescapeValue(ava.slice(eq + 1));
        return value === '' ? null : value;
      }
    }
  }
  return null;
}
