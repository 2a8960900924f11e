import * as z from 'zod';
import { connectionProtocols } from './connection-fields.js';
import { anyProviderSchema, oidcSettingsPatchSchema, samlSettingsPatchSchema } from './connection-patch.js';

/** One input a preset asks for (a tenant, domain, region…), described for a form or CLI prompt. */
export const presetInputSchema = z.object({
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  placeholder: z.string().optional(),
  default: z.string().optional(),
  help: z.string().optional(),
});
export type PresetInput = z.infer<typeof presetInputSchema>;

/** A vendor preset: what it needs and what the admin should know about that vendor. */
export const presetDescriptorSchema = z.object({
  protocol: z.enum(connectionProtocols),
  provider: anyProviderSchema,
  label: z.string(),
  inputs: z.array(presetInputSchema),
  notes: z.array(z.string()),
});
export type PresetDescriptor = z.infer<typeof presetDescriptorSchema>;

export const applyPresetInputSchema = z
  .object({
    protocol: z.enum(connectionProtocols),
    provider: anyProviderSchema,
    inputs: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** A partial connection to start a form or a CLI create from, and the vendor quirks that apply. */
export const presetResultSchema = z.object({
  protocol: z.enum(connectionProtocols),
  provider: anyProviderSchema,
  oidc: oidcSettingsPatchSchema.optional(),
  saml: samlSettingsPatchSchema.optional(),
  notes: z.array(z.string()),
});
export type PresetResult = z.infer<typeof presetResultSchema>;
