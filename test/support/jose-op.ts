/**
 * A tiny, deliberately misbehaving OpenID Provider on 127.0.0.1 for negative tests, built with jose + node:http. It
 * issues whatever the test asks for through `op.scenario`: wrong claims, `alg: none`, a bad signature, a kid it never
 * publishes, a rotated key, a foreign callback `iss`, a userinfo about someone else. Authorization is automatic (no
 * login page): `op.authorize(url)` returns the callback URL a browser would be sent to.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Engine } from '../../main/core/engine.js';
import type { Ports } from '../../main/core/ports/index.js';

export interface JoseOpScenario {
  /** Claims over the defaults; a claim set to `undefined` is removed. */
  claims?: Record<string, unknown>;
  /** Header parameters over `{ alg: 'RS256', kid }`. */
  header?: Record<string, unknown>;
  /** Who signs: the published key, a stranger under the published kid (bad signature), a key never published, nobody. */
  signer?: 'current' | 'stranger' | 'unpublished' | 'none';
  /** Callback parameters: replace (string) or drop (null) state/iss, or answer with an error. */
  callback?: { state?: string | null; iss?: string | null; error?: string; errorDescription?: string };
  userinfo?: Record<string, unknown>;
  accessToken?: 'opaque' | 'jwt';
  tokenError?: { status: number; error: string; description?: string };
}

export interface JoseOp {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  clientId: string;
  clientSecret: string;
  user: Record<string, unknown>;
  /** Applied to every following request; tests set it per case. */
  scenario: JoseOpScenario;
  counts: { jwks: number; token: number; userinfo: number };
  /** Signs with a new key (new kid) from now on; the JWKS publishes it (and, unless `dropOld`, the old keys). */
  rotateKey(options?: { dropOld?: boolean }): Promise<string>;
  /** Plays the browser at the authorization endpoint: returns the redirect (callback) URL. */
  authorize(authorizeUrl: string): Promise<string>;
  stop(): Promise<void>;
}

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const read = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * `basicWithoutDecoding`: compare HTTP Basic credentials as sent, without form-decoding them (against RFC 6749 §2.3.1,
 * as some IdPs do), and answer refused credentials with a `WWW-Authenticate: Basic` challenge.
 */
