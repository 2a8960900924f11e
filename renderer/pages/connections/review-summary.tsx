import { providerLabel } from '../../components/provider-labels';
import type { ReactNode } from 'react';
import { Alert, Code, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

export interface ReviewRow {
  label: string;
  value: ReactNode;
}

/** A value as code, or a dimmed "not set". */
export function shown(value: string | undefined | null): ReactNode {
  return value && value.trim() ? <Code style={{ overflowWrap: 'anywhere' }}>{value}</Code> : <Text span size="sm" c="dimmed">not set</Text>;
}

/** Step 3 of the wizard: what will be saved, the URLs to register, and the vendor notes once more. */
export function ReviewSummary({ rows, urls, notes }: { rows: ReviewRow[]; urls: ReactNode; notes: string[] }) {
  return (
    <Stack gap="md" data-testid="review">
      <Title order={3} size="h5">
        Register these URLs at the identity provider
      </Title>
      {urls}
      <Title order={3} size="h5">
        What will be saved
      </Title>
      <Paper withBorder radius="md">
        <Table verticalSpacing={6} layout="fixed">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th w={220} scope="row" fw={500}>
                  {row.label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {notes.length > 0 && <PresetNotes notes={notes} />}
    </Stack>
  );
}

/** The vendor's quirks from its preset (connections.applyPreset). */
export function PresetNotes({ notes, title = 'Vendor notes' }: { notes: string[]; title?: string }) {
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={title} data-testid="preset-notes">
      <List size="sm" spacing={4}>
        {notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The rows every connection's review starts with, whatever its protocol. */
export function commonReviewRows(
  values: { provider: string; displayName?: string | undefined; platform?: string | undefined; webappUrl?: string | undefined },
  protocol: 'OIDC' | 'SAML',
): ReviewRow[] {
  return [
    { label: 'Provider', value: `${providerLabel(values.provider)} (${protocol})` },
    { label: 'Display name', value: shown(values.displayName) },
    { label: 'Platform', value: values.platform === 'arthur' ? 'Arthur' : 'ClearML' },
    { label: 'Web app URL', value: shown(values.webappUrl) },
  ];
}
