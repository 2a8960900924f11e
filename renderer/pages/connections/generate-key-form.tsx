import { useState } from 'react';
import { Button, Group, NumberInput, Select, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { UseFormReturn } from 'react-hook-form';
import { generateKeyPairOptionsSchema, keyAlgorithms } from '../../../main/contract/index';
import { useMutation } from '../../client';
import type { SamlFormValues } from './form-model';

const defaults = generateKeyPairOptionsSchema.parse({});
const algorithmLabels: Record<(typeof keyAlgorithms)[number], string> = {
  'RSA-2048': 'RSA 2048',
  'RSA-3072': 'RSA 3072',
  'RSA-4096': 'RSA 4096',
  'EC-P256': 'EC P-256',
};

/**
 * "Generate key pair": the engine makes a self-signed certificate and keeps the private key in the keychain under a
 * pending id; the form keeps that id and the certificate until Save claims the key.
 */
export function GenerateKeyForm({ form }: { form: UseFormReturn<SamlFormValues> }) {
  const generate = useMutation('connections.generateKeyPair');
  const [algorithm, setAlgorithm] = useState<string>(defaults.algorithm);
  const [validityDays, setValidityDays] = useState<number | ''>(defaults.validityDays);
  const [problem, setProblem] = useState<string | null>(null);
  const options = generateKeyPairOptionsSchema.safeParse({ algorithm, validityDays: validityDays === '' ? Number.NaN : validityDays });
  const validityIssue = options.success ? undefined : options.error.issues.find((issue) => issue.path[0] === 'validityDays');
  const validityError = validityIssue && (validityDays === '' ? 'Enter the validity in days (1 to 3650).' : validityIssue.message);

  const run = async () => {
    if (!options.success) return;
    const values = form.getValues();
    const commonName = (values.saml?.spEntityId?.trim() || values.displayName.trim() || 'SSO Workbench SP').slice(0, 64);
    setProblem(null);
    const result = await generate.mutate({ ...options.data, commonName });
    if (!result.ok) return setProblem(result.error.hint ? `${result.error.message} ${result.error.hint}` : result.error.message);
    form.setValue('saml.signingCertificate', result.value.certificate, { shouldDirty: true });
    form.setValue('pendingKeyId', result.value.pendingKeyId, { shouldDirty: true });
    form.clearErrors(['saml.signingCertificate', 'privateKeyPem', 'pendingKeyId']);
  };

  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        label="Algorithm"
        data={keyAlgorithms.map((value) => ({ value, label: algorithmLabels[value] }))}
        value={algorithm}
        onChange={(value) => value && setAlgorithm(value)}
        allowDeselect={false}
        w={160}
      />
      <NumberInput
        label="Validity"
        suffix=" days"
        value={validityDays}
        onChange={(value) => setValidityDays(typeof value === 'number' ? value : value === '' ? '' : Number(value))}
        min={1}
        max={3650}
        allowDecimal={false}
        allowNegative={false}
        error={validityError}
        w={160}
      />
      <Button mt={25} leftSection={<IconKey size={16} aria-hidden />} onClick={() => void run()} loading={generate.loading} disabled={!options.success} data-testid="generate-key-pair">
        Generate key pair
      </Button>
      {problem && (
        <Text size="sm" c="red" role="alert" w="100%">
          {problem}
        </Text>
      )}
    </Group>
  );
}
