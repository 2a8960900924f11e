import { AppError } from '../../app-error.js';
import type { Preset } from './types.js';
import { hostInput, oidcPresetDefaults, optionalInput, redirectNote, requireInput } from './shared.js';

/**
 * Amazon Cognito user pools. The issuer is the pool (`cognito-idp.<region>.amazonaws.com/<pool>`), while the
 * OAuth endpoints live on the hosted-UI domain. Groups are in `cognito:groups`, in the ID token only.
 */
export const cognitoPreset: Preset = {
  protocol: 'oidc',
  provider: 'cognito',
  label: 'AWS Cognito',
  inputs: [
    { name: 'userPoolId', label: 'User pool ID', required: true, placeholder: 'eu-west-1_AbCdEf123' },
    { name: 'region', label: 'AWS region', required: false, placeholder: 'eu-west-1', help: 'Taken from the user pool ID when left empty.' },
    { name: 'domain', label: 'Hosted UI domain', required: true, placeholder: 'myapp.auth.eu-west-1.amazoncognito.com', help: 'The Cognito domain or your custom domain; a bare prefix is expanded.' },
  ],
  notes: [
    'Groups are in the "cognito:groups" claim of the ID token (not in userinfo): keep "Obtain user information from Identity Token" on.',
    'The app client must allow the authorization code grant and the openid, email and profile scopes.',
  ],
  apply(inputs) {
    const poolId = requireInput(inputs, 'userPoolId', 'User pool ID', 'eu-west-1_AbCdEf123');
    const region = optionalInput(inputs, 'region') ?? poolId.split('_')[0] ?? '';
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new AppError('invalid_input', `inputs.region: "${region}" is not an AWS region; enter it like eu-west-1.`, { field: 'inputs.region' });
    }
    const rawDomain = requireInput(inputs, 'domain', 'Hosted UI domain', 'myapp.auth.eu-west-1.amazoncognito.com');
    const domain = /[.:/]/.test(rawDomain) ? hostInput(inputs, 'domain', 'Hosted UI domain', 'myapp.auth.eu-west-1.amazoncognito.com') : `${rawDomain}.auth.${region}.amazoncognito.com`;
    const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
    const notes = [...this.notes];
    if (!poolId.startsWith(`${region}_`)) notes.push(`The user pool ID "${poolId}" does not start with the region "${region}_": check both.`);
    return {
      oidc: {
        issuer,
        authorizationEndpoint: `https://${domain}/oauth2/authorize`,
        tokenEndpoint: `https://${domain}/oauth2/token`,
        userinfoEndpoint: `https://${domain}/oauth2/userInfo`,
        revocationEndpoint: `https://${domain}/oauth2/revoke`,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        ...oidcPresetDefaults,
        claimMappings: { userId: 'sub', email: 'email', name: 'name', givenName: 'given_name', familyName: 'family_name', picture: 'picture' },
        groupSync: { enabled: true, claim: '"cognito:groups"' },
      },
      notes: [...notes, redirectNote],
    };
  },
};
