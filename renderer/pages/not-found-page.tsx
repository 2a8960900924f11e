import { Anchor, EmptyState, Paper } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { PageHeader } from '../components/page-header';
import { hrefOf } from '../app/use-hash-route';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="This address does not name a screen of SSO Workbench." />
      <Paper withBorder p="xl" radius="md">
        <EmptyState icon={<IconMapPinOff size={28} stroke={1.5} aria-hidden />} title="Nothing here">
          <Anchor href={hrefOf('connections')}>Go to Connections</Anchor>
        </EmptyState>
      </Paper>
    </>
  );
}
