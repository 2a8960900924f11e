/** In-memory fakes of the engine's ports, for unit tests that run the engine whole. */
import { nameKey, type AuditEntry, type KeychainStatus, type Organization, type PushRecord, type Role, type StoredConnection, type StoredTarget } from '../../main/contract/index.js';
import type {
  Clock,
  ConnectionListQuery,
  ConnectionListRow,
  ConnectionRepo,
  Http,
  HttpRequest,
  HttpResponse,
  Loopback,
  LoopbackReply,
  LoopbackRoute,
  Ports,
  SecretStore,
  Store,
  StoredTestRun,
  TestRunQuery,
  TestRunRepo,
} from '../../main/core/ports/index.js';
import { silentLogger } from '../../main/core/log/logger.js';
import type { IdpTools } from '../../main/core/connections/idp-tools.js';
import { listRowOf, sortKeyOf } from '../../main/core/connections/list-row.js';

export class MemorySecretStore implements SecretStore {
  readonly items = new Map<string, string>();
  state: KeychainStatus = { state: 'available', detail: 'In-memory test keychain.', backend: 'memory' };
  async status() {
    return this.state;
  }
  async set(account: string, secret: string) {
    this.items.set(account, secret);
  }
  async get(account: string) {
    return this.items.get(account) ?? null;
  }
  async delete(account: string) {
    return this.items.delete(account);
  }
  async accounts() {
    return [...this.items.keys()];
  }
  async close() {}
}

/** In-memory ConnectionRepo: documents kept as JSON text (like SQLite), name unique on its name key (like SQLite). */
export class MemoryConnectionRepo implements ConnectionRepo {
  readonly rows = new Map<string, string>();
  list() {
    return [...this.rows.values()].map((json) => JSON.parse(json) as StoredConnection);
  }
  get(id: string) {
    const json = this.rows.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as StoredConnection);
  }
  findByName(name: string) {
    const key = nameKey(name);
    return this.list().find((c) => nameKey(c.displayName) === key);
  }
  put(connection: StoredConnection) {
    const clash = this.findByName(connection.displayName);
    if (clash && clash.id !== connection.id) throw new Error('UNIQUE constraint failed: connections.name_lower');
    this.rows.set(connection.id, JSON.stringify(connection));
  }
  /** The same rules as the SQLite list table: rows from `listRowOf`, filtered, in (sort key, id) order, then the page. */
  listRows<T>(query: ConnectionListQuery, map: (row: Readonly<ConnectionListRow>) => T) {
    const needle = query.search?.toLowerCase();
    const matched = this.list()
      .map((connection) => listRowOf(connection))
      .filter((r) => query.protocol === undefined || r.protocol === query.protocol)
      .filter((r) => query.active === undefined || r.active === query.active)
      .filter((r) => query.ids === undefined || query.ids.includes(r.id))
      .filter((r) => !needle || [r.displayName, r.id, r.provider].some((v) => v.toLowerCase().includes(needle)))
      .map((r) => ({ r, key: sortKeyOf(r.displayName) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.r.id < b.r.id ? -1 : 1))
      .map(({ r }) => r);
    const offset = query.offset ?? 0;
    return { rows: matched.slice(offset, query.limit === undefined ? undefined : offset + query.limit).map(map), total: matched.length };
  }
  delete(id: string) {
    return this.rows.delete(id);
  }
}

/** In-memory History: JSON text like SQLite (so a report that cannot round-trip fails here too), newest first. */
export class MemoryTestRunRepo implements TestRunRepo {
  readonly rows: string[] = [];
  add(run: StoredTestRun) {
    this.rows.push(JSON.stringify(run));
  }
  private all(): StoredTestRun[] {
    return this.rows.map((json) => JSON.parse(json) as StoredTestRun).reverse();
  }
  private matching({ connectionId, outcome }: TestRunQuery) {
    return this.all().filter((run) => (connectionId === undefined || run.connectionId === connectionId) && (outcome === undefined || run.outcome === outcome));
  }
  list(query: TestRunQuery) {
    const offset = query.offset ?? 0;
    return this.matching(query)
      .slice(offset, offset + query.limit)
      .map(({ report: _report, ...summary }) => summary);
  }
  page(query: TestRunQuery) {
    return { runs: this.list(query), total: this.matching(query).length };
  }
  get(id: string) {
    return this.all().find((run) => run.runId === id);
  }
}

