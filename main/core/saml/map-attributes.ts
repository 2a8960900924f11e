import type { SamlSettings } from '../../contract/schemas/connection-saml.js';
import { NAMEID } from '../../contract/schemas/connection-saml.js';
import type { Check, MappedUser } from '../../contract/schemas/report.js';
import { firstCnFromDn } from './dn.js';

/**
 * SAML attributes as lists, always: an Attribute may carry any number of AttributeValues (SAML 2.0 Core §2.7.3.1),
 * and node-saml returns a single value as a bare string and drops an attribute with none. Complex values (child
 * elements) keep their text (`_`); empty values are dropped.
 */
export function normalizeSamlAttributes(raw: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const one = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value && typeof value === 'object' && '_' in value && typeof (value as { _: unknown })._ === 'string') return (value as { _: string })._;
    return undefined;
  };
  for (const [name, value] of Object.entries(raw ?? {})) {
    const list = (Array.isArray(value) ? value : [value]).map(one).filter((v): v is string => v !== undefined && v !== '');
    out[name] = list;
  }
  return out;
}

export interface SamlMappingInput {
  nameId?: { value: string; format: string };
  attributes: Record<string, string[]>;
  settings: Pick<SamlSettings, 'attributeMappings' | 'groupSync'>;
}

export interface SamlMappingResult {
  user: MappedUser;
  groups: string[];
  checks: Check[];
}

const FIELDS = ['userId', 'email', 'name', 'givenName', 'familyName', 'picture'] as const;

/**
 * ClearML's SAML "Claims mappings" and group sync: each platform field takes the first value of its mapped
 * attribute (`$nameid` = the Subject NameID); groups take every value of the groups attribute, optionally reduced
 * from an AD DN to its first CN. Each field gets a `mapping.<field>` check; an absent attribute is reported, not
 * guessed (no case-insensitive or "friendly name" fallback: the platform would not find it either).
 */
export function mapSamlAttributes(input: SamlMappingInput): SamlMappingResult {
  const { attributeMappings, groupSync } = input.settings;
  const checks: Check[] = [];
  const user: MappedUser = { userId: null, email: null, name: null, givenName: null, familyName: null, picture: null };
  const names = Object.keys(input.attributes);
  const available = names.length ? `The assertion carries: ${names.join(', ')}.` : 'The assertion carries no attributes.';

  for (const field of FIELDS) {
    const id = `mapping.${field}`;
    const source = attributeMappings[field];
    const required = field === 'userId';
    if (!source) {
      checks.push({ id, status: 'skip', message: `${field} is not mapped.`, hint: '' });
      continue;
    }
    if (source === NAMEID) {
      if (input.nameId) {
        user[field] = input.nameId.value;
        checks.push({ id, status: 'pass', message: `${field} ← NameID = ${input.nameId.value}`, hint: '' });
      } else {
        checks.push({ id, status: required ? 'fail' : 'warn', message: `${field} is mapped to the NameID, which is missing.`, hint: 'Make the IdP send a NameID, or map this field to an attribute.' });
      }
      continue;
    }
    const values = input.attributes[source] ?? [];
    if (values.length === 0) {
      checks.push({
        id,
        status: required ? 'fail' : 'warn',
        message: `${field} ← attribute "${source}" is absent, so ${field} is empty. ${available}`,
        hint: `Release the attribute "${source}" to this SP in the IdP app, or map ${field} to an attribute it sends (names are exact and case-sensitive${required ? ', or use $nameid' : ''}).`,
      });
      continue;
    }
    user[field] = values[0] ?? null;
    checks.push(
      values.length > 1
        ? { id, status: 'warn', message: `${field} ← "${source}" has ${values.length} values; the first (${values[0]}) is used.`, hint: `Send a single value for "${source}", or map ${field} to a single-valued attribute.` }
        : { id, status: 'pass', message: `${field} ← "${source}" = ${values[0]}`, hint: '' },
    );
  }

  const raw = input.attributes[groupSync.attribute] ?? [];
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    const group = groupSync.groupNameFromDnCn ? (firstCnFromDn(value) ?? value) : value;
    const key = groupSync.caseSensitive ? group : group.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      groups.push(group);
    }
  }
  const how = `${groupSync.groupNameFromDnCn ? 'first CN of each DN, ' : ''}${groupSync.caseSensitive ? 'case-sensitive' : 'case-insensitive'}`;
  if (!groupSync.enabled) {
    checks.push({ id: 'mapping.groups', status: 'skip', message: `Group sync is off; "${groupSync.attribute}" carries ${groups.length} group(s)${groups.length ? `: ${groups.join(', ')}` : ''}.`, hint: '' });
  } else if (raw.length === 0) {
    checks.push({
      id: 'mapping.groups',
      status: 'warn',
      message: `The groups attribute "${groupSync.attribute}" is absent: the user has no groups, so role resolution will deny the login. ${available}`,
      hint: `If the user should have groups, release "${groupSync.attribute}" in the IdP app (and assign the user to groups there), or set the groups attribute to the name the IdP uses.`,
    });
  } else {
    checks.push({ id: 'mapping.groups', status: 'pass', message: `${groups.length} group(s) from "${groupSync.attribute}" (${how}): ${groups.join(', ')}`, hint: '' });
  }
  return { user, groups, checks };
}
