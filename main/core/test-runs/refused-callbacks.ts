import type { Clock } from '../ports/index.js';
import type { CheckList } from './checks.js';
import type { StepTimeline } from './steps.js';

/**
 * Callbacks refused while a run waits. Any local process that knows a connection id (it is in the redirect URI) can
 * send a callback with a made-up state; that must not end the admin's live test. So a refused callback is recorded on
 * every waiting run of the connection (a `callback` step with status `refused` in the timeline) and the run keeps
 * waiting for the genuine one; only if the run then times out does its report name what was refused.
 */
export interface RefusedCallbacks {
  count: number;
  /** The first few, for the report (bounded: a flood of forged requests must not grow memory or the report). */
  first: Array<{ at: string; reason: string }>;
}

const KEPT = 5;
/** Timeline entries per run; after that only the count grows (the event stream is not flooded either). */
const SHOWN = 20;

export const noRefusals = (): RefusedCallbacks => ({ count: 0, first: [] });

export function recordRefusal(refused: RefusedCallbacks, reason: string, clock: Clock, timeline: StepTimeline): void {
  refused.count += 1;
  const at = clock.now();
  if (refused.first.length < KEPT) refused.first.push({ at: at.toISOString(), reason });
  if (refused.count <= SHOWN) timeline.record('callback', at, 0, 'refused');
}

const OIDC_WORDING = {
  what: 'callback(s)',
  hint: 'A refused callback carried a state this run never issued (or none, or a used one): another program on this machine, a stale browser tab, or a proxy/IdP rule that rewrites the redirect. Start the login from SSO Workbench and complete it in the same tab.',
};

/** At the timeout: fails `checkId` naming the refused callbacks, so the report says why no genuine one counted. */
export function reportRefusals(refused: RefusedCallbacks, checkId: string, checks: CheckList, wording: { what: string; hint: string } = OIDC_WORDING): void {
  if (refused.count === 0) return;
  const listed = refused.first.map((r) => `${r.at}: ${r.reason}`).join(' ');
  const more = refused.count > refused.first.length ? ` (and ${refused.count - refused.first.length} more)` : '';
  checks.fail(checkId, `${refused.count} ${wording.what} were refused while the run waited, and no genuine one came before the timeout. ${listed}${more}`, wording.hint);
}
