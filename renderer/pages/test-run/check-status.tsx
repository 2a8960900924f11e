import { ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import type { Check } from '../../../main/contract/index';

type CheckStatus = Check['status'];

export const checkStatusMeta: Record<CheckStatus, { color: string; label: string }> = {
  pass: { color: 'teal', label: 'Passed' },
  warn: { color: 'yellow', label: 'Warning' },
  fail: { color: 'red', label: 'Failed' },
  skip: { color: 'gray', label: 'Skipped' },
};

const icons = { pass: IconCheck, warn: IconAlertTriangle, fail: IconX, skip: IconMinus } as const;

/** A check's status as an icon; the label is for screen readers (the colour alone says nothing to them). */
export function CheckStatusIcon({ status, size = 22 }: { status: CheckStatus; size?: number }) {
  const Icon = icons[status];
  const { color, label } = checkStatusMeta[status];
  return (
    <ThemeIcon size={size} radius="xl" color={color} variant={status === 'skip' ? 'light' : 'filled'} role="img" aria-label={label}>
      <Icon size={Math.round(size * 0.6)} aria-hidden />
    </ThemeIcon>
  );
}
