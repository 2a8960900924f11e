import { useState } from 'react';
import { ActionIcon, Button, Collapse, Stack, Table, Text, Textarea, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useController, type Control } from 'react-hook-form';
import type { CertificateInfo } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { ExpiryBadge, Fingerprint } from './certificate-badge';
import type { SamlFormValues } from './form-model';

/**
 * The IdP signing certificates (several are kept for rollover: a signature by any of them is accepted), with their
 * expiry flagged, plus pasting one more PEM (checked by the engine).
 */
export function CertificatesTable({ control }: { control: Control<SamlFormValues> }) {
  const { field, fieldState } = useController({ control, name: 'saml.idp.certificates' });
  const certificates = (field.value ?? []) as CertificateInfo[];
  const describe = useMutation('connections.describeCertificate');
  const [adding, setAdding] = useState(false);
  const [pem, setPem] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const error = fieldState.error?.message ?? (fieldState.error as unknown as { root?: { message?: string } } | undefined)?.root?.message;

  const add = async () => {
    const result = await describe.mutate({ pem });
    if (!result.ok) return setProblem(result.error.message);
    if (certificates.some((c) => c.fingerprintSha256 === result.value.fingerprintSha256)) return setProblem('This certificate is already in the list.');
    field.onChange([...certificates, result.value]);
    setPem('');
    setProblem(null);
    setAdding(false);
  };

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="idp-certificates-label">
        IdP signing certificates
      </Text>
      {certificates.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: load the IdP metadata, or paste the certificate from the IdP app.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} aria-labelledby="idp-certificates-label" data-testid="idp-certificates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>SHA-256 fingerprint</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.map((certificate, index) => (
                <Table.Tr key={certificate.fingerprintSha256 || index}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm">{certificate.subject}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ExpiryBadge certificate={certificate} />
                  </Table.Td>
                  <Table.Td>
                    <Fingerprint value={certificate.fingerprintSha256} label={`fingerprint of certificate ${index + 1}`} />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label="Remove this certificate">
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove certificate ${index + 1}`} onClick={() => field.onChange(certificates.filter((_, i) => i !== index))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Button ref={field.ref} size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding((open) => !open)} w="fit-content" aria-expanded={adding}>
        Paste a certificate
      </Button>
      <Collapse expanded={adding}>
        <Stack gap={6}>
          <Textarea
            label="Certificate (PEM)"
            placeholder="-----BEGIN CERTIFICATE-----"
            autosize
            minRows={3}
            maxRows={8}
            value={pem}
            onChange={(event) => setPem(event.currentTarget.value)}
            error={problem}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          />
          <Button size="xs" variant="light" onClick={() => void add()} loading={describe.loading} disabled={!pem.trim()} w="fit-content">
            Add certificate
          </Button>
        </Stack>
      </Collapse>
    </Stack>
  );
}
