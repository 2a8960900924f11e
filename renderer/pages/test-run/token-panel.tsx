import { Alert, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AccessTokenDetails, DecodedToken, SignatureState } from './details';
import { CodeBlock } from './json-block';
import { formatValue } from './format';

const signatureMeta: Record<SignatureState, { color: string; label: string }> = {
  valid: { color: 'teal', label: 'Signature valid' },
  invalid: { color: 'red', label: 'Signature invalid' },
  not_checked: { color: 'gray', label: 'Signature not checked' },
  not_verified: { color: 'yellow', label: 'Signature not verified' },
};

export function SignatureBadge({ state }: { state: SignatureState | undefined }) {
  const meta = state ? signatureMeta[state] : { color: 'gray', label: 'Signature status unknown' };
  return (
    <Badge color={meta.color} variant="light" size="lg" data-testid="signature-status">
      {meta.label}
    </Badge>
  );
}

/** A decoded JWT: signature status, then header and payload side by side. Raw tokens are never kept or shown. */
export function TokenPanel({ token, name, unverified }: { token: DecodedToken; name: string; unverified?: boolean }) {
  const alg = typeof token.header.alg === 'string' ? token.header.alg : undefined;
  const kid = typeof token.header.kid === 'string' ? token.header.kid : undefined;
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <SignatureBadge state={token.signature} />
        {alg && <Text size="sm">alg {alg}</Text>}
        {kid && (
          <Text size="sm" c="dimmed">
            kid {kid}
          </Text>
        )}
        {'aud' in token && (
          <Text size="sm">
            aud <b>{formatValue(token.aud)}</b>
          </Text>
        )}
      </Group>
      {unverified && (
        <Alert color="yellow" variant="light" p="xs">
          <Text size="sm">The signature of this {name} was not verified: its claims are shown for diagnosis and were not trusted.</Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <CodeBlock label={`${name} header`} value={token.header} />
        <CodeBlock label={`${name} payload`} value={token.payload} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Decoded from the token the provider issued; the token itself is never stored.
      </Text>
    </Stack>
  );
}

export function AccessTokenPanel({ token }: { token: AccessTokenDetails }) {
  if (token.format === 'opaque') {
    return (
      <Text size="sm">
        The access token is opaque{token.length ? ` (${token.length} characters)` : ''}: not a JWT, so there are no claims to decode. Platforms that validate
        access tokens as JWTs (Arthur) need the IdP to issue JWT access tokens, usually by defining an API audience.
      </Text>
    );
  }
  return <TokenPanel token={token} name="Access token" />;
}
