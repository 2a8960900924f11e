import { useState } from 'react';
import { Button, Skeleton, Stack, Tabs, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconFileExport, IconFileImport, IconShieldCheck, IconUsersGroup } from '@tabler/icons-react';
import type { RoleView } from '../../main/contract/index';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { BuiltInRolesCard } from './roles/built-in-roles-card';
import { DeleteRoleModal } from './roles/delete-role-modal';
import { ExportRolesModal } from './roles/export-roles-modal';
import { ImportRolesModal } from './roles/import-roles-modal';
import { OrganizationsCard } from './roles/organizations-card';
import { RoleEditor } from './roles/role-editor';
import { RolesSections, type RoleTarget } from './roles/roles-sections';
import { AccessSimulator } from './roles/simulator/access-simulator';
import { useRbacData } from './roles/use-rbac-data';
import { useUndoableChanges } from './roles/use-undoable-changes';
import { useHashSegments } from './test-run/use-hash-segments';

/**
 * Roles (reference/arthur-platform.md §3–§4): organizations, global and organization roles, the built-ins, the role
 * editor, import/export and Undo; and the access simulator (`#/roles/simulator`), which the claims viewer links to.
 */
export function RolesPage() {
  const tab = useHashSegments()[1] === 'simulator' ? 'simulator' : 'roles';
  const data = useRbacData();
  const changes = useUndoableChanges(data.refetch);
  const [editor, setEditor] = useState<{ role: RoleView | null; target: RoleTarget | null } | null>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const ready = data.orgs && data.roles && data.catalogue;

  const actions =
    tab === 'roles' && ready ? (
      <>
        <Tooltip label={changes.last ? `Undo the ${changes.last.label}` : 'Nothing to undo yet'}>
          <Button variant="default" leftSection={<IconArrowBackUp size={16} aria-hidden />} disabled={!changes.last} loading={changes.undoing} onClick={() => void changes.undo()} data-testid="undo">
            Undo{changes.last ? ` ${changes.last.label}` : ''}
          </Button>
        </Tooltip>
        <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)} aria-haspopup="dialog">
          Import
        </Button>
        <Button variant="default" leftSection={<IconFileExport size={16} aria-hidden />} onClick={() => setExporting(true)} aria-haspopup="dialog">
          Export
        </Button>
      </>
    ) : undefined;

  return (
    <>
      <PageHeader
        title="Roles"
        description="Which IdP groups become which platform roles, and what a login would be allowed to do. A role's name must equal the group name your identity provider sends."
        actions={actions}
      />
      <Tabs value={tab} onChange={(value) => (window.location.hash = value === 'simulator' ? '#/roles/simulator' : '#/roles')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="roles" leftSection={<IconUsersGroup size={16} aria-hidden />}>
            Roles and organizations
          </Tabs.Tab>
          <Tabs.Tab value="simulator" leftSection={<IconShieldCheck size={16} aria-hidden />}>
            Access simulator
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="roles">
          {data.error && !ready && <OperationError title="Roles could not be loaded" error={data.error} onRetry={data.refetch} retrying={data.loading} />}
          {!ready && !data.error && (
            <Stack gap="sm" aria-busy="true" aria-label="Loading roles">
              <Skeleton height={80} />
              <Skeleton height={160} />
            </Stack>
          )}
          {ready && data.orgs && data.roles && data.catalogue && (
            <Stack gap="lg">
              <OrganizationsCard orgs={data.orgs} roles={data.roles} changes={changes} />
              <RolesSections
                orgs={data.orgs}
                roles={data.roles}
                onNew={(target) => setEditor({ role: null, target })}
                onEdit={(role) => setEditor({ role, target: null })}
                onDelete={setDeleting}
              />
              <BuiltInRolesCard builtIns={data.catalogue.builtIns} />
              <RoleEditor
                opened={editor !== null}
                role={editor?.role ?? null}
                target={editor?.target ?? null}
                orgs={data.orgs}
                roles={data.roles}
                catalogue={data.catalogue}
                onClose={() => setEditor(null)}
                onSave={(draft) => (editor?.role ? changes.updateRole(editor.role, draft) : changes.createRole(draft))}
              />
              <DeleteRoleModal role={deleting} onClose={() => setDeleting(null)} onDelete={changes.removeRole} />
              <ImportRolesModal opened={importing} orgs={data.orgs} onClose={() => setImporting(false)} onImported={data.refetch} />
              <ExportRolesModal opened={exporting} orgs={data.orgs} onClose={() => setExporting(false)} />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="simulator">{tab === 'simulator' && <AccessSimulator />}</Tabs.Panel>
      </Tabs>
    </>
  );
}
