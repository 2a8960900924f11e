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

/** The loopback test URL of a draft: final once the draft has its id (the wizard picks it when the draft starts). */
export function draftTestUrl(protocol: ConnectionProtocol, testPort: number | undefined, draftId = '<id>'): string {
  const port = portOrPlaceholder(testPort);
  return protocol === 'oidc' ? testRedirectUri(port, draftId) : testAcsUrl(port, draftId);
}

/** The default SP entity ID of a SAML draft. */
export function draftSpEntityId(testPort: number | undefined, draftId = '<id>'): string {
  return defaultSpEntityId(portOrPlaceholder(testPort), draftId);
}
