import { useState } from 'react';
import { Alert, Button, Checkbox, FileButton, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import type { AppErrorShape, OrganizationView } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { notifySuccess } from '../../app/notify';
import { OperationError } from '../../components/operation-error';

/** Which kind of roles file the text looks like: an Arthur custom_roles body needs an organization. */
const looksLikeArthurBody = (content: string) => /^\s*\{[\s\S]*"roles"\s*:/.test(content) && !/globalRoleDefs/.test(content);

/**
 * Import roles from a file or pasted text: an Arthur roles body (`{"roles":[…]}`, into the organization chosen here)
 * or a globalRoleDefs YAML/JSON (global roles). All or nothing: a refusal names the role and field, and nothing is saved.
 */
export function ImportRolesModal({ opened, orgs, onClose, onImported }: { opened: boolean; orgs: readonly OrganizationView[]; onClose: () => void; onImported: () => void }) {
  const { mutate, loading } = useMutation('roles.import');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [organization, setOrganization] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const needsOrg = looksLikeArthurBody(content);

  const load = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setContent(await file.text());
    setError(null);
  };
  const submit = async () => {
    setError(null);
    const result = await mutate({ content, replace, ...(organization && needsOrg ? { organization } : {}) });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { created, replaced, scope } = result.value;
    notifySuccess('Roles imported', `${created.length} created${replaced.length ? `, ${replaced.length} replaced` : ''} (${scope === 'global' ? 'global roles' : 'organization roles'}).`);
    setContent('');
    setFileName(null);
    onImported();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import roles" size="lg" data-testid="import-dialog">
      <Stack gap="sm">
        <Text size="sm">
          An Arthur roles body (<code>{'{"roles":[…]}'}</code>, as the custom_roles API takes it) imports organization roles; a <code>globalRoleDefs</code> YAML or JSON
          imports global roles.
        </Text>
        <Group gap="sm">
          <FileButton onChange={(file) => void load(file)} accept=".json,.yaml,.yml,application/json,text/yaml">
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconUpload size={16} aria-hidden />}>
                Choose a file
              </Button>
            )}
          </FileButton>
          {fileName && <Text size="sm" c="dimmed">{fileName}</Text>}
        </Group>
        <Textarea
          label="Roles file content"
          description="Or paste it here."
          value={content}
          onChange={(event) => {
            setContent(event.currentTarget.value);
            setError(null);
          }}
          autosize
          minRows={6}
          maxRows={16}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
          data-testid="import-content"
        />
        {needsOrg && (
          <Select
            label="Organization"
            description="An Arthur roles body belongs to one organization."
            withAsterisk
            data={orgs.map((org) => ({ value: org.id, label: org.name }))}
            value={organization}
            onChange={setOrganization}
            placeholder="Pick the organization"
          />
        )}
        <Checkbox label="Replace roles of the same name (otherwise the import is refused)" checked={replace} onChange={(event) => setReplace(event.currentTarget.checked)} />
        {error && <OperationError title="Nothing was imported" error={error} />}
        {needsOrg && !organization && (
          <Alert color="blue" variant="light" p="xs">
            Pick the organization these roles belong to.
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => void submit()} loading={loading} disabled={!content.trim() || (needsOrg && !organization)}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
