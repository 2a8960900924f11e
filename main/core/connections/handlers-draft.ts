import type { ConnectionHandlerGroup } from './context.js';
import { oidcDraftFrom, samlDraftFrom } from './draft.js';
import { onField } from './on-field.js';

/** `connections.draftFromIdp`: one operation behind the wizard panels and `ssowb connections add --issuer/--metadata`. */
export const connectionDraftHandlers: ConnectionHandlerGroup<'connections.draftFromIdp'> = ({ ports, idp }) => ({
  'connections.draftFromIdp': async (input) => {
    if (input.protocol === 'oidc') {
      const discovery = await onField('issuer', 'Check the issuer URL: <issuer>/.well-known/openid-configuration must answer with JSON.', () =>
        idp.discoverOidc(ports.http, input.issuer),
      );
      return oidcDraftFrom(discovery);
    }
    const { url, xml, fileName } = input;
    const text = url
      ? await onField('url', 'Check the metadata URL in a browser; it must return the XML document.', () => idp.fetchIdpMetadata(ports.http, url))
      : (xml as string);
    const metadata = await onField(url ? 'url' : 'xml', 'Download the metadata XML again from the IdP app and paste it whole.', () =>
      idp.parseIdpMetadata(text, ports.clock.now()),
    );
    const source = url ? { kind: 'url' as const, value: url } : fileName ? { kind: 'file' as const, value: fileName } : undefined;
    return samlDraftFrom(metadata, source);
  },
});
