import { Loader, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import { formatDuration, stepLabelFor, stepOrderFor, type StepName } from './format';
import type { StepState, StepStates } from './use-test-run';

/**
 * The run's steps (OIDC: authorize → callback → token → validate → userinfo → verdict; SAML: authorize → ACS → validate → verdict) with their durations: a spinner on
 * the step in progress, a tick, a cross or a dash when it ended. `running` is false once the run is over, so steps
 * never reached show as such instead of pending.
 */
export function StepTimeline({ steps, running, protocol }: { steps: StepStates; running: boolean; protocol?: 'oidc' | 'saml' | undefined }) {
  const stepOrder = stepOrderFor(protocol);
  const reached = stepOrder.filter((name) => steps[name] !== undefined);
  const last = reached.length === 0 ? -1 : stepOrder.indexOf(reached[reached.length - 1] as StepName);
  return (
    <Timeline active={last} bulletSize={24} lineWidth={2} aria-label="Steps of the test run" data-testid="step-timeline">
      {stepOrder.map((name) => {
        const state = steps[name];
        const { title, description } = stepLabelFor(protocol, name);
        return (
          <Timeline.Item key={name} bullet={<StepBullet state={state} running={running} />} title={title} color={colorOf(state)} data-step={name} data-status={state?.status ?? (running ? 'pending' : 'not-reached')}>
            <Text size="xs" c="dimmed">
              {description}
            </Text>
            <Text size="xs" mt={2} c={state?.status === 'failed' ? 'red' : undefined}>
              {statusText(state, running)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function colorOf(state: StepState | undefined): string {
  if (state?.status === 'failed') return 'red';
  if (state?.status === 'skipped') return 'gray';
  if (state?.status === 'refused') return 'orange';
  return 'teal';
}

function StepBullet({ state, running }: { state: StepState | undefined; running: boolean }) {
  if (!state) return null;
  if (state.status === 'started') return running ? <Loader size={14} color="white" aria-hidden /> : <IconMinus size={14} aria-hidden />;
  const Icon = state.status === 'ok' ? IconCheck : state.status === 'failed' || state.status === 'refused' ? IconX : IconMinus;
  return (
    <ThemeIcon size={24} radius="xl" color={colorOf(state)} aria-hidden>
      <Icon size={14} />
    </ThemeIcon>
  );
}

function statusText(state: StepState | undefined, running: boolean): string {
  if (!state) return running ? 'Pending' : 'Not reached';
  const took = state.durationMs === undefined ? '' : ` · ${formatDuration(state.durationMs)}`;
  switch (state.status) {
    case 'started':
      return running ? 'In progress…' : 'Interrupted';
    case 'ok':
      return `Done${took}`;
    case 'failed':
      return `Failed${took}`;
    case 'skipped':
      return 'Skipped';
    case 'refused':
      // A callback that was not this run's (unknown, missing or used state): refused, and the run kept waiting.
      return running ? 'Refused a callback that was not this run’s · still waiting for the IdP' : 'Refused a callback that was not this run’s';
  }
}
