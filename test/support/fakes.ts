/** In-memory fakes of the engine's ports, for unit tests that run the engine whole. */
import type { AuditEntry, KeychainStatus } from '../../main/contract/index.js';
import type { Clock, Http, HttpRequest, HttpResponse, Ports, SecretStore, Store } from '../../main/core/ports/index.js';
import { silentLogger } from '../../main/core/log/logger.js';

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
  async close() {}
}

export function createMemoryStore(): Store {
  const settings = new Map<string, unknown>();
  const audit: AuditEntry[] = [];
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
    transaction: (work) => work(),
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
