import { useEffect, useState } from 'react';
import { Button, Grid, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlayerStop } from '@tabler/icons-react';
import { CopyValue } from '../../components/copy-value';
import { formatDuration } from './format';
import { openAuthorizeUrl, type Launch } from './launches';
import { StepTimeline } from './step-timeline';
import type { TestRunView } from './use-test-run';

/**
 * While the run waits for the IdP: what to do, the authorize URL (copy, open again), time left, Cancel, and the step
 * timeline as the engine reports it.
 */
export function RunningPanel({ run }: { run: TestRunView }) {
  const { launch, status } = run;
  const processing = status === 'processing';
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="waiting-title">
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap">
              <Loader size="sm" aria-hidden />
              <Title order={2} size="h4" id="waiting-title">
                {processing ? 'The identity provider answered: checking…' : 'Waiting for the identity provider'}
              </Title>
            </Group>
            <Text>Log in at the identity provider in the tab that opened; this page updates when it answers.</Text>
            {launch ? <LaunchDetails launch={launch} /> : <Text size="sm" c="dimmed">The login URL is shown only in the window that started this run. If that tab is gone, cancel and test again.</Text>}
            <Group gap="sm">
              {launch && (
                <Button variant="light" leftSection={<IconExternalLink size={16} aria-hidden />} onClick={() => openAuthorizeUrl(launch.authorizeUrl)} disabled={processing}>
                  Open again
                </Button>
              )}
              <Button variant="subtle" color="red" leftSection={<IconPlayerStop size={16} aria-hidden />} onClick={() => void run.cancel()} loading={run.cancelling} disabled={processing}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="progress-title">
          <Title order={2} size="h4" id="progress-title" mb="md">
            Timeline
          </Title>
          <StepTimeline steps={run.steps} running protocol={launch?.protocol} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function LaunchDetails({ launch }: { launch: Launch }) {
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Login URL
        </Text>
        <CopyValue value={launch.authorizeUrl} label="login URL" />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Test redirect URI (must be registered at the identity provider)
        </Text>
        <CopyValue value={launch.redirectUri} label="test redirect URI" />
      </Stack>
      <TimeLeft startedAt={launch.startedAt} expiresAt={launch.expiresAt} />
    </Stack>
  );
}

/** A countdown to the run's deadline, as a bar and in words. */
function TimeLeft({ startedAt, expiresAt }: { startedAt: string; expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const start = Date.parse(startedAt);
  const end = Date.parse(expiresAt);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
  const left = Math.max(0, end - now);
  const percent = (left / (end - start)) * 100;
  const words = `${formatDuration(Math.ceil(left / 1000) * 1000)} left to log in`;
  return (
    <Stack gap={4}>
      <Progress value={percent} size="sm" color={percent < 20 ? 'orange' : 'blue'} aria-label="Time left to log in" aria-valuetext={words} transitionDuration={900} />
      <Text size="xs" c="dimmed">
        {words}
      </Text>
    </Stack>
  );
}
