import { useState, type CSSProperties } from 'react';
import { Button, Stack, Textarea } from '@mantine/core';
import { useController, type UseFormReturn } from 'react-hook-form';
import { useMutation } from '../../client';
import type { SamlFormValues } from './form-model';

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 };

/**
 * The ClearML way: paste the certificate (checked by the engine: subject, expiry, fingerprint) and its private key.
 * The key box is masked and write-only; the engine checks that key and certificate belong together on save.
 */
export function PasteKeyForm({ form }: { form: UseFormReturn<SamlFormValues> }) {
  const describe = useMutation('connections.describeCertificate');
  const [pem, setPem] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { field: key, fieldState: keyState } = useController({ control: form.control, name: 'privateKeyPem' });

  const check = async () => {
    if (!pem.trim()) return;
    const result = await describe.mutate({ pem });
    if (!result.ok) {
      setProblem(result.error.message);
      form.setValue('saml.signingCertificate', undefined);
      return;
    }
    setProblem(null);
    form.setValue('saml.signingCertificate', result.value, { shouldDirty: true });
    form.clearErrors('saml.signingCertificate');
  };

  return (
    <Stack gap="sm">
      <Textarea
        label="Certificate (public key, PEM)"
        description="The content of server.cer; register the same certificate at the IdP app."
        placeholder="-----BEGIN CERTIFICATE-----"
        autosize
        minRows={3}
        maxRows={8}
        value={pem}
        onChange={(event) => setPem(event.currentTarget.value)}
        onBlur={() => void check()}
        error={problem}
        styles={{ input: mono }}
      />
      <Button size="xs" variant="light" w="fit-content" onClick={() => void check()} loading={describe.loading} disabled={!pem.trim()}>
        Check certificate
      </Button>
      <Textarea
        ref={key.ref}
        name={key.name}
        label="Private key (PEM)"
        description="Write-only: it goes to the OS keychain and is never shown again."
        placeholder="-----BEGIN PRIVATE KEY-----"
        autosize
        minRows={3}
        maxRows={8}
        value={(key.value as string | undefined) ?? ''}
        onChange={(event) => key.onChange(event.currentTarget.value)}
        onBlur={key.onBlur}
        error={keyState.error?.message}
        autoComplete="off"
        spellCheck={false}
        styles={{ input: { ...mono, WebkitTextSecurity: 'disc' } as CSSProperties }}
      />
    </Stack>
  );
}
