import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ConnectionProtocol } from '../../../main/contract/index';
import { CopyValue } from '../../components/copy-value';

export interface UrlPanelProps {
  protocol: ConnectionProtocol;
  /** The platform's production callback/ACS URL; null until a webapp URL is set. */
  productionUrl: string | null;
  /** The workbench loopback test URL (or its pattern for an unsaved draft). */
  testUrl: string;
  /** True for a draft: the id in the test URL is assigned on save. */
  draft: boolean;
  /** SAML: the SP entity ID in effect (or its default pattern). */
  spEntityId?: string | undefined;
}

/**
 * The two URLs to register at the IdP, side by side (issue 3): the production platform's callback/ACS URL and the
 * workbench's own loopback test URL.
 */
export function UrlPanel({ protocol, productionUrl, testUrl, draft, spEntityId }: UrlPanelProps) {
  const oidc = protocol === 'oidc';
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="url-panel">
      <Paper withBorder p="sm" radius="md">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {oidc ? 'Production callback URL' : 'Production Reply/ACS URL'}
          </Text>
          {productionUrl ? (
            <CopyValue value={productionUrl} label={oidc ? 'production callback URL' : 'production ACS URL'} />
          ) : (
            <Text size="sm" c="dimmed">
              Enter the platform web app URL to see it.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {oidc ? 'Paste it into the IdP app\'s redirect/callback URL field.' : 'Paste it into the IdP app\'s Assertion Consumer Service URL field.'}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {oidc ? 'Workbench test redirect URI' : 'Workbench test ACS URL'}
          </Text>
          <CopyValue value={testUrl} label={oidc ? 'test redirect URI' : 'test ACS URL'} />
          <Text size="xs" c="dimmed">
            Register this at the IdP too for test runs{draft ? ' (id assigned on save).' : ': it is final, so you can register it now and test before saving.'}
          </Text>
          {spEntityId && (
            <>
              <Text size="sm" fw={600} mt={4}>
                SP entity ID
              </Text>
              <CopyValue value={spEntityId} label="SP entity ID" />
            </>
          )}
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
