/**
 * Starts the test peers by hand, for exploring or for a manual run of the app against them:
 *
 *   npx jiti test/peers/start-peers.ts [--oidc-port 4000] [--saml-port 4001] [--acs http://127.0.0.1:8719/saml/acs]
 *
 * Prints the URLs and the users, and stops both peers (whole php process group) on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startOidcPeer } from './oidc-peer.js';
import { startSamlPeer } from './saml-peer.js';

const { values } = parseArgs({
  options: {
    'oidc-port': { type: 'string' },
    'saml-port': { type: 'string' },
    'redirect-uri': { type: 'string', default: 'http://127.0.0.1:8719/callback' },
    acs: { type: 'string', default: 'http://127.0.0.1:8719/saml/acs' },
    'sp-entity-id': { type: 'string', default: 'urn:sso-workbench:test-sp' },
  },
});
const port = (value: string | undefined) => (value ? Number(value) : undefined);

const started = performance.now();
const [oidc, saml] = await Promise.all([
  startOidcPeer({
    port: port(values['oidc-port']),
    clients: [{ client_id: 'workbench-test', client_secret: 'workbench-test-secret', redirect_uris: [values['redirect-uri'] ?? ''] }],
  }),
  startSamlPeer({ port: port(values['saml-port']), acsUrl: values.acs, spEntityId: values['sp-entity-id'] }),
]);
console.log(`Peers up in ${Math.round(performance.now() - started)} ms.
OIDC  issuer        ${oidc.issuer}   (client workbench-test / workbench-test-secret, redirect ${values['redirect-uri']})
      users         alice, bob, carol (any password)
SAML  metadata      ${saml.metadataUrl}
      SP            ${values['sp-entity-id']} → ${values.acs}
      users         alice/alicepass, bob/bobpass, carol/carolpass
      config dir    ${saml.configDir}
Ctrl-C stops both.`);

const stop = async () => {
  await Promise.all([oidc.stop(), saml.stop()]);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
