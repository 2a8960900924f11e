import type { ConnectionSummary, ConnectionWarning, StoredConnection } from '../../contract/index.js';
import { nameKey } from '../../contract/schemas/name-text.js';
import type { ConnectionListRow } from '../ports/index.js';
import { defaultSpEntityId, productionCallbackUrl, testAcsUrl, testRedirectUri } from './urls.js';
import { certificateWarning, settingsWarnings, watchedCertificates } from './warnings.js';

/**
 * The key lists sort names by: case- and accent-insensitive (as Intl.Collator's base sensitivity compares names),
 * then code-point order, so the store can keep it in an indexed column instead of collating every row.
 */
export const sortKeyOf = (name: string): string => nameKey(name).normalize('NFD').replace(/\p{M}+/gu, '');

/**
 * What the store keeps beside a connection's document for its list row (every write recomputes it from the
 * document, so the two cannot drift). Pure: the SQLite store calls it on `put` and when it fills older rows.
 */
export function listRowOf(connection: StoredConnection): ConnectionListRow {
  const oidc = connection.protocol === 'oidc';
  return {
    id: connection.id,
    displayName: connection.displayName,
    protocol: connection.protocol,
    provider: connection.provider,
    active: connection.active,
    updatedAt: connection.updatedAt,
    hasSecret: oidc ? connection.hasClientSecret : connection.hasPrivateKey,
    spEntityId: oidc ? null : (connection.saml.spEntityId ?? null),
    productionCallbackUrl: productionCallbackUrl(connection),
    lastTest: connection.lastTest,
    validatedAt: connection.validatedAt,
    lastPass: connection.lastPass,
    warnings: settingsWarnings(connection, oidc ? { hasClientSecret: connection.hasClientSecret } : {}),
    certificates: watchedCertificates(connection),
  };
}

/** Same rule as `isValidationCurrent` (view.ts). */
const validationCurrent = (validatedAt: string, updatedAt: string) => Date.parse(validatedAt) >= Date.parse(updatedAt);

/**
 * A list row as operations return it: the derived test URLs (they depend on the test port) and the certificate
 * warnings (they depend on the date) added to the stored columns.
 */
export function toConnectionSummary(row: Readonly<ConnectionListRow>, context: { testPort: number; now: Date }): ConnectionSummary {
  let warnings = row.warnings as ConnectionWarning[];
  if (row.certificates.length > 0) {
    const expiring = row.certificates.map((watched) => certificateWarning(watched, context.now)).filter((w): w is ConnectionWarning => w !== null);
    if (expiring.length > 0) warnings = [...warnings, ...expiring];
  }
  const validation = row.validatedAt !== null && validationCurrent(row.validatedAt, row.updatedAt);
  // Field by field, no spreads: this runs for every row of a 10,000-connection listing.
  if (row.protocol === 'oidc') {
    return {
      protocol: 'oidc',
      id: row.id,
      name: row.displayName,
      provider: row.provider,
      active: row.active,
      updatedAt: row.updatedAt,
      lastTest: row.lastTest,
      validatedAt: row.validatedAt,
      lastPass: row.lastPass,
      validationCurrent: validation,
      productionCallbackUrl: row.productionCallbackUrl,
      warnings,
      hasClientSecret: row.hasSecret,
      testRedirectUri: testRedirectUri(context.testPort, row.id),
    };
  }
  return {
    protocol: 'saml',
    id: row.id,
    name: row.displayName,
    provider: row.provider,
    active: row.active,
    updatedAt: row.updatedAt,
    lastTest: row.lastTest,
    validatedAt: row.validatedAt,
    lastPass: row.lastPass,
    validationCurrent: validation,
    productionCallbackUrl: row.productionCallbackUrl,
    warnings,
    hasPrivateKey: row.hasSecret,
    testAcsUrl: testAcsUrl(context.testPort, row.id),
    spEntityId: row.spEntityId ?? defaultSpEntityId(context.testPort, row.id),
  };
}
