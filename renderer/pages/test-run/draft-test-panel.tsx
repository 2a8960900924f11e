import { useEffect, useRef } from 'react';
import { Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlayerStop } from '@tabler/icons-react';
import { ChecksList } from './checks-list';
import { openAuthorizeUrl, runHref } from './launches';
import { useTestRun } from './use-test-run';
import { VerdictBanner } from './verdict-banner';

/**
 * A run of the draft shown in place, inside the wizard or the Edit dialog: waiting (open again, cancel), then the
 * verdict and the checks, with a link to the full report. What is saved next is what was tested.
 */
export function DraftTestPanel({ runId, saveNote }: { runId: string; saveNote: string }) {
  const run = useTestRun(runId);
  const { report, status, launch } = run;
  const ref = useRef<HTMLDivElement>(null);
  // The panel sits above the form: brought into view when the run starts and when its verdict arrives.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [report !== undefined]);
  if (!report) {
    const processing = status === 'processing';
    return (
      <Paper ref={ref} withBorder radius="md" p="md" component="section" aria-label="Test of this draft" data-testid="draft-test">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" aria-hidden />
            <Title order={3} size="h5">
              {processing ? 'The identity provider answered: checking…' : 'Waiting for the identity provider'}
            </Title>
          </Group>
          <Text size="sm">Log in at the identity provider in the tab that opened; the verdict appears here. Nothing is saved by a test.</Text>
          <Group gap="sm">
            {launch && (
              <Button size="xs" variant="light" leftSection={<IconExternalLink size={14} aria-hidden />} onClick={() => openAuthorizeUrl(launch.authorizeUrl)} disabled={processing}>
                Open again
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red" leftSection={<IconPlayerStop size={14} aria-hidden />} onClick={() => void run.cancel()} loading={run.cancelling} disabled={processing}>
              Cancel test
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  return (
    <Stack ref={ref} gap="sm" component="section" aria-label="Test of this draft" data-testid="draft-test">
      <div aria-live="polite" data-testid="run-status">
        <VerdictBanner report={report} status={status} />
      </div>
      {report.outcome === 'passed' && !report.cancelled && (
        <Text size="sm" data-testid="draft-test-save-note">
          {saveNote}
        </Text>
      )}
      <ChecksList checks={report.checks} />
      <Anchor href={runHref(runId)} target="_blank" size="sm">
        Open the full report (claims, tokens, timeline) in a new tab
      </Anchor>
    </Stack>
  );
}
