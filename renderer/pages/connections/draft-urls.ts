import {
  defaultSpEntityId,
  productionCallbackUrl,
  testAcsUrl,
  testRedirectUri,
  webappUrlSchema,
  type ConnectionProtocol,
  type UrlSubject,
} from '../../../main/contract/index';

/**
 * Live previews of a draft's URLs while it is typed, with the engine's own rules (main/contract/schemas/connection-urls).
 * Once saved, the connection view's `productionCallbackUrl` / `testRedirectUri` / `testAcsUrl` are shown instead.
 */
export type { UrlSubject };

/** The production callback/ACS URL for the typed webapp URL; null while it is empty or not valid yet. */
export function draftProductionUrl(subject: UrlSubject): string | null {
  const parsed = webappUrlSchema.safeParse(subject.webappUrl ?? '');
  if (!subject.webappUrl?.trim() || !parsed.success) return null;
  return productionCallbackUrl({ ...subject, webappUrl: parsed.data });
}

const portOrPlaceholder = (testPort: number | undefined) => (testPort ?? '<test port>') as number;

/** The loopback test URL pattern for a draft: the port is known, the id is assigned on save. */
export function draftTestUrl(protocol: ConnectionProtocol, testPort: number | undefined): string {
  const port = portOrPlaceholder(testPort);
  return protocol === 'oidc' ? testRedirectUri(port, '<id>') : testAcsUrl(port, '<id>');
}

/** The default SP entity ID pattern of a SAML draft. */
export function draftSpEntityId(testPort: number | undefined): string {
  return defaultSpEntityId(portOrPlaceholder(testPort), '<id>');
}
