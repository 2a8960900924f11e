import type { PresetDescriptor, PresetResult } from '../../../contract/index.js';
import { AppError } from '../../app-error.js';
import { auth0Preset } from './auth0.js';
import { azurePreset } from './azure.js';
import { cognitoPreset } from './cognito.js';
import { customOidcPreset, customSamlPreset } from './custom.js';
import { duoPreset } from './duo.js';
import { googleSamlPreset } from './google-saml.js';
import { googleOidcPreset } from './google.js';
import { jumpcloudPreset } from './jumpcloud.js';
import { keycloakPreset } from './keycloak.js';
import { microsoftAdSamlPreset } from './microsoft-ad-saml.js';
import { microsoftAdOidcPreset } from './microsoft-ad.js';
import { oktaPreset } from './okta.js';
import { pingPreset } from './ping.js';
import type { Preset } from './types.js';

/** Every preset, in ClearML's order (OIDC then SAML, Custom last). */
export const presets: readonly Preset[] = [
  auth0Preset,
  cognitoPreset,
  googleOidcPreset,
  keycloakPreset,
  microsoftAdOidcPreset,
  azurePreset,
  oktaPreset,
  pingPreset,
  customOidcPreset,
  duoPreset,
  googleSamlPreset,
  jumpcloudPreset,
  microsoftAdSamlPreset,
  customSamlPreset,
];

/** Descriptors only (what a form or CLI prompt needs). */
export function listPresets(): PresetDescriptor[] {
  return presets.map(({ protocol, provider, label, inputs, notes }) => ({ protocol, provider, label, inputs, notes }));
}

/**
 * Builds a connection draft for a vendor from its tenant inputs. Google, Microsoft AD and Custom exist for both
 * protocols, hence the protocol in the key.
 */
export function applyPreset(key: { protocol: 'oidc' | 'saml'; provider: string }, inputs: Record<string, string> = {}): PresetResult {
  const preset = presets.find((p) => p.protocol === key.protocol && p.provider === key.provider);
  if (!preset) {
    const known = presets.filter((p) => p.protocol === key.protocol).map((p) => p.provider);
    throw new AppError('invalid_input', `provider: no ${key.protocol.toUpperCase()} preset "${key.provider}"; use one of ${known.join(', ')}.`, { field: 'provider' });
  }
  const fill = preset.apply(inputs);
  return { protocol: preset.protocol, provider: preset.provider, ...(fill.oidc ? { oidc: fill.oidc } : {}), ...(fill.saml ? { saml: fill.saml } : {}), notes: fill.notes };
}

export type { Preset, PresetFill } from './types.js';
