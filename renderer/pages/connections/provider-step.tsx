import { useState } from 'react';
import { Alert, Button, Group, List, Radio, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconInfoCircle } from '@tabler/icons-react';
import { oidcProviders, samlProviders, type ConnectionProtocol, type PresetDescriptor, type PresetResult } from '../../../main/contract/index';
import { useMutation, useOperation } from '../../client';
import { OperationError } from '../../components/operation-error';
import { providerLabel } from '../../components/provider-labels';

export interface ProviderChoice {
  protocol: ConnectionProtocol;
  provider: string;
  /** The preset's draft and the vendor notes that apply to the inputs given. */
  preset: PresetResult;
}

const protocolOptions = [
  { value: 'oidc', label: 'OIDC' },
  { value: 'saml', label: 'SAML' },
];

/**
 * Wizard step 1 (ClearML "New Provider Connection"): protocol and provider, then the vendor's tenant/domain inputs.
 * Next asks the engine to apply the preset (`connections.applyPreset`), which fills the draft and names its quirks.
 */
export function ProviderStep({ initial, onCancel, onNext }: { initial: ProviderChoice | null; onCancel: () => void; onNext: (choice: ProviderChoice) => void }) {
  const presets = useOperation('connections.presets', {});
  const apply = useMutation('connections.applyPreset');
  const [protocol, setProtocol] = useState<ConnectionProtocol>(initial?.protocol ?? 'oidc');
  const [provider, setProvider] = useState<string>(initial?.provider ?? 'custom');
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const providers: readonly string[] = protocol === 'oidc' ? oidcProviders : samlProviders;
  const descriptor: PresetDescriptor | undefined = presets.data?.find((p) => p.protocol === protocol && p.provider === provider);
  const key = (name: string) => `${protocol}:${provider}:${name}`;

  const next = async () => {
    setProblems({});
    const given = Object.fromEntries((descriptor?.inputs ?? []).map((input) => [input.name, (inputs[key(input.name)] ?? input.default ?? '').trim()]));
    const result = await apply.mutate({ protocol, provider, inputs: given });
    if (result.ok) return onNext({ protocol, provider, preset: result.value });
    const field = result.error.field?.replace(/^inputs\./, '');
    const message = result.error.message.replace(/^inputs\.\w+: /, '');
    setProblems(field && descriptor?.inputs.some((input) => input.name === field) ? { [field]: message } : { '': message });
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text size="sm" fw={500} id="protocol-label">
          Protocol
        </Text>
        <SegmentedControl
          aria-labelledby="protocol-label"
          data={protocolOptions}
          value={protocol}
          onChange={(value) => {
            setProtocol(value as ConnectionProtocol);
            setProvider('custom');
            setProblems({});
          }}
          w="fit-content"
          data-testid="protocol"
        />
      </Stack>
      <Radio.Group label="Provider" value={provider} onChange={(value) => { setProvider(value); setProblems({}); }}>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt={6}>
          {providers.map((value) => (
            <Radio.Card key={`${protocol}-${value}`} value={value} radius="md" p="sm">
              <Group gap="xs" wrap="nowrap">
                <Radio.Indicator size="sm" />
                <Text size="sm" fw={500}>
                  {providerLabel(value)}
                </Text>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      {presets.error && !presets.data && <OperationError title="Presets could not be loaded" error={presets.error} onRetry={() => void presets.refetch()} retrying={presets.loading} />}
      {!presets.data && !presets.error && <Skeleton height={80} aria-label="Loading presets" />}
      {descriptor && (
        <Stack gap="sm">
          <Title order={3} size="h5">
            {descriptor.label}
          </Title>
          {descriptor.inputs.length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {descriptor.inputs.map((input) => (
                <TextInput
                  key={key(input.name)}
                  label={input.label}
                  description={input.help}
                  placeholder={input.placeholder}
                  withAsterisk={input.required}
                  value={inputs[key(input.name)] ?? input.default ?? ''}
                  onChange={(event) => setInputs({ ...inputs, [key(input.name)]: event.currentTarget.value })}
                  error={problems[input.name]}
                  autoComplete="off"
                  spellCheck={false}
                />
              ))}
            </SimpleGrid>
          )}
          {descriptor.notes.length > 0 && (
            <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} title="Good to know">
              <List size="sm" spacing={4}>
                {descriptor.notes.map((note) => (
                  <List.Item key={note}>{note}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
      {problems[''] && (
        <Text size="sm" c="red" role="alert">
          {problems['']}
        </Text>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={() => void next()} loading={apply.loading} disabled={!descriptor} data-testid="wizard-next">
          Next
        </Button>
      </Group>
    </Stack>
  );
}
