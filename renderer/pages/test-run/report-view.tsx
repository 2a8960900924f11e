import { Grid, Paper, Stack, Title } from '@mantine/core';
import type { Report } from '../../../main/contract/index';
import { ChecksList } from './checks-list';
import { readDetails } from './details';
import { GroupsCard } from './groups-card';
import { ReportTabs } from './report-tabs';
import { StepTimeline } from './step-timeline';
import type { StepStates } from './use-test-run';
import { UserCard } from './user-card';

/**
 * A finished run's report below its verdict: the mapped user (ClearML's Test Provider screen), groups and roles, the
 * step timeline, every check, and the protocol data in tabs.
 */
export function ReportView({ report, steps, provider }: { report: Report; steps: StepStates; provider: string | undefined }) {
  const details = readDetails(report);
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <UserCard report={report} provider={provider} candidate={details.candidate} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <GroupsCard report={report} candidate={details.candidate} />
        </Grid.Col>
      </Grid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: report.source === 'live' ? 8 : 12 }}>
          <ChecksList checks={report.checks} />
        </Grid.Col>
        {report.source === 'live' && (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
              <Title order={2} size="h4" id="timeline-title" mb="md">
                Timeline
              </Title>
              <StepTimeline steps={steps} running={false} protocol={report.connection.protocol} />
            </Paper>
          </Grid.Col>
        )}
      </Grid>
      <ReportTabs report={report} details={details} />
    </Stack>
  );
}
