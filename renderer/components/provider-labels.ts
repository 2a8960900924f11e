/** Provider names as ClearML's "New Provider Connection" modal shows them (reference/clearml-platform.md §1.2). */
const providerLabels: Record<string, string> = {
  auth0: 'Auth0',
  cognito: 'AWS Cognito',
  google: 'Google',
  keycloak: 'Keycloak',
  'microsoft-ad': 'Microsoft AD',
  azure: 'Microsoft Azure',
  okta: 'Okta',
  ping: 'Ping',
  duo: 'Duo',
  jumpcloud: 'JumpCloud',
  custom: 'Custom',
};

export function providerLabel(provider: string): string {
  return providerLabels[provider] ?? provider;
}
