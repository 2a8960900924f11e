import { Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { CertificateInfo } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';
import { ExpiryBadge, Fingerprint } from './certificate-badge';

/** A certificate with its facts and its PEM, copyable (for the IdP app's "Client Certificate"/"Public Key" field). */
export function CertificateCard({ certificate, title }: { certificate: CertificateInfo; title: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid="signing-certificate">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {title}
          </Text>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              Copy PEM
            </Text>
            <CopyAction value={certificate.pem} label={`${title} PEM`} />
          </Group>
        </Group>
        <Group gap="lg" wrap="wrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {certificate.subject}
          </Text>
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              Expires
            </Text>
            <ExpiryBadge certificate={certificate} />
          </Group>
          <Fingerprint value={certificate.fingerprintSha256} label={`${title} fingerprint`} />
        </Group>
        <Code block style={{ maxHeight: 140, overflow: 'auto', fontSize: 11 }}>
          {certificate.pem}
        </Code>
      </Stack>
    </Paper>
  );
}
