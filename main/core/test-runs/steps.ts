import type { TestRunProgress } from '../../contract/index.js';
import type { Clock } from '../ports/index.js';
import type { Step } from './report.js';

type StepName = Step['name'];
type StepStatus = Step['status'];

/**
 * The run's timeline (authorize → callback → token → validate → userinfo → verdict) with durations, announced as
 * `onTestRunProgress` events as it goes. Durations come from the monotonic clock; wall times from the Clock port.
 */
export class StepTimeline {
  readonly steps: Step[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly emit: (progress: TestRunProgress) => void,
    private readonly ids: { runId: string; connectionId: string },
  ) {}

  /** Starts a step; call the returned function with how it ended. */
  begin(name: StepName): (status: StepStatus) => void {
    const startedAt = this.clock.now();
    const started = performance.now();
    this.emit({ ...this.ids, step: name, status: 'started', at: startedAt.toISOString() });
    return (status) => this.record(name, startedAt, performance.now() - started, status);
  }

  /** Records a step measured elsewhere (the authorize step spans the browser login). */
  record(name: StepName, startedAt: Date, durationMs: number, status: StepStatus): void {
    const rounded = Math.round(durationMs * 10) / 10;
    this.steps.push({ name, startedAt: startedAt.toISOString(), durationMs: rounded, status });
    const progress = status;
    this.emit({ ...this.ids, step: name, status: progress, durationMs: rounded, at: this.clock.now().toISOString() });
  }

  /** Runs `work` as a step: ok when it returns true, failed when false, skipped when null. */
  async run<T>(name: StepName, work: () => Promise<T>, statusOf: (value: T) => StepStatus): Promise<T> {
    const end = this.begin(name);
    try {
      const value = await work();
      end(statusOf(value));
      return value;
    } catch (error) {
      end('failed');
      throw error;
    }
  }
}
