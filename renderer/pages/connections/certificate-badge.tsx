import { Badge, Code, Group, Text, Tooltip } from '@mantine/core';
import type { CertificateInfo } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';

const DAY_MS = 86_400_000;

/** Days left from notAfter (negative once expired), recomputed now rather than trusting a stale count. */
export function daysLeft(certificate: CertificateInfo, now = Date.now()): number {
  const end = Date.parse(certificate.notAfter);
  if (Number.isNaN(end)) return certificate.expired ? -1 : certificate.expiresInDays;
  return Math.floor((end - now) / DAY_MS);
}

/** Expiry as a badge: red when expired, orange when it expires within 30 days, else the date. */
export function ExpiryBadge({ certificate }: { certificate: CertificateInfo }) {
  const days = daysLeft(certificate);
  const date = new Date(certificate.notAfter).toLocaleDateString();
  if (days < 0) {
    return (
      <Badge color="red" variant="light" title={`Expired on ${certificate.notAfter}`}>
        expired {date}
      </Badge>
    );
  }
  if (days <= 30) {
    return (
      <Badge color="orange" variant="light" title={`Expires on ${certificate.notAfter}`}>
        expires in {days} d
      </Badge>
    );
  }
  return (
    <Text size="sm" span title={certificate.notAfter}>
      {date}
    </Text>
  );
}

/** A SHA-256 fingerprint, shortened on screen, copied whole. */
export function Fingerprint({ value, label }: { value: string; label: string }) {
  const short = value.length > 23 ? `${value.slice(0, 11)}…${value.slice(-11)}` : value;
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={value} multiline maw={360}>
        <Code>{short}</Code>
      </Tooltip>
      <CopyAction value={value} label={label} />
    </Group>
  );
}
