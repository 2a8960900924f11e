// Seeds a real SQLite data directory at scale for the benchmarks: N connections (one made by the engine, the rest
// its document cloned under new ids and names, so every row is a document the engine wrote) and M test runs spread
// over the first connections. Bundles the TypeScript sources it needs with esbuild into .cache/ (no build needed).
import { randomUUID } from 'node:crypto';
import { importSources } from './import-sources.mjs';

export { importSources };

export const loadEngine = () =>
  importSources(
    `export { createEngine } from './main/core/engine.ts';
     export { openSqliteStore } from './main/adapters/sqlite-store/index.ts';
     export { createTestPorts, createFakeIdpTools } from './test/support/fakes.ts';`,
    'engine',
  );

const idp = 'https://sso.example.com/realms/ml/protocol/openid-connect';

/** A test-run record as History keeps it (same shape the engine writes). */
export function storedRun(runId, connection, at, outcome) {
  const report = {
    outcome,
    connection: { id: connection.id, name: connection.displayName, protocol: 'oidc' },
    source: 'live',
    at,
    checks: [{ id: 'oidc.id_token.exp', status: outcome === 'passed' ? 'pass' : 'fail', message: 'checked', hint: '' }],
    claims: { sub: 'alice', groups: ['ml-admins'] },
    claimOrigins: { sub: 'id_token' },
    user: { userId: 'alice', email: null, name: null, givenName: null, familyName: null, picture: null },
    groups: ['ml-admins'],
    resolution: { roles: [], unmatchedGroups: ['ml-admins'], organizations: [], denied: false, reason: 'no role matched', matches: [], permissions: {}, unpublishedRoles: [], clearml: null },
    details: { idToken: { header: { alg: 'RS256' } } },
    steps: [],
  };
  return { runId, connectionId: connection.id, connectionName: connection.displayName, protocol: 'oidc', source: 'live', outcome, at, failedChecks: outcome === 'failed' ? ['oidc.id_token.exp'] : [], report };
}

/**
 * Fills `dataDir` with `connections` connections and `runs` test runs (round-robin over the first `runsOver`
 * connections, one second apart). Returns the ids of the connections, in creation order.
 */
export async function seedStore(lib, dataDir, { connections, runs = 0, runsOver = 1000 }) {
  const store = lib.openSqliteStore(dataDir);
  const engine = lib.createEngine(lib.createTestPorts({ store }), { idpTools: lib.createFakeIdpTools() });
  const created = await engine.invoke('connections.create', {
    protocol: 'oidc',
    provider: 'keycloak',
    displayName: 'Connection 00000',
    webappUrl: 'https://app.clearml.example.com/',
    oidc: { issuer: 'https://sso.example.com/realms/ml', clientId: 'clearml', authorizationEndpoint: `${idp}/auth`, tokenEndpoint: `${idp}/token`, jwksUri: `${idp}/certs` },
  });
  if (!created.ok) throw new Error(`seed: ${JSON.stringify(created.error)}`);
  const template = store.connections.get(created.value.id);
  const documents = [template];
  for (let i = 1; i < connections; i++) {
    const name = `Connection ${String(i).padStart(5, '0')}`;
    documents.push({ ...template, id: randomUUID(), displayName: name, provider: i % 3 === 0 ? 'okta' : 'keycloak', active: i % 4 !== 0 });
  }
  store.transaction(() => documents.slice(1).forEach((doc) => store.connections.put(doc)));
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const over = documents.slice(0, Math.min(runsOver, documents.length));
  store.transaction(() => {
    for (let i = 0; i < runs; i++) {
      const at = new Date(base + i * 1000).toISOString();
      store.testRuns.add(storedRun(randomUUID(), over[i % over.length], at, i % 7 === 0 ? 'failed' : 'passed'));
    }
  });
  await engine.close();
  return documents.map((doc) => doc.id);
}
