import { Badge, Code, DataList, Group, Stack, Table, Text } from '@mantine/core';
import type { Report } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';
import { relativeTime } from '../../components/relative-time';
import type { CertificateUsed } from './details';
import { formatDateTime } from './format';
import { CodeBlock } from './json-block';

/** The decoded Response, pretty-printed by the engine with the signed parts marked (`<!-- ✔ SIGNED … -->`). */
export function SamlXmlPanel({ xml }: { xml: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        The Response as received, indented. Comments marked ✔ SIGNED show which elements the verified signature covers; only those were trusted.
      </Text>
      <CodeBlock label="SAML Response XML" text={xml} maxHeight={560} />
    </Stack>
  );
}

/** Attributes of the assertion: name → list of values (a single value is a one-element list, an absent one empty). */
export function SamlAttributesPanel({ report }: { report: Report }) {
  const entries = Object.entries(report.claims);
  if (entries.length === 0) return <Text size="sm" c="dimmed">The assertion carried no attributes.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} striped data-testid="saml-attributes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="40%">Attribute</Table.Th>
            <Table.Th>Values</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map(([name, value]) => {
            const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
            return (
              <Table.Tr key={name}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Code>{name}</Code>
                  {report.claimOrigins[name] === 'saml_nameid' && (
                    <Badge ml={6} size="xs" color="pink" variant="light" tt="none">
                      NameID
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {values.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      (no value)
                    </Text>
                  ) : (
                    <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                      {values.map((item, index) => (
                        <Group key={`${index}:${item}`} component="li" gap={4} wrap="nowrap">
                          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {item}
                          </Text>
                          <CopyAction value={item} label={`${name} value`} />
                        </Group>
                      ))}
                    </Stack>
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

const DAY = 24 * 3600 * 1000;

/** The IdP certificate whose signature verified the Response: subject, SHA-256 fingerprint (copy) and expiry. */
export function CertificatePanel({ certificate }: { certificate: CertificateUsed }) {
  const expires = Date.parse(certificate.notAfter);
  const left = expires - Date.now();
  const expiry = Number.isNaN(expires) ? undefined : left <= 0 ? { color: 'red', label: 'Expired' } : left < 30 * DAY ? { color: 'yellow', label: 'Expires soon' } : { color: 'teal', label: 'Valid' };
  return (
    <DataList size="sm" labelWidth={160} data-testid="certificate-used">
      <DataList.Item>
        <DataList.ItemLabel>Subject</DataList.ItemLabel>
        <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{certificate.subject}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>SHA-256 fingerprint</DataList.ItemLabel>
        <DataList.ItemValue>
          <Group gap={4} wrap="nowrap">
            <Code style={{ overflowWrap: 'anywhere' }}>{certificate.fingerprintSha256}</Code>
            <CopyAction value={certificate.fingerprintSha256} label="certificate fingerprint" />
          </Group>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Expires</DataList.ItemLabel>
        <DataList.ItemValue>
          {certificate.notAfter ? (
            <Group gap={6}>
              <Text size="sm">
                {formatDateTime(certificate.notAfter)} ({relativeTime(certificate.notAfter)})
              </Text>
              {expiry && (
                <Badge color={expiry.color} variant="light">
                  {expiry.label}
                </Badge>
              )}
            </Group>
          ) : (
            'unknown'
          )}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
