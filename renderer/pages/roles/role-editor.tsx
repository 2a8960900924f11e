import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Group, Input, Loader, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { OrganizationView, Result, RoleDraft, RoleIssue, RoleView } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { notifyFailure, notifySuccess } from '../../app/notify';
import { issuesOf } from '../connections/field-errors';
import { EffectivePermissions } from './effective-permissions';
import { PermissionMatrix } from './permission-matrix';
import { draftFromForm, formValuesOf, messageFor, placeIssues, type RoleFormValues } from './role-form';
import type { RoleTarget } from './roles-sections';
import type { Catalogue } from './use-rbac-data';

export interface RoleEditorProps {
  opened: boolean;
  /** The role being edited, or null for a new one (then `target` says where). */
  role: RoleView | null;
  target: RoleTarget | null;
  orgs: readonly OrganizationView[];
  roles: readonly RoleView[];
  catalogue: Catalogue;
  onClose: () => void;
  onSave: (draft: RoleDraft) => Promise<Result<RoleView>>;
}

/**
 * The role editor: name (= the IdP group), scope and organization, description, the permission matrix, inheritance,
 * and the effective permissions. Every change is checked by `roles.validate` as the admin types (debounced), and each
 * finding shows on the field it names.
 */
export function RoleEditor(props: RoleEditorProps) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="right"
      size="min(1040px, 100%)"
      title={props.role ? `Edit role ${props.role.name}` : 'New role'}
      closeButtonProps={{ 'aria-label': 'Close the role editor' }}
      data-testid="role-editor"
    >
      {props.opened && <RoleEditorForm key={props.role?.id ?? 'new'} {...props} />}
    </Drawer>
  );
}

