/**
 * A real OpenID Provider (oidc-provider 9, OpenID Certified) on 127.0.0.1 for integration and browser tests.
 *
 *   const peer = await startOidcPeer({ clients: [{ client_id: 'wb', client_secret: 's', redirect_uris: [...] }] });
 *   … peer.issuer …
 *   await peer.stop();
 *
 * Login pages are oidc-provider's dev interactions: a login name from `users` (any other name gets only `sub`), any
 * password, then a consent page (skipped with `autoConsent`). The signing key is fixed (oidc-signing-key.json) so
 * tokens and the JWKS stay the same across restarts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { quietOidcProvider } from './quiet-console.js';

/** OAuth client registration (RFC 7591 names), as oidc-provider takes it. */
export interface ClientMetadata {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  response_types?: string[];
  grant_types?: string[];
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none' | 'private_key_jwt';
  application_type?: 'web' | 'native';
  id_token_signed_response_alg?: string;
  [key: string]: unknown;
}

/** A fixed RS256 key (test-only, public in the repository) so tokens and JWKS are stable across restarts. */
const signingKey = JSON.parse(readFileSync(new URL('./oidc-signing-key.json', import.meta.url), 'utf8')) as Record<string, string>;

export type UserClaims = Record<string, unknown>;

export interface OidcPeerOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default: DEFAULT_CLIENT (confidential, client_secret_basic). */
  clients?: ClientMetadata[];
  /** Merged over DEFAULT_USERS by login name (the `sub`). */
  users?: Record<string, UserClaims>;
  /** Grant every requested scope without the consent page (faster browser tests). Default false. */
  autoConsent?: boolean;
  /** Extra oidc-provider configuration, shallow-merged last (e.g. `ttl`, `features`). */
  configuration?: Record<string, unknown>;
}

export interface OidcPeer {
  issuer: string;
  port: number;
  clients: ClientMetadata[];
  users: Record<string, UserClaims>;
  /** The public signing key (JWK) the provider signs ID tokens with. */
  publicJwk: Record<string, unknown>;
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT: ClientMetadata = {
  client_id: 'workbench-test',
  client_secret: 'workbench-test-secret',
  redirect_uris: ['http://127.0.0.1:8719/callback'],
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'client_secret_basic',
};

/** Three shapes real IdPs produce: a full profile, unverified email with a single-string group, and a bare account. */
export const DEFAULT_USERS: Record<string, UserClaims> = {
  alice: {
    email: 'alice@example.test',
    email_verified: true,
    name: 'Alice Admin',
    given_name: 'Alice',
    family_name: 'Admin',
    preferred_username: 'alice',
    groups: ['sso-admins', 'ml-engineers'],
  },
  bob: { email: 'bob@example.test', email_verified: false, name: 'Bob Viewer', preferred_username: 'bob', groups: 'viewers' },
  carol: { name: 'Carol NoMail', preferred_username: 'carol' },
};

interface OidcContext {
  oidc: {
    client: { clientId: string };
    session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamScopes: Set<string>;
    provider: { Grant: { new (init: object): GrantLike; find(id: string): Promise<GrantLike | undefined> } };
  };
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

/** Auto-consent: a grant covering every requested scope, as a first-party IdP configuration would do. */
async function grantEverything(ctx: OidcContext): Promise<GrantLike | undefined> {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  const grant = (grantId && (await oidc.provider.Grant.find(grantId))) || new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
  grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
  await grant.save();
  return grant;
}

export async function startOidcPeer(options: OidcPeerOptions = {}): Promise<OidcPeer> {
  const release = quietOidcProvider();
  const server: Server = createServer();
  try {
    // Imported here, not at the top, so its import-time "Unsupported runtime" notice is filtered too.
    const { default: Provider } = await import('oidc-provider');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const issuer = `http://127.0.0.1:${port}`;
    const users = { ...DEFAULT_USERS, ...options.users };
    const clients = options.clients ?? [DEFAULT_CLIENT];

    const provider = new Provider(issuer, {
      clients,
      jwks: { keys: [signingKey] },
      // Any other login name is a bare account (sub only), like dev interactions' "any login": never a 500.
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...users[sub] }) }),
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name', 'preferred_username'],
        groups: ['groups'],
      },
      scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true }, revocation: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      // Every server on 127.0.0.1 shares one cookie jar across ports: names carry the port so peers never collide.
      cookies: {
        names: { session: `_op_session_${port}`, interaction: `_op_interaction_${port}`, resume: `_op_resume_${port}` },
        keys: ['sso-workbench-oidc-peer-cookie-key'],
      },
      ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 86_400, Interaction: 600, Session: 3600, Grant: 3600 },
      ...(options.autoConsent ? { loadExistingGrant: grantEverything } : {}),
      ...options.configuration,
    });
    server.on('request', provider.callback());
    server.removeAllListeners('error');

    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingKey;
    let stopped: Promise<void> | undefined;
    return {
      issuer,
      port,
      clients,
      users,
      publicJwk,
      stop: () =>
        (stopped ??= new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }).finally(release)),
    };
  } catch (error) {
    server.close();
    release();
    throw error;
  }
}
