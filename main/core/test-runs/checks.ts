import type { Check } from '../../contract/index.js';

type Status = Check['status'];
const RANK: Record<Status, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/**
 * The checks of one run, one per stable id (product.md: pipelines and History key on the ids). Protocol-neutral:
 * OIDC and SAML runs pass their own ordered id list to `list`, which fills the ids never evaluated with `skip` so a
 * report always has the same shape. A worse status replaces a better one for the same id (a second opinion that is
 * stricter wins; nothing ever turns a `fail` back into a `pass`).
 */
export class CheckList {
  private readonly checks = new Map<string, Check>();

  set(id: string, status: Status, message: string, hint = ''): void {
    const current = this.checks.get(id);
    if (current && RANK[current.status] > RANK[status]) return;
    this.checks.set(id, { id, status, message, hint: status === 'pass' ? '' : hint });
  }

  pass(id: string, message: string): void {
    this.set(id, 'pass', message);
  }
  warn(id: string, message: string, hint: string): void {
    this.set(id, 'warn', message, hint);
  }
  fail(id: string, message: string, hint: string): void {
    this.set(id, 'fail', message, hint);
  }
  skip(id: string, message: string): void {
    this.set(id, 'skip', message);
  }

  get(id: string): Check | undefined {
    return this.checks.get(id);
  }
  failed(id: string): boolean {
    return this.checks.get(id)?.status === 'fail';
  }
  anyFailed(): boolean {
    return [...this.checks.values()].some((check) => check.status === 'fail');
  }
  /** The failed checks in insertion order. */
  failures(): Check[] {
    return [...this.checks.values()].filter((check) => check.status === 'fail');
  }
  /** Adds every check of another list (same merge rule). */
  addAll(checks: readonly Check[]): void {
    for (const check of checks) this.set(check.id, check.status, check.message, check.hint);
  }

  /**
   * The checks in `order`, then any other ids in insertion order. Ids of `order` never evaluated become `skip`
   * with `notReached` as the message.
   */
  list(order: readonly string[], notReached: string): Check[] {
    const ordered = order.map((id) => this.checks.get(id) ?? { id, status: 'skip' as const, message: notReached, hint: '' });
    const listed = new Set(order);
    const extra = [...this.checks.values()].filter((check) => !listed.has(check.id));
    return [...ordered, ...extra];
  }
}
