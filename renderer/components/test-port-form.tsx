import { Button, NumberInput, Stack } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Settings } from '../../main/contract/index';
import { useMutation } from '../client';
import { notifyFailure, notifySuccess } from '../app/notify';

const portRange = 'Use a port between 1024 and 65535 (lower ports need administrator rights).';
/** Same bounds as the contract's `settingsSchema.testPort`, worded for the form. */
const testPortFormSchema = z.object({
  testPort: z.number({ error: 'Enter a port number between 1024 and 65535.' }).int('Use a whole number.').min(1024, portRange).max(65535, portRange),
});
type TestPortForm = z.infer<typeof testPortFormSchema>;

/** The loopback test port: part of every test redirect URI and ACS URL, so the IdP must know it. */
export function TestPortForm({ testPort, onSaved }: { testPort: number; onSaved: (settings: Settings) => void }) {
  const { mutate, loading } = useMutation('settings.update');
  const form = useForm<TestPortForm>({ resolver: zodResolver(testPortFormSchema), defaultValues: { testPort } });

  const submit = form.handleSubmit(async (values) => {
    const result = await mutate({ testPort: values.testPort });
    if (result.ok) {
      form.reset({ testPort: result.value.testPort });
      onSaved(result.value);
      notifySuccess('Test port saved', `Test logins now listen on 127.0.0.1:${result.value.testPort}. Update the redirect/ACS URLs registered at your IdP.`);
      return;
    }
    if (result.error.field === 'testPort') form.setError('testPort', { message: result.error.message }, { shouldFocus: true });
    notifyFailure('Test port not saved', result.error);
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm" align="flex-start">
        <Controller
          name="testPort"
          control={form.control}
          render={({ field, fieldState }) => (
            <NumberInput
              ref={field.ref}
              name={field.name}
              label="Loopback test port"
              description="Test logins receive the IdP's answer on http://127.0.0.1 at this port."
              value={field.value ?? ''}
              onChange={(value) => field.onChange(typeof value === 'number' ? value : value === '' ? undefined : Number(value))}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              w="100%"
              maw={360}
              data-testid="test-port"
            />
          )}
        />
        <Button type="submit" loading={loading}>
          Save port
        </Button>
      </Stack>
    </form>
  );
}