export async function startJoseOp(options: { clientId?: string; clientSecret?: string; user?: Record<string, unknown>; advertiseIss?: boolean; basicWithoutDecoding?: boolean } = {}): Promise<JoseOp> {
  const clientId = options.clientId ?? 'jose-client';
  const clientSecret = options.clientSecret ?? 'jose-secret';
  const user = options.user ?? { sub: 'alice', email: 'alice@example.test', email_verified: true, name: 'Alice Admin', given_name: 'Alice', family_name: 'Admin', groups: ['sso-admins', 'ml-engineers'] };
  let current = await newKey('key-1');
  let published: Key[] = [current];
  const stranger = await newKey('key-1');
  const unpublished = await newKey('never-published');
  const codes = new Map<string, { nonce: string; challenge?: string; method?: string; redirectUri: string }>();
  const tokens = new Map<string, string>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const op: JoseOp = {
    issuer,
    authorizationEndpoint: `${issuer}/authorize`,
    tokenEndpoint: `${issuer}/token`,
    userinfoEndpoint: `${issuer}/userinfo`,
    jwksUri: `${issuer}/jwks`,
    clientId,
    clientSecret,
    user,
    scenario: {},
    counts: { jwks: 0, token: 0, userinfo: 0 },
    async rotateKey({ dropOld = false } = {}) {
      current = await newKey(`key-${published.length + 1}-${randomBytes(3).toString('hex')}`);
      published = dropOld ? [current] : [...published, current];
      return current.kid;
    },
    async authorize(authorizeUrl) {
      const response = await fetch(authorizeUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (!location) throw new Error(`authorize answered ${response.status} without a redirect: ${await response.text()}`);
      return location;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  async function idToken(nonce: string): Promise<string> {
    const s = op.scenario;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { iss: issuer, aud: clientId, iat: now, exp: now + 300, nonce, ...user, ...s.claims };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    const signer = s.signer ?? 'current';
    if (signer === 'none') {
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', ...s.header }));
      return `${header}.${base64url.encode(JSON.stringify(claims))}.`;
    }
    const key = signer === 'stranger' ? stranger : signer === 'unpublished' ? unpublished : current;
    const kid = signer === 'stranger' ? current.kid : key.kid;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT', ...s.header } as { alg: string }).sign(key.privateKey);
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    op.counts.token += 1;
    const form = await read(request);
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const decode = options.basicWithoutDecoding ? (part: string) => part : decodeURIComponent;
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decode) : [form.get('client_id'), form.get('client_secret')];
    if (id !== clientId || secret !== clientSecret) {
      if (options.basicWithoutDecoding) response.setHeader('www-authenticate', 'Basic realm="jose-op"');
      return json(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    if (op.scenario.tokenError) return json(response, op.scenario.tokenError.status, { error: op.scenario.tokenError.error, error_description: op.scenario.tokenError.description });
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown code or redirect_uri mismatch' });
    const verifier = form.get('code_verifier') ?? '';
    const computed = grant.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (grant.challenge && computed !== grant.challenge) return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const now = Math.floor(Date.now() / 1000);
    const accessToken =
      op.scenario.accessToken === 'jwt'
        ? await new SignJWT({ iss: issuer, sub: String(user.sub), aud: 'api://default', iat: now, exp: now + 300, scp: ['openid'], groups: user.groups }).setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'at+jwt' }).sign(current.privateKey)
        : randomBytes(24).toString('base64url');
    tokens.set(accessToken, String(user.sub));
    json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: await idToken(grant.nonce), scope: 'openid email profile' });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const handle = async () => {
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(response, 200, {
          issuer,
          authorization_endpoint: op.authorizationEndpoint,
          token_endpoint: op.tokenEndpoint,
          userinfo_endpoint: op.userinfoEndpoint,
          jwks_uri: op.jwksUri,
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          authorization_response_iss_parameter_supported: options.advertiseIss ?? true,
        });
      }
      if (url.pathname === '/jwks') {
        op.counts.jwks += 1;
        return json(response, 200, { keys: published.map((k) => k.jwk) });
      }
      if (url.pathname === '/token' && request.method === 'POST') return token(request, response);
      if (url.pathname === '/userinfo') {
        op.counts.userinfo += 1;
        const sub = tokens.get(/^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '');
        if (!sub) return json(response, 401, { error: 'invalid_token' });
        return json(response, 200, { ...user, sub, ...op.scenario.userinfo });
      }
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        const redirect = new URL(q.get('redirect_uri') ?? '');
        const cb = op.scenario.callback ?? {};
        if (cb.error) {
          redirect.searchParams.set('error', cb.error);
          if (cb.errorDescription) redirect.searchParams.set('error_description', cb.errorDescription);
        } else {
          const code = randomBytes(16).toString('base64url');
          codes.set(code, { nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? undefined, method: q.get('code_challenge_method') ?? undefined, redirectUri: redirect.href });
          redirect.searchParams.set('code', code);
        }
        const state = cb.state === undefined ? q.get('state') : cb.state;
        if (state !== null) redirect.searchParams.set('state', state);
        const iss = cb.iss === undefined ? issuer : cb.iss;
        if (iss !== null) redirect.searchParams.set('iss', iss);
        response.writeHead(302, { location: redirect.href });
        return response.end();
      }
      json(response, 404, { error: 'not_found' });
    };
    handle().catch((error: unknown) => json(response, 500, { error: 'server_error', error_description: String(error) }));
  });
  return op;
}

/**
 * An engine wired for live runs against a loopback OP: real Http and Loopback adapters, in-memory store and keychain,
 * the system clock, the test port on a free port. `call` unwraps results (throws with the error JSON otherwise).
 */
export async function createLiveEngine(options: { realIdpTools?: boolean } = {}): Promise<LiveEngine> {
  const { createEngine } = await import('../../main/core/engine.js');
  const { createNodeHttp } = await import('../../main/adapters/http/node-http.js');
  const { createNodeLoopback } = await import('../../main/adapters/loopback/index.js');
  const { systemClock } = await import('../../main/core/ports/clock.js');
  const { createTestPorts, createFakeIdpTools } = await import('./fakes.js');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const testPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const ports = createTestPorts({ http: createNodeHttp(), clock: systemClock, loopback: createNodeLoopback() });
  const engine = createEngine(ports, options.realIdpTools ? {} : { idpTools: createFakeIdpTools() });
  const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  await call('settings.update', { testPort });
  return { engine, ports, call, testPort, close: () => engine.close() };
}

export interface LiveEngine {
  engine: Engine;
  ports: Ports;
  call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T>;
  testPort: number;
  close(): Promise<void>;
}

/** `connections.create` input for an OIDC connection at a jose OP (client_secret_basic, group sync on). */
export function joseConnectionInput(op: JoseOp, name: string, oidc: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    protocol: 'oidc',
    provider: 'custom',
    displayName: name,
    clientSecret: op.clientSecret,
    oidc: {
      issuer: op.issuer,
      clientId: op.clientId,
      authorizationEndpoint: op.authorizationEndpoint,
      tokenEndpoint: op.tokenEndpoint,
      jwksUri: op.jwksUri,
      groupSync: { enabled: true, claim: 'groups' },
      ...oidc,
    },
  };
}
