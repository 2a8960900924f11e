import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape, Report, TestRunProgress, TestRunStatus } from '../../../main/contract/index';
import { notifyFailure } from '../../app/notify';
import { useMutation, useOperation, useWorkbenchEvent } from '../../client';
import type { StepName } from './format';
import { launchOf, type Launch } from './launches';

export type StepState = Pick<TestRunProgress, 'status' | 'durationMs' | 'at'>;
export type StepStates = Partial<Record<StepName, StepState>>;

export interface TestRunView {
  status: TestRunStatus | undefined;
  connectionId: string | undefined;
  report: Report | undefined;
  /** Live progress of each step (events), completed by the report's steps once it is there. */
  steps: StepStates;
  launch: Launch | undefined;
  error: AppErrorShape | undefined;
  loading: boolean;
  retry: () => void;
  cancel: () => Promise<void>;
  cancelling: boolean;
}

const POLL_MS = 4000;
const finished = (status: TestRunStatus | undefined) => status !== undefined && status !== 'waiting' && status !== 'processing';

/**
 * One run as the screen shows it: `tests.get` (live runs and History alike), then `onTestRunProgress` and
 * `onTestRunFinished` as they come. While the run waits, `tests.get` is asked again now and then, so a run that ended
 * while the event stream was reconnecting is not missed.
 */
export function useTestRun(runId: string): TestRunView {
  const launch = launchOf(runId);
  const { data, error, loading, refetch, setData } = useOperation('tests.get', { runId });
  const [steps, setSteps] = useState<StepStates>(() =>
    launch ? { authorize: { status: 'started', at: launch.startedAt } } : {},
  );
  const [final, setFinal] = useState<{ status: TestRunStatus; report: Report } | undefined>(undefined);

  useWorkbenchEvent('onTestRunProgress', (progress) => {
    if (progress.runId !== runId) return;
    setSteps((previous) => ({ ...previous, [progress.step]: { status: progress.status, durationMs: progress.durationMs, at: progress.at } }));
  });
  useWorkbenchEvent('onTestRunFinished', (event) => {
    if (event.runId === runId) setFinal({ status: event.status, report: event.report });
  });

  const status = final?.status ?? data?.status;
  const report = final?.report ?? data?.report;
  const loaded = data !== undefined;
  useEffect(() => {
    if (!loaded || finished(status)) return undefined;
    const timer = window.setInterval(() => void refetch(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [loaded, status, refetch]);

  const { mutate: cancelRun, loading: cancelling } = useMutation('tests.cancel');
  const cancel = useCallback(async () => {
    const result = await cancelRun({ runId });
    if (result.ok) setData(result.value);
    else notifyFailure('The run could not be cancelled', result.error);
  }, [cancelRun, runId, setData]);

  return {
    status,
    connectionId: data?.connectionId ?? report?.connection.id ?? launch?.connectionId,
    report,
    steps: report ? { ...steps, ...stepsOf(report) } : steps,
    launch,
    error,
    loading,
    retry: () => void refetch(),
    cancel,
    cancelling,
  };
}

/** The report's timeline as step states (what a page opened after the run, or from History, has). */
function stepsOf(report: Report): StepStates {
  const states: StepStates = {};
  for (const step of report.steps) states[step.name] = { status: step.status, durationMs: step.durationMs, at: step.startedAt };
  return states;
}
