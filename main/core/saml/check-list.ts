import type { Check } from '../../contract/schemas/report.js';

/**
 * The SAML check ids, in report order. Stable: pipelines and History key on them (report.ts).
 * `saml.response.xml` covers input that is not a usable SAML Response at all (malformed, encrypted, no assertion).
 */
export const SAML_CHECK_IDS = [
  'saml.response.size',
  'saml.response.doctype',
  'saml.response.xml',
  'saml.response.status',
  'saml.response.destination',
  'saml.response.issuer',
  'saml.signature.present',
  'saml.signature.valid',
  'saml.signature.algorithm',
  'saml.assertion.signed',
  'saml.assertion.encryption',
  'saml.assertion.audience',
  'saml.assertion.recipient',
  'saml.assertion.time_window',
  'saml.assertion.in_response_to',
  'saml.assertion.replay',
  'saml.nameid.present',
] as const;
export type SamlCheckId = (typeof SAML_CHECK_IDS)[number];

const RANK: Record<Check['status'], number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** Collects one check per id; a worse status wins and messages of the same status are joined. */
export class CheckList {
  private readonly checks = new Map<SamlCheckId, Check>();

  set(id: SamlCheckId, status: Check['status'], message: string, hint = ''): void {
    const current = this.checks.get(id);
    if (!current || RANK[status] > RANK[current.status]) {
      this.checks.set(id, { id, status, message, hint: status === 'pass' ? '' : hint });
    } else if (RANK[status] === RANK[current.status] && !current.message.includes(message)) {
      this.checks.set(id, { ...current, message: `${current.message} ${message}`, hint: current.hint || hint });
    }
  }

  /** A second finding on a check already set (e.g. an encrypted NameID in a clear assertion): the worse status, both messages and hints. */
  add(id: SamlCheckId, status: Check['status'], message: string, hint = ''): void {
    const current = this.checks.get(id);
    if (!current) return this.set(id, status, message, hint);
    const worse = RANK[status] > RANK[current.status] ? status : current.status;
    const hints = [...new Set([current.hint, status === 'pass' ? '' : hint].filter((h) => h !== ''))].join(' ');
    this.checks.set(id, { id, status: worse, message: `${current.message} ${message}`, hint: worse === 'pass' ? '' : hints });
  }

  pass(id: SamlCheckId, message: string): void {
    this.set(id, 'pass', message);
  }
  fail(id: SamlCheckId, message: string, hint: string): void {
    this.set(id, 'fail', message, hint);
  }

  get(id: SamlCheckId): Check | undefined {
    return this.checks.get(id);
  }
  failed(id: SamlCheckId): boolean {
    return this.checks.get(id)?.status === 'fail';
  }
  anyFailed(): boolean {
    return [...this.checks.values()].some((c) => c.status === 'fail');
  }

  /** Every id in report order; ids never evaluated are `skip` with `why`, so the list has the same shape each run. */
  list(why: string): Check[] {
    return SAML_CHECK_IDS.map((id) => this.checks.get(id) ?? { id, status: 'skip', message: `Not checked: ${why}`, hint: '' });
  }
}
