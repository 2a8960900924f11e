import type { ExportFormat, ExportOutput, StoredConnection } from '../../contract/index.js';
import { productionCallbackUrl } from '../../contract/schemas/connection-urls.js';
import type { ConnectionContext } from '../connections/context.js';
import { requireConnection } from '../connections/lookup.js';
import { testAcsUrl, testRedirectUri } from '../connections/urls.js';
import { spEntityIdOf } from '../connections/view.js';
import { readSettings } from '../handlers/settings-handlers.js';
import { arthurYaml } from './arthur-yaml.js';
import { clearmlApiRequest } from './clearml-api.js';
import { clearmlEnv } from './clearml-env.js';
import { slugOf } from './clearml-keys.js';
import { assertExportable } from './gate.js';
import { globalRoleDefsOf, storedRoles } from './global-role-defs.js';
import type { Store } from '../ports/store.js';
import { nativeConfigSha256, nativeJson } from './native-json.js';
import { readSecretValues, type SecretValues } from './secret-values.js';
import { buildStamp, sha256Hex, stampCommentLines, withHeader } from './stamp.js';

export interface ExportRequest {
  ref: string;
  format: ExportFormat;
  includeSecrets: boolean;
  force: boolean;
}

const extensions: Record<ExportFormat, string> = { 'arthur-yaml': 'arthur.yaml', 'clearml-env': 'clearml.env', 'clearml-api': 'clearml-api.json', json: 'connection.json' };
const languages = { 'arthur-yaml': 'yaml', 'clearml-env': 'env', 'clearml-api': 'json', json: 'json' } as const;

/** Exports one connection in one format: gate, secrets (only when asked), the format, the stamp, an audit entry. */
export async function exportConnection(context: ConnectionContext, request: ExportRequest): Promise<ExportOutput> {
  const { ports } = context;
  const connection = requireConnection(ports.store.connections, request.ref);
  assertExportable(connection, request.format, request.force);
  const secrets: SecretValues = request.includeSecrets ? await readSecretValues(ports.secrets, connection) : {};
  const { testPort } = readSettings(ports.store);
  const testUrls = connection.protocol === 'oidc' ? [testRedirectUri(testPort, connection.id)] : [testAcsUrl(testPort, connection.id)];
  const facts = { workbenchVersion: ports.runtime.version, exportedAt: ports.clock.now().toISOString() };
  const { content, configSha256 } = render(connection, request.format, { secrets, testUrls, testPort, facts, store: ports.store });
  const stamp = buildStamp(connection, { ...facts, configSha256 });
  const final = request.format === 'json' ? nativeJson(connection, stamp, request.includeSecrets ? secrets : undefined) : content(stamp);
  // Exporting is worth a trace (who took which config out, forced or not); the entry names secrets, never values.
  context.audit.record('connections.export', connection.id, {
    name: connection.displayName,
    format: request.format,
    includeSecrets: request.includeSecrets,
    secrets: Object.keys(secrets),
    validated: stamp.validated,
    ...(stamp.validated ? {} : { forced: request.force }),
    configSha256,
  });
  return {
    content: final,
    filename: `${slugOf(connection)}.${extensions[request.format]}`,
    format: request.format,
    language: languages[request.format],
    stamp,
    containsSecrets: Object.keys(secrets).length > 0,
  };
}

interface RenderContext {
  secrets: SecretValues;
  testUrls: string[];
  testPort: number;
  facts: { workbenchVersion: string; exportedAt: string };
  store: Pick<Store, 'roles'>;
}

type Stamped = (stamp: ReturnType<typeof buildStamp>) => string;

/** The body of each format and its hash; the header (with the stamp) is added once the hash is known. */
function render(connection: StoredConnection, format: ExportFormat, ctx: RenderContext): { content: Stamped; configSha256: string } {
  if (format === 'json') return { content: () => '', configSha256: nativeConfigSha256(connection) };
  const spEntityId = connection.protocol === 'saml' ? spEntityIdOf(connection, ctx.testPort) : '';
  if (format === 'clearml-api') {
    const request = clearmlApiRequest(connection, ctx.secrets, spEntityId);
    const configSha256 = sha256Hex(JSON.stringify(request.body));
    return {
      configSha256,
      content: (stamp) => {
        const header = {
          generatedBy: `SSO Workbench ${stamp.workbenchVersion}`,
          endpoint: 'sso.save_provider_configuration',
          usage: 'POST the "body" object (e.g. jq .body) to <ClearML API server>/sso.save_provider_configuration with an admin token.',
          validation: stamp.validated ? 'VALIDATED' : 'NOT VALIDATED (exported with --force)',
          stamp,
          configSha256Of: 'JSON.stringify(body) (compact, key order as written)',
          inferred: request.inferred,
          notes: request.notes,
        };
        return `${JSON.stringify({ header, body: request.body }, null, 2)}\n`;
      },
    };
  }
  const output =
    format === 'arthur-yaml'
      ? arthurYaml({ connection, globalRoleDefs: globalRoleDefsOf(storedRoles(ctx.store)), testUrls: ctx.testUrls })
      : clearmlEnv(connection, ctx.secrets, {
          callbackUrl: productionCallbackUrl({ ...connection, platform: 'clearml' }),
          spEntityId,
          testUrls: ctx.testUrls,
        });
  return {
    configSha256: sha256Hex(output.body),
    content: (stamp) => withHeader([...stampCommentLines(stamp, connection, format), ...output.notes], output.body),
  };
}
