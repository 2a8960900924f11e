import type { ConnectionView, StoredConnection } from '../../contract/index.js';
import { connectionWarnings } from './warnings.js';
import { defaultSpEntityId, productionCallbackUrl, productionSpEntityId, testAcsUrl, testRedirectUri } from './urls.js';

/** True when the last passing test/inspect is at least as new as the last change: what export gates ask. */
export function isValidationCurrent(connection: Pick<StoredConnection, 'validatedAt' | 'updatedAt'>): boolean {
  return connection.validatedAt !== null && Date.parse(connection.validatedAt) >= Date.parse(connection.updatedAt);
}

/** The SP entity ID a SAML connection presents: the override, else the loopback default. */
export function spEntityIdOf(connection: StoredConnection & { protocol: 'saml' }, testPort: number): string {
  return connection.saml.spEntityId ?? defaultSpEntityId(testPort, connection.id);
}

/**
 * Builds what operations return: the stored document plus derived URLs, validation currency and warnings.
 * Nothing secret is in the document, and the view schema is strict, so nothing secret can be added by accident.
 */
export function toConnectionView(connection: StoredConnection, context: { testPort: number; now: Date }): ConnectionView {
  const common = {
    name: connection.displayName,
    productionCallbackUrl: productionCallbackUrl(connection),
    validationCurrent: isValidationCurrent(connection),
  };
  if (connection.protocol === 'oidc') {
    return {
      ...connection,
      ...common,
      warnings: connectionWarnings(connection, { now: context.now, hasClientSecret: connection.hasClientSecret }),
      testRedirectUri: testRedirectUri(context.testPort, connection.id),
    };
  }
  const spEntityId = spEntityIdOf(connection, context.testPort);
  return {
    ...connection,
    ...common,
    warnings: connectionWarnings(connection, { now: context.now }),
    testAcsUrl: testAcsUrl(context.testPort, connection.id),
    spEntityId,
    productionSpEntityId: productionSpEntityId(connection, spEntityId),
  };
}