function RoleEditorForm({ role, target, orgs, roles, catalogue, onClose, onSave }: RoleEditorProps) {
  const form = useForm<RoleFormValues>({ defaultValues: formValuesOf(role, target) });
  const values = useWatch({ control: form.control }) as RoleFormValues;
  const draft = draftFromForm(values);
  const [debounced] = useDebouncedValue(draft, 300);
  const validation = useOperation('roles.validate', { ...(role ? { id: role.id } : {}), draft: debounced as unknown as Record<string, unknown> });
  const [saveIssues, setSaveIssues] = useState<RoleIssue[] | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const draftJson = JSON.stringify(draft);
  useEffect(() => setSaveIssues(null), [draftJson]);

  const showIssues = submitted || form.formState.isDirty;
  const typingAhead = JSON.stringify(debounced) !== draftJson;
  const issues = saveIssues ?? (showIssues ? (validation.data?.issues ?? []) : []);
  const placed = placeIssues(issues, values.permissions);
  const global = values.scope === 'global';

  const inheritOptions = useMemo(() => {
    const sameOrg = roles.filter((other) => other.scope === 'organization' && other.organizationId === values.organizationId && other.id !== role?.id).map((other) => other.name);
    const builtIns = catalogue.builtIns.map((builtIn) => builtIn.name);
    const offered = new Set([...builtIns, ...sameOrg].map((name) => name.toLowerCase()));
    const elsewhere = values.inheritedRoleNames.filter((name) => !offered.has(name.toLowerCase()));
    return [
      { group: 'Built-in roles', items: builtIns },
      ...(sameOrg.length ? [{ group: 'Roles of this organization', items: sameOrg }] : []),
      ...(elsewhere.length ? [{ group: 'Not allowed here (remove them)', items: elsewhere }] : []),
    ];
  }, [roles, catalogue, values.organizationId, values.inheritedRoleNames, role?.id]);

  const submit = form.handleSubmit(async (current) => {
    setSubmitted(true);
    const result = await onSave(draftFromForm(current));
    if (result.ok) {
      notifySuccess(role ? 'Role saved' : 'Role created', `${result.value.name}: ${result.value.effectivePermissions.length} effective permissions.`);
      onClose();
      return;
    }
    const found = issuesOf(result.error);
    setSaveIssues(found.length ? found : [{ field: 'form', message: result.error.message }]);
    notifyFailure(role ? `${current.name} was not saved` : 'The role was not created', result.error);
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Role">
      <Stack gap="md">
        <Group align="flex-start" grow wrap="wrap">
          <Controller
            name="scope"
            control={form.control}
            render={({ field }) => (
              <Input.Wrapper label="Scope" description={global ? 'Becomes globalRoleDefs: across every organization.' : 'Lives in one organization.'} error={messageFor(placed, 'scope')} labelProps={{ id: 'role-scope-label' }}>
                <SegmentedControl
                  aria-labelledby="role-scope-label"
                  value={field.value}
                  onChange={(value) => field.onChange(value)}
                  data={[
                    { value: 'organization', label: 'Organization role' },
                    { value: 'global', label: 'Global role' },
                  ]}
                  mt={4}
                  fullWidth
                />
              </Input.Wrapper>
            )}
          />
          {!global && (
            <Controller
              name="organizationId"
              control={form.control}
              render={({ field }) => (
                <Select
                  ref={field.ref}
                  label="Organization"
                  withAsterisk
                  data={orgs.map((org) => ({ value: org.id, label: org.name }))}
                  value={field.value}
                  onChange={field.onChange}
                  placeholder={orgs.length ? 'Pick an organization' : 'Add an organization first'}
                  error={messageFor(placed, 'organizationId')}
                  allowDeselect={false}
                  data-testid="role-organization"
                />
              )}
            />
          )}
        </Group>
        <Controller
          name="name"
          control={form.control}
          render={({ field }) => (
            <TextInput
              {...field}
              label="Name"
              description="Exactly the IdP group this role stands for; unique across the installation, never a built-in role's name."
              withAsterisk
              error={messageFor(placed, 'name')}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
          )}
        />
        <Controller
          name="description"
          control={form.control}
          render={({ field }) => <Textarea {...field} label="Description" autosize minRows={1} maxRows={4} error={messageFor(placed, 'description')} />}
        />
        {global ? (
          <Text size="sm" c="dimmed">
            Global roles inherit nothing: globalRoleDefs carry only a name and permissions.
          </Text>
        ) : (
          <Controller
            name="inheritedRoleNames"
            control={form.control}
            render={({ field }) => (
              <MultiSelect
                ref={field.ref}
                label="Inherits"
                description="Built-in roles, or roles of the same organization. Their permissions add to this role's."
                data={inheritOptions}
                value={field.value}
                onChange={field.onChange}
                searchable
                clearable
                placeholder={field.value.length ? undefined : 'Pick roles to inherit'}
                error={messageFor(placed, 'inheritedRoleNames')}
                data-testid="role-inherits"
              />
            )}
          />
        )}
        <Controller
          name="permissions"
          control={form.control}
          render={({ field }) => (
            <PermissionMatrix catalogue={catalogue} value={field.value} onChange={field.onChange} scope={values.scope} error={messageFor(placed, 'permissions')} cellErrors={placed.permissionKeys} />
          )}
        />
        <EffectivePermissions permissions={validation.data?.effectivePermissions ?? role?.effectivePermissions ?? []} unpublished={validation.data?.unpublishedInherited ?? role?.unpublishedInherited ?? []} roleName={values.name} />
        {messageFor(placed, 'form') && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} p="xs" role="alert">
            {messageFor(placed, 'form')}
          </Alert>
        )}
        {validation.error && (
          <Alert color="red" variant="light" title="The draft could not be checked" p="xs">
            {validation.error.message}
          </Alert>
        )}
        <Group justify="space-between" gap="sm" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Group gap={6} role="status" aria-live="polite" data-testid="role-validation-status">
            {validation.loading || typingAhead ? (
              <>
                <Loader size="xs" aria-hidden />
                <Text size="sm" c="dimmed">
                  Checking…
                </Text>
              </>
            ) : (
              <Text size="sm" c={issues.length ? 'red' : 'dimmed'}>
                {issues.length ? `${issues.length} problem${issues.length > 1 ? 's' : ''} to fix` : showIssues ? 'No problems found' : ''}
              </Text>
            )}
          </Group>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={form.formState.isSubmitting}>
              {role ? 'Save role' : 'Create role'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
