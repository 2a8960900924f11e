import { useState } from 'react';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { OperationOutput, OrganizationView } from '../../../../main/contract/index';
import { useMutation } from '../../../client';
import { OperationError } from '../../../components/operation-error';
import { parsePermission, type Catalogue, usePermissionOptions } from '../use-rbac-data';

/** The question the other way round: which IdP groups would grant a permission in an organization, and how. */
export function WhoGrantsCard({ orgs, catalogue }: { orgs: readonly OrganizationView[]; catalogue: Catalogue }) {
  const options = usePermissionOptions(catalogue);
  const [permission, setPermission] = useState<string | null>(null);
  const [organization, setOrganization] = useState<string | null>(orgs[0]?.id ?? null);
  const { mutate, loading, error } = useMutation('access.whoGrants');
  const [answer, setAnswer] = useState<{ question: string; rows: OperationOutput<'access.whoGrants'> } | null>(null);

  const ask = async () => {
    if (!permission || !organization) return;
    const result = await mutate({ permission: parsePermission(permission), organization });
    const orgName = orgs.find((org) => org.id === organization)?.name ?? organization;
    if (result.ok) setAnswer({ question: `${permission} in ${orgName}`, rows: result.value });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="who-grants-title" data-testid="who-grants">
      <Title order={2} size="h4" id="who-grants-title" mb={4}>
        Which groups would grant it?
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Every IdP group (= role name) that would grant a permission in an organization, through which inheritance.
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label="Permission" data={options} value={permission} onChange={setPermission} searchable placeholder="e.g. model:write" w={260} data-testid="who-permission" />
        <Select label="Organization" data={orgs.map((org) => ({ value: org.id, label: org.name }))} value={organization} onChange={setOrganization} allowDeselect={false} w={240} placeholder={orgs.length ? 'Pick one' : 'No organizations yet'} />
        <Button leftSection={<IconSearch size={16} aria-hidden />} onClick={() => void ask()} loading={loading} disabled={!permission || !organization}>
          Find groups
        </Button>
      </Group>
      <Stack gap="xs" mt="sm" aria-live="polite">
        {error && <OperationError title="The question could not be answered" error={error} />}
        {answer && answer.rows.length === 0 && <Text size="sm">No group grants {answer.question}.</Text>}
        {answer && answer.rows.length > 0 && (
          <Table verticalSpacing={4} data-testid="who-grants-table">
            <Table.Caption>Groups granting {answer.question}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>IdP group</Table.Th>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Through</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {answer.rows.map((row) => (
                <Table.Tr key={`${row.group}:${row.via.join('>')}`}>
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {row.group}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={row.scope === 'global' ? 'grape' : 'blue'} tt="none">
                      {row.scope}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.via.length > 1 ? row.via.join(' → ') : `its own permission (${row.role})`}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
