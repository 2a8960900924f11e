import { Button, FileInput, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { targetNameSchema, targetUrlSchema, type TargetView } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { notifyFailure, notifySuccess } from '../../app/notify';

const formSchema = z.object({
  name: targetNameSchema,
  url: targetUrlSchema,
  token: z.string(),
  caFile: z.instanceof(File).nullable(),
});
type FormValues = z.input<typeof formSchema>;

/** Add a platform server: name, base URL, token (write-only, to the OS keychain), optional CA bundle file. */
export function AddTargetModal({ opened, onClose, onAdded }: { opened: boolean; onClose: () => void; onAdded: (target: TargetView) => void }) {
  const { mutate, loading } = useMutation('targets.add');
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: '', url: 'https://', token: '', caFile: null } });

  const submit = form.handleSubmit(async (values) => {
    const caBundle = values.caFile ? await values.caFile.text() : undefined;
    const result = await mutate({ name: values.name, url: values.url, kind: 'arthur', ...(values.token.trim() ? { token: values.token } : {}), ...(caBundle ? { caBundle } : {}) });
    if (result.ok) {
      notifySuccess('Target added', `${result.value.name}: ${result.value.hasToken ? 'the token is in the OS keychain' : 'no token yet'}. Check it before planning.`);
      form.reset();
      onAdded(result.value);
      onClose();
      return;
    }
    const field = result.error.field === 'caBundle' ? 'caFile' : result.error.field;
    if (field === 'name' || field === 'url' || field === 'token' || field === 'caFile') form.setError(field, { message: result.error.message }, { shouldFocus: true });
    else notifyFailure('Target not added', result.error);
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Add target" size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <TextInput label="Name" description="How you refer to it: ssowb roles push --target <name>." withAsterisk {...form.register('name')} error={form.formState.errors.name?.message} data-autofocus />
          <TextInput label="Base URL" description="The Arthur host, e.g. https://arthur.example.com (https required except 127.0.0.1/localhost)." withAsterisk {...form.register('url')} error={form.formState.errors.url?.message} />
          <PasswordInput
            label="API token"
            description="A bearer token of a global role with custom_roles read/write/delete. Stored in the OS keychain only; it is never shown again."
            autoComplete="off"
            {...form.register('token')}
            error={form.formState.errors.token?.message}
          />
          <Controller
            name="caFile"
            control={form.control}
            render={({ field, fieldState }) => (
              <FileInput
                label="CA bundle (optional)"
                description="PEM file of the CA certificates that issued the platform's certificate (private CA, TLS-inspecting proxy)."
                accept=".pem,.crt,.cer,text/plain"
                clearable
                value={field.value ?? null}
                onChange={field.onChange}
                error={fieldState.error?.message}
              />
            )}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Add target
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
