import { Badge, Code, DataList, Group, Stack, Table, Text, Title } from '@mantine/core';
import { relativeTime } from '../../components/relative-time';
import type { ViewDetails } from './details';
import { formatDateTime, formatDuration } from './format';

type Saml = ViewDetails['saml'];

/**
 * The assertion's time window and audience, against the moment it was checked (with the allowed clock skew) and
 * against now; then the Response's addressing (Issuer, Destination, Recipient, InResponseTo) and IdP status.
 */
export function SamlConditionsPanel({ saml }: { saml: Saml }) {
  const c = saml.conditions;
  const checkedAt = c?.now ? Date.parse(c.now) : NaN;
  const skewMs = (c?.skewSeconds ?? 0) * 1000;
  return (
    <Stack gap="md">
      {c && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} data-testid="saml-conditions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Condition</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>When checked{c.skewSeconds !== undefined ? ` (skew ±${c.skewSeconds} s)` : ''}</Table.Th>
                <Table.Th>Now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TimeRow label="NotBefore" value={c.notBefore} checkedAt={checkedAt} ok={(t) => checkedAt + skewMs >= t} />
              <TimeRow label="NotOnOrAfter" value={c.notOnOrAfter} checkedAt={checkedAt} ok={(t) => checkedAt - skewMs < t} />
              <Table.Tr>
                <Table.Td>Audience</Table.Td>
                <Table.Td colSpan={3}>
                  {c.audience.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  ) : (
                    <Group gap={6}>
                      {c.audience.map((audience) => (
                        <Code key={audience}>{audience}</Code>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {c?.now && (
        <Text size="xs" c="dimmed">
          Checked at {formatDateTime(c.now)}.
        </Text>
      )}
      <Title order={3} size="h5">
        Response
      </Title>
      <DataList size="sm" labelWidth={150}>
        {([
          ['Status', saml.status ? [saml.status.code, saml.status.subCode, saml.status.message].filter(Boolean).join(' · ') : undefined],
          ['Issuer', saml.issuer],
          ['Destination', saml.destination],
          ['Recipient', saml.recipient],
          ['InResponseTo', saml.inResponseTo],
          ['node-saml refused', saml.nodeSamlError],
        ] as const).map(([label, value]) =>
          value ? (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
            </DataList.Item>
          ) : null,
        )}
      </DataList>
    </Stack>
  );
}

function TimeRow({ label, value, checkedAt, ok }: { label: string; value: string | undefined; checkedAt: number; ok: (time: number) => boolean }) {
  const time = value ? Date.parse(value) : NaN;
  const known = !Number.isNaN(time);
  const comparable = known && !Number.isNaN(checkedAt);
  const gap = comparable ? time - checkedAt : 0;
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{known ? formatDateTime(value as string) : <Text size="sm" c="dimmed">not set</Text>}</Table.Td>
      <Table.Td>
        {comparable ? (
          <Group gap={6} wrap="nowrap">
            <Badge color={ok(time) ? 'teal' : 'red'} variant="light">
              {ok(time) ? 'within' : 'outside'}
            </Badge>
            <Text size="sm">
              {formatDuration(Math.abs(gap))} {gap >= 0 ? 'after' : 'before'} the check
            </Text>
          </Group>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{known ? relativeTime(value as string) : '—'}</Table.Td>
    </Table.Tr>
  );
}