/** In-memory document table with a unique name key (nameKey), like the SQLite repos (orgs, roles, targets). */
export class MemoryNamedRepo<T extends { id: string; name: string }> {
  readonly rows = new Map<string, string>();
  constructor(private readonly what: string) {}
  list(): T[] {
    return [...this.rows.values()].map((json) => JSON.parse(json) as T).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  }
  get(id: string): T | undefined {
    const json = this.rows.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }
  findByName(name: string): T | undefined {
    const key = nameKey(name);
    return this.list().find((item) => nameKey(item.name) === key);
  }
  put(item: T): void {
    const clash = this.findByName(item.name);
    if (clash && clash.id !== item.id) throw new Error(`UNIQUE constraint failed: ${this.what}.name_lower`);
    this.rows.set(item.id, JSON.stringify(item));
  }
  delete(id: string): boolean {
    return this.rows.delete(id);
  }
}

export function createMemoryStore(): Store {
  const settings = new Map<string, unknown>();
  const audit: AuditEntry[] = [];
  const connections = new MemoryConnectionRepo();
  const testRuns = new MemoryTestRunRepo();
  const organizations = new MemoryNamedRepo<Organization>('organizations');
  const roles = new MemoryNamedRepo<Role>('roles');
  const targets = new MemoryNamedRepo<StoredTarget>('targets');
  const rehearsalOrganizations = new MemoryNamedRepo<Organization>('rehearsal_organizations');
  const rehearsalRoles = new MemoryNamedRepo<Role>('rehearsal_roles');
  const pushes: string[] = [];
  return {
    settings: {
      getAll: () => Object.fromEntries(settings),
      set: (key, value) => void settings.set(key, value),
    },
    audit: {
      append(entry) {
        const stored = { ...entry, id: audit.length + 1 };
        audit.push(stored);
        return stored;
      },
      list: ({ limit, before }) =>
        audit
          .filter((e) => before === undefined || e.id < before)
          .reverse()
          .slice(0, limit),
    },
    connections,
    testRuns,
    organizations,
    roles,
    targets,
    pushes: {
      add: (push) => void pushes.push(JSON.stringify(push)),
      list: ({ limit }) =>
        pushes
          .map((json) => JSON.parse(json) as PushRecord)
          .reverse()
          .slice(0, limit)
          .map(({ plan: _plan, results: _results, ...summary }) => summary),
      get: (id) => pushes.map((json) => JSON.parse(json) as PushRecord).find((push) => push.id === id),
    },
    rehearsal: { organizations: rehearsalOrganizations, roles: rehearsalRoles },
    transaction: (work) => {
      // Roll back connections, orgs, roles, audit entries and History when the work throws, as SQLite would.
      const rows = new Map(connections.rows);
      const named = [organizations, roles, targets, rehearsalOrganizations, rehearsalRoles].map((repo) => [repo, new Map(repo.rows)] as const);
      const auditLength = audit.length;
      const runsLength = testRuns.rows.length;
      try {
        return work();
      } catch (error) {
        connections.rows.clear();
        for (const [id, json] of rows) connections.rows.set(id, json);
        for (const [repo, saved] of named) {
          repo.rows.clear();
          for (const [id, json] of saved) repo.rows.set(id, json);
        }
        audit.length = auditLength;
        testRuns.rows.length = runsLength;
        throw error;
      }
    },
    close: () => undefined,
  };
}

