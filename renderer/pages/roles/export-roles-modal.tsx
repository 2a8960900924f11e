import { useState } from 'react';
import { Button, Code, Group, Modal, ScrollArea, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { OrganizationView } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { CopyAction } from '../../components/copy-value';
import { OperationError } from '../../components/operation-error';

type Format = 'arthur-json' | 'global-yaml';

/** Hands the text to the browser's download (Electron and browser mode both save it where the user says). */
function save(content: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** Export an organization's roles as the Arthur custom_roles body, or the global roles as globalRoleDefs YAML. */
export function ExportRolesModal({ opened, orgs, onClose }: { opened: boolean; orgs: readonly OrganizationView[]; onClose: () => void }) {
  const [format, setFormat] = useState<Format>('arthur-json');
  const [organization, setOrganization] = useState<string | null>(orgs[0]?.id ?? null);
  return (
    <Modal opened={opened} onClose={onClose} title="Export roles" size="lg" data-testid="export-dialog">
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Export format"
          value={format}
          onChange={(value) => setFormat(value as Format)}
          data={[
            { value: 'arthur-json', label: 'Organization roles (Arthur JSON)' },
            { value: 'global-yaml', label: 'Global roles (globalRoleDefs YAML)' },
          ]}
        />
        {format === 'arthur-json' && (
          <Select label="Organization" data={orgs.map((org) => ({ value: org.id, label: org.name }))} value={organization} onChange={setOrganization} allowDeselect={false} placeholder="Pick an organization" />
        )}
        {opened && (format === 'global-yaml' || organization) ? <ExportPreview format={format} organization={format === 'arthur-json' ? organization : null} /> : null}
      </Stack>
    </Modal>
  );
}

function ExportPreview({ format, organization }: { format: Format; organization: string | null }) {
  const { data, error, loading, refetch } = useOperation('roles.export', { format, ...(organization ? { organization } : {}) });
  if (error && !data) return <OperationError title="Export failed" error={error} onRetry={() => void refetch()} retrying={loading} />;
  if (!data) return <Text size="sm" c="dimmed" role="status">Preparing the export…</Text>;
  return (
    <Stack gap="xs" aria-busy={loading}>
      <Group justify="space-between">
        <Group gap={4}>
          <Text size="sm" fw={500}>
            {data.filename}
          </Text>
          <CopyAction value={data.content} label={`contents of ${data.filename}`} />
        </Group>
        <Button size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden />} onClick={() => save(data.content, data.filename, format === 'global-yaml' ? 'text/yaml' : 'application/json')}>
          Save {data.filename}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={360}>
        <Code block data-testid="export-content">
          {data.content}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}
