import type { Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import {
  connectionCreateInputSchema,
  oidcConnectionSettingsSchema,
  oidcSecretInputFields,
  oidcSettingsSchema,
  refineConnectionSettings,
  samlConnectionSettingsSchema,
  samlIdpSchema,
  samlSecretInputFields,
  samlSettingsSchema,
  type ConnectionView,
  type PresetResult,
} from '../../../main/contract/index';
import { isPlainObject, mergeDeep, pruneBlankOptionals } from './form-values';

/**
 * The connection forms hold exactly what `connections.create` takes (settings + write-only secrets), so the contract's
 * schemas validate them as they are and engine issue paths (`oidc.jwksUri`) name form fields directly. Nothing here
 * redefines a field: defaults come from parsing the contract's schemas, validation is the contract's.
 */
const oidcVariant = oidcConnectionSettingsSchema.extend(oidcSecretInputFields);
const samlVariant = samlConnectionSettingsSchema.extend(samlSecretInputFields);

export type OidcFormValues = z.input<typeof oidcVariant>;
export type SamlFormValues = z.input<typeof samlVariant>;
export type OidcFormOutput = z.output<typeof oidcVariant>;
export type SamlFormOutput = z.output<typeof samlVariant>;
export type OidcView = Extract<ConnectionView, { protocol: 'oidc' }>;
export type SamlView = Extract<ConnectionView, { protocol: 'saml' }>;

/**
 * Edits validate the settings with the same cross-field rules; the create-only rule "sign requests needs a private key
 * in this request" does not apply (the key may already be in the keychain: the engine checks that on save).
 */
const editSchema = (variant: z.ZodObject) =>
  variant.superRefine((value, ctx) => {
    const keyComing = value.protocol === 'saml' && Boolean(value.pendingKeyId || value.privateKeyPem);
    refineConnectionSettings(value as { protocol: string }, ctx, keyComing);
  });
const oidcEditSchema = editSchema(oidcVariant);
const samlEditSchema = editSchema(samlVariant);

export type FormKind = 'create' | 'edit';

/** zodResolver over the contract schema, after blank optional inputs ('' in a text box) are read as "not set". */
function resolverFor<V extends Record<string, unknown>, O>(variant: z.ZodObject, schema: z.ZodType): Resolver<V, unknown, O> {
  const inner = zodResolver(schema as z.ZodType<unknown, Record<string, unknown>>) as unknown as Resolver<Record<string, unknown>, unknown, O>;
  return (values, context, options) => inner(pruneBlankOptionals(variant, values) as Record<string, unknown>, context, options as never) as never;
}

export const oidcResolver = (kind: FormKind) =>
  resolverFor<OidcFormValues, OidcFormOutput>(oidcVariant, kind === 'create' ? connectionCreateInputSchema : oidcEditSchema);
export const samlResolver = (kind: FormKind) =>
  resolverFor<SamlFormValues, SamlFormOutput>(samlVariant, kind === 'create' ? connectionCreateInputSchema : samlEditSchema);

/** What the form shows for a new OIDC connection: the contract's defaults, then the preset's draft over them. */
export function oidcDraft(provider: string, preset: PresetResult | null): OidcFormValues {
  const common = oidcConnectionSettingsSchema.partial().parse({});
  const defaults = oidcSettingsSchema.partial().parse({});
  const blanks = { issuer: '', clientId: '', authorizationEndpoint: '', tokenEndpoint: '', revocationEndpoint: '', userinfoEndpoint: '', jwksUri: '' };
  const oidc = mergeDeep(mergeDeep(blanks, defaults), preset?.oidc ?? {});
  return { ...common, protocol: 'oidc', provider: provider as OidcFormValues['provider'], displayName: '', webappUrl: '', oidc, clientSecret: '' } as OidcFormValues;
}

/** What the form shows for a new SAML connection. */
export function samlDraft(provider: string, preset: PresetResult | null): SamlFormValues {
  const common = samlConnectionSettingsSchema.partial().parse({});
  const defaults = samlSettingsSchema.partial().parse({});
  const idp = mergeDeep({ entityId: '', ssoUrl: '', ...samlIdpSchema.partial().parse({}) }, isPlainObject(preset?.saml?.idp) ? preset.saml.idp : {});
  const saml = { spEntityId: '', nameIdFormat: '', ...mergeDeep(defaults, { ...(preset?.saml ?? {}), idp: undefined }), idp };
  return { ...common, protocol: 'saml', provider: provider as SamlFormValues['provider'], displayName: '', webappUrl: '', saml, privateKeyPem: '' } as SamlFormValues;
}

/** The settings of a saved connection, as form values (no bookkeeping, no derived URLs, secrets empty). */
export function oidcFormFromView(view: OidcView): OidcFormValues {
  const { protocol, provider, displayName, active, webappUrl, platform, oidc } = view;
  return { protocol, provider, displayName, active, webappUrl: webappUrl ?? '', platform, oidc: structuredClone(oidc), clientSecret: '' };
}

export function samlFormFromView(view: SamlView): SamlFormValues {
  const { protocol, provider, displayName, active, webappUrl, platform, saml } = view;
  return { protocol, provider, displayName, active, webappUrl: webappUrl ?? '', platform, saml: structuredClone(saml), privateKeyPem: '' };
}