export class FixedClock implements Clock {
  constructor(public current = new Date('2026-11-23T10:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** An Http port that answers from a table of URL → response; unknown URLs fail like a refused connection. */
export class TableHttp implements Http {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly table: Record<string, Partial<HttpResponse> & { body: string }> = {}) {}
  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const hit = this.table[request.url];
    if (!hit) throw new Error(`connect ECONNREFUSED ${request.url}`);
    return { status: 200, headers: {}, url: request.url, ...hit };
  }
}

export function createTestPorts(overrides: Partial<Ports> = {}): Ports & {
  secrets: SecretStore;
  clock: Clock;
} {
  return {
    store: createMemoryStore(),
    secrets: new MemorySecretStore(),
    http: new TableHttp(),
    clock: new FixedClock(),
    log: silentLogger,
    runtime: { version: '0.0.0-test', mode: 'cli', dataDir: '/nonexistent', platform: 'linux', actor: 'test' },
    ...overrides,
  };
}

/**
 * Fake IdP helpers for connection tests (the real ones live in main/core/idp). Certificates are fake PEMs whose body
 * is `FAKE|<subject>|<notAfter ISO>|<keyId>`; a private key `KEY|<keyId>` matches the certificate with that keyId.
 */
export function fakeCertificatePem(subject: string, notAfter: string, keyId = subject): string {
  return `-----BEGIN CERTIFICATE-----\nFAKE|${subject}|${notAfter}|${keyId}\n-----END CERTIFICATE-----`;
}
export const fakePrivateKeyPem = (keyId: string): string => `-----BEGIN PRIVATE KEY-----\nKEY|${keyId}\n-----END PRIVATE KEY-----`;

export function createFakeIdpTools(): IdpTools & { calls: string[] } {
  const calls: string[] = [];
  const describe = (pem: string, now: Date) => {
    const body = /FAKE\|([^|]*)\|([^|]*)\|([^\n]*)/.exec(pem);
    if (!body) throw new Error('Not a certificate: the PEM body is not valid base64 DER.');
    const [, subject = '', notAfter = '', keyId = ''] = body;
    const days = Math.floor((Date.parse(notAfter) - now.getTime()) / 86_400_000);
    return {
      pem: pem.trim(),
      subject: `CN=${subject}`,
      issuer: `CN=${subject}`,
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter,
      fingerprintSha256: `SHA256:${keyId}`,
      expired: days < 0,
      expiresInDays: days,
    };
  };
  return {
    calls,
    discoverOidc: async (_http, issuer) => {
      calls.push(`discover ${issuer}`);
      if (issuer.includes('broken')) throw new Error('The discovery document is not JSON.');
      return {
        issuer,
        authorizationEndpoint: `${issuer}/authorize`,
        tokenEndpoint: `${issuer}/token`,
        jwksUri: `${issuer}/jwks`,
        codeChallengeMethodsSupported: ['S256'],
        idTokenSigningAlgValuesSupported: ['RS256'],
        scopesSupported: ['openid', 'email'],
        claimsSupported: ['sub', 'email'],
        tokenEndpointAuthMethodsSupported: [],
        warnings: [],
      };
    },
    fetchIdpMetadata: async (_http, url) => {
      calls.push(`fetch ${url}`);
      return `<EntityDescriptor entityID="${url}"/>`;
    },
    parseIdpMetadata: (xml, now) => {
      if (!xml.includes('EntityDescriptor')) throw new Error('Not SAML metadata: no EntityDescriptor element.');
      return {
        entityId: /entityID="([^"]*)"/.exec(xml)?.[1] ?? 'https://idp.example.com',
        ssoUrl: 'https://idp.example.com/sso',
        ssoBinding: 'HTTP-Redirect',
        certificates: [describe(fakeCertificatePem('idp', '2030-01-01T00:00:00.000Z'), now)],
        nameIdFormats: [],
        wantAuthnRequestsSigned: false,
        warnings: [],
      };
    },
    describeCertificate: (pem, now) => describe(pem, now),
    generateSigningKeyPair: async ({ commonName, validityDays, now }) => {
      const keyId = `gen-${calls.length}`;
      calls.push(`generate ${commonName}`);
      const certificatePem = fakeCertificatePem(commonName, new Date(now.getTime() + validityDays * 86_400_000).toISOString(), keyId);
      return { certificatePem, privateKeyPem: fakePrivateKeyPem(keyId), certificate: describe(certificatePem, now) };
    },
    checkKeyPair: (certificatePem, privateKeyPem) => {
      const keyId = /FAKE\|[^|]*\|[^|]*\|([^\n]*)/.exec(certificatePem)?.[1];
      if (!privateKeyPem.includes(`KEY|${keyId}`)) throw new Error('The private key does not match the certificate.');
    },
    buildSpMetadata: (options) =>
      `<EntityDescriptor entityID="${options.entityId}"><AssertionConsumerService Location="${options.acsUrl}"/>${options.signingCertificatePem ? '<KeyDescriptor/>' : ''}</EntityDescriptor>`,
  };
}

/**
 * A Loopback port without sockets: records the bound port and routes; `deliver` plays the browser arriving on a
 * path (Host already accepted) and returns what the tab would show.
 */
export class FakeLoopback implements Loopback {
  readonly routes = new Map<string, LoopbackRoute>();
  port: number | undefined;
  closed = false;
  async listen(port: number) {
    this.port = port;
    return port;
  }
  route(path: string, handler: LoopbackRoute) {
    this.routes.set(path, handler);
    return () => void this.routes.delete(path);
  }
  async close() {
    this.closed = true;
  }
  async deliver(url: string, method = 'GET', form: Record<string, string> = {}): Promise<LoopbackReply> {
    const parsed = new URL(url);
    const route = this.routes.get(parsed.pathname);
    if (!route) return { status: 404, title: 'Not found', text: '' };
    return route({ method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), form });
  }
}
