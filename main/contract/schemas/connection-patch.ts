import * as z from 'zod';
import { certificateInfoSchema, connectionPlatforms, displayNameSchema, generateKeyPairOptionsSchema, oidcProviders, samlProviders, webappUrlSchema } from './connection-fields.js';
import { oidcSettingsSchema, type OidcSettings } from './connection-oidc.js';
import { metadataSourceSchema, samlSettingsSchema, type SamlSettings } from './connection-saml.js';

/**
 * A deep patch: every field optional, nested groups patchable field by field, arrays replaced whole, and an optional
 * field cleared with `null`. Defaults are stripped on purpose: zod 4 applies defaults inside `.optional()`, which
 * would silently reset stored values on every patch.
 */
export type Patch<T> = {
  [K in keyof T]?: undefined extends T[K] ? PatchValue<Exclude<T[K], undefined>> | null : PatchValue<T[K]>;
};
type PatchValue<V> = V extends readonly unknown[] ? V : V extends Record<string, unknown> ? Patch<V> : V;

/** Objects patched whole (a certificate is one fact, not a set of fields). */
const atomic = new Set<unknown>([certificateInfoSchema, metadataSourceSchema]);

type AnySchema = z.ZodType & { def: { type: string; innerType?: z.ZodType }; shape?: Record<string, z.ZodType> };

function patchOf(schema: z.ZodType): z.ZodType {
  let inner = schema as AnySchema;
  let optional = false;
  for (;;) {
    const type = inner.def.type;
    if (type === 'default' || type === 'prefault') inner = inner.def.innerType as AnySchema;
    else if (type === 'optional') {
      optional = true;
      inner = inner.def.innerType as AnySchema;
    } else break;
  }
  let result: z.ZodType = inner;
  if (inner.def.type === 'object' && inner.shape && !atomic.has(inner)) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(inner.shape)) shape[key] = patchOf(field).optional();
    result = z.object(shape).strict();
  }
  return optional ? result.nullable() : result;
}

/** Builds the patch schema of an object schema (see `Patch`). */
export function patchSchemaOf<S extends z.ZodObject>(schema: S): z.ZodType<Patch<z.output<S>>> {
  return patchOf(schema) as z.ZodType<Patch<z.output<S>>>;
}

/** Extra authorization parameters are patched key by key: a value sets one parameter, `null` removes it. */
export type OidcSettingsPatch = Omit<Patch<OidcSettings>, 'authParams'> & { authParams?: Record<string, string | null> };
export const oidcSettingsPatchSchema = (patchOf(oidcSettingsSchema) as z.ZodObject).extend({
  authParams: z.record(z.string(), z.string().nullable()).optional(),
}) as unknown as z.ZodType<OidcSettingsPatch>;
export const samlSettingsPatchSchema = patchSchemaOf(samlSettingsSchema);
export type SamlSettingsPatch = Patch<SamlSettings>;

/** Any provider of either protocol; the merged result is checked against the connection's protocol. */
export const anyProviderSchema = z.enum([...new Set([...oidcProviders, ...samlProviders])] as [string, ...string[]], {
  error: `Unknown provider: use one of ${[...new Set([...oidcProviders, ...samlProviders])].join(', ')}.`,
});

/**
 * `connections.update` input: the connection (`id`: its id or name), the fields to change, and secrets where
 * omitted = keep, `null` = delete, a value = replace. The protocol cannot change (create a new connection).
 */
export const connectionUpdateInputSchema = z
  .object({
    id: z.string().trim().min(1, 'id is empty: give the connection id or name.'),
    provider: anyProviderSchema.optional(),
    displayName: displayNameSchema.optional(),
    active: z.boolean().optional(),
    webappUrl: webappUrlSchema.nullable().optional(),
    platform: z.enum(connectionPlatforms).optional(),
    oidc: oidcSettingsPatchSchema.optional(),
    saml: samlSettingsPatchSchema.optional(),
    clientSecret: z.string().min(1, 'Client secret is empty: paste it, use null to delete it, or leave it out to keep it.').nullable().optional(),
    privateKeyPem: z.string().min(1, 'Private key is empty: paste it, use null to delete it, or leave it out to keep it.').nullable().optional(),
    generateKeyPair: generateKeyPairOptionsSchema.optional(),
    pendingKeyId: z.string().uuid('pendingKeyId is not an id returned by connections.generateKeyPair.').optional(),
  })
  .strict();
export type ConnectionUpdateInput = z.output<typeof connectionUpdateInputSchema>;
