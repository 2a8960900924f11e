import type { OidcSettingsPatch, PresetDescriptor, SamlSettingsPatch } from '../../../contract/index.js';

/** What a preset fills in: a partial connection and the vendor notes that apply to this tenant. */
export interface PresetFill {
  oidc?: OidcSettingsPatch;
  saml?: SamlSettingsPatch;
  notes: string[];
}

/**
 * One vendor preset: it describes the inputs it needs (tenant, domain, region…) and builds the vendor's endpoints
 * and claim names from them, so admins do not have to hunt for each URL in the vendor's console.
 */
export interface Preset extends PresetDescriptor {
  apply(inputs: Record<string, string>): PresetFill;
}
