// `npm audit --omit=dev` policy (issue 13): no high or critical advisory on a production dependency unless it is
// explained in audit-exceptions.json (advisory URL → why it does not apply, and until when). Pure, so it is
// unit-tested (test/unit/hardening-dependency-floors.test.ts); scripts/audit.mjs runs npm and prints the verdict.

/** Each high/critical advisory in an `npm audit --json` report: package, severity, title, URL. */
export function highFindings(report) {
  const found = [];
  for (const [name, vulnerability] of Object.entries(report?.vulnerabilities ?? {})) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object' || via === null) continue; // a string names the dependency that carries it
      if (via.severity !== 'high' && via.severity !== 'critical') continue;
      found.push({ name, severity: via.severity, title: via.title ?? '', url: via.url ?? '', range: via.range ?? '' });
    }
  }
  return found;
}

/** Splits the findings into explained (listed in exceptions with a reason) and unexplained (fail). */
export function judgeAudit(report, exceptions = {}) {
  const explained = [];
  const unexplained = [];
  for (const finding of highFindings(report)) {
    const why = exceptions[finding.url];
    if (typeof why === 'string' && why.trim() !== '') explained.push({ ...finding, why });
    else unexplained.push(finding);
  }
  return { explained, unexplained };
}

/** The registry could not run the audit (no audit endpoint, offline): a report with `error`/`message` instead of vulnerabilities. */
export function auditUnavailable(report) {
  return report === undefined || (report.vulnerabilities === undefined && (report.error !== undefined || report.message !== undefined || report.statusCode !== undefined));
}
