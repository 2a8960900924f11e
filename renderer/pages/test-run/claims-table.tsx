import { Badge, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Report } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';
import { formatValue, numericDate } from './format';

type Origin = Report['claimOrigins'][string];

export const originMeta: Record<Origin, { label: string; color: string; description: string }> = {
  id_token: { label: 'id_token', color: 'blue', description: 'From the ID token' },
  userinfo: { label: 'userinfo', color: 'violet', description: 'From the userinfo endpoint' },
  access_token: { label: 'access_token', color: 'cyan', description: 'From the (JWT) access token' },
  saml_assertion: { label: 'saml_assertion', color: 'orange', description: 'An attribute of the SAML assertion' },
  saml_nameid: { label: 'saml_nameid', color: 'pink', description: 'The NameID of the SAML subject' },
};

/** The merged claims (OIDC) or attributes (SAML) with where each came from, and a copy button per value. */
export function ClaimsTable({ report }: { report: Report }) {
  const entries = Object.entries(report.claims);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No claims came back from this run.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} striped data-testid="claims-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>Claim</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th w={150}>Origin</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map(([name, value]) => {
            const origin = report.claimOrigins[name];
            const text = formatValue(value);
            const date = numericDate(name, value);
            return (
              <Table.Tr key={name} data-claim={name}>
                <Table.Td>
                  <Code>{name}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {text}
                      {date && (
                        <Text span size="xs" c="dimmed" ff="var(--mantine-font-family)">
                          {'  '}({date})
                        </Text>
                      )}
                    </Text>
                    <CopyAction value={text} label={`value of ${name}`} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  {origin ? (
                    <Tooltip label={originMeta[origin].description}>
                      <Badge color={originMeta[origin].color} variant="light" tt="none" tabIndex={0}>
                        {originMeta[origin].label}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="xs" c="dimmed">
                      unknown
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
