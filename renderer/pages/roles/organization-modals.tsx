import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { organizationIdSchema, organizationNameSchema, type OrganizationView, type Result, type RoleView } from '../../../main/contract/index';
import { notifyFailure, notifySuccess } from '../../app/notify';
import { issuesOf } from '../connections/field-errors';
import { ConfirmDeleteModal } from './confirm-delete-modal';

const orgFormSchema = z.object({ id: z.union([z.literal(''), organizationIdSchema]), name: organizationNameSchema });
type OrgForm = z.infer<typeof orgFormSchema>;

/**
 * Add an organization (id as the platform knows it, or empty for a new UUID), or rename one (`org` given: the id
 * stays). Engine refusals land on the field they name.
 */
export function OrganizationFormModal({
  opened,
  org,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  org: OrganizationView | null;
  onClose: () => void;
  onSubmit: (values: { id?: string; name: string }) => Promise<Result<OrganizationView>>;
}) {
  const form = useForm<OrgForm>({ resolver: zodResolver(orgFormSchema), values: { id: org?.id ?? '', name: org?.name ?? '' }, mode: 'onTouched' });
  const submit = form.handleSubmit(async (values) => {
    const result = await onSubmit({ ...(values.id && !org ? { id: values.id } : {}), name: values.name });
    if (result.ok) {
      notifySuccess(org ? 'Organization renamed' : 'Organization added', `${result.value.name} (${result.value.id})`);
      form.reset();
      onClose();
      return;
    }
    const issues = issuesOf(result.error);
    const placed = issues.filter((issue) => issue.field === 'id' || issue.field === 'name' || issue.field === 'ref');
    for (const issue of placed) form.setError(issue.field === 'ref' ? 'id' : (issue.field as 'id' | 'name'), { message: issue.message }, { shouldFocus: true });
    if (placed.length === 0) form.setError('name', { message: result.error.message }, { shouldFocus: true });
    notifyFailure(org ? 'Organization not renamed' : 'Organization not added', result.error);
  });
  return (
    <Modal opened={opened} onClose={onClose} title={org ? `Rename ${org.name}` : 'Add organization'} data-testid="org-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Controller
            name="id"
            control={form.control}
            render={({ field, fieldState }) => (
              <TextInput
                {...field}
                label="Organization ID"
                description={org ? 'The id cannot change: it is what the platform sends in Arthur-Organization-ID.' : 'Copy it from the platform, or leave it empty to generate a new UUID.'}
                disabled={org !== null}
                error={fieldState.error?.message}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          />
          <Controller
            name="name"
            control={form.control}
            render={({ field, fieldState }) => (
              <TextInput {...field} label="Organization name" withAsterisk error={fieldState.error?.message} autoComplete="off" data-autofocus />
            )}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {org ? 'Rename' : 'Add organization'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DeleteOrganizationModal({
  org,
  roles,
  onClose,
  onDelete,
}: {
  org: OrganizationView | null;
  roles: readonly RoleView[];
  onClose: () => void;
  onDelete: (org: OrganizationView) => Promise<Result<unknown>>;
}) {
  const plural = roles.length > 1 ? 's' : '';
  return (
    <ConfirmDeleteModal
      title="Delete organization"
      name={org?.name ?? ''}
      opened={org !== null}
      question={
        <>
          Delete <b>{org?.name}</b>
          {roles.length > 0 ? ` and its ${roles.length} role${plural} (${roles.map((role) => role.name).join(', ')})` : null}? Users whose groups only matched
          these roles would be denied.
        </>
      }
      done={['Organization deleted', `${org?.name}${roles.length ? ` and its ${roles.length} role${plural}` : ''} deleted. Undo brings ${roles.length ? 'them' : 'it'} back.`]}
      onClose={onClose}
      onDelete={() => onDelete(org as OrganizationView)}
    />
  );
}
