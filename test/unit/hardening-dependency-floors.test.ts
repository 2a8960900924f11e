import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types; its shapes are checked by these tests
import { auditUnavailable, judgeAudit } from '../../scripts/lib/audit-policy.mjs';

// Security floors of the XML/SAML stack (issue 13), read from the lockfile so no resolution anywhere in the tree can
// slip below them: @node-saml/node-saml ≥ 5.1.0 and xml-crypto ≥ 6.1.2 (also in lockfile-versions.test.ts), and
// @xmldom/xmldom patched for GHSA-6gmq-8vp8-gcm6 (XML fragment injection, vulnerable ≥ 0.7.0 ≤ 0.8.14): each 0.8
// copy ≥ 0.8.15, each 0.9 copy ≥ 0.9.12 (the reviewed one), nothing older than 0.8.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
const copies = (name: string) =>
  Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, entry]) => ({ path, version: entry.version ?? '0.0.0' }));
const numbers = (version: string) => version.split(/[.+-]/).slice(0, 3).map(Number) as [number, number, number];
const atLeast = (version: string, floor: string) => {
  const [a, b] = [numbers(version), numbers(floor)];
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return !/-/.test(version);
};

describe('dependency security floors (lockfile)', () => {
  it('every @xmldom/xmldom copy is patched', () => {
    const found = copies('@xmldom/xmldom');
    expect(found.length).toBeGreaterThan(0);
    for (const { path, version } of found) {
      const floor = version.startsWith('0.8.') ? '0.8.15' : '0.9.12';
      expect(atLeast(version, floor), `${path}@${version} is below ${floor}`).toBe(true);
    }
  });

  it('no plain `xmldom` (the abandoned, unpatched package) anywhere', () => {
    expect(copies('xmldom')).toEqual([]);
  });

  it('node-saml and xml-crypto floors hold in every copy', () => {
    for (const [name, floor] of [['@node-saml/node-saml', '5.1.0'], ['xml-crypto', '6.1.2']] as const) {
      for (const { path, version } of copies(name)) expect(atLeast(version, floor), `${path}@${version}`).toBe(true);
    }
  });
});

describe('npm audit --omit=dev policy', () => {
  const report = (severity: string, url: string) => ({
    vulnerabilities: { 'xml-crypto': { severity, via: [{ severity, title: 'Signature confusion', url, range: '<6.1.2' }, 'xmldom'] } },
    metadata: { vulnerabilities: { high: 1 } },
  });

  it('an unexplained high or critical advisory fails; moderate ones are reported by npm, not failed here', () => {
    expect(judgeAudit(report('high', 'https://github.com/advisories/GHSA-x')).unexplained).toHaveLength(1);
    expect(judgeAudit(report('critical', 'https://github.com/advisories/GHSA-x')).unexplained).toHaveLength(1);
    expect(judgeAudit(report('moderate', 'https://github.com/advisories/GHSA-x')).unexplained).toHaveLength(0);
  });

  it('an advisory explained in audit-exceptions.json (with a reason) passes; an empty reason does not', () => {
    const url = 'https://github.com/advisories/GHSA-x';
    expect(judgeAudit(report('high', url), { [url]: 'Only the CLI bundler uses it; not shipped.' })).toMatchObject({ unexplained: [], explained: [{ name: 'xml-crypto' }] });
    expect(judgeAudit(report('high', url), { [url]: ' ' }).unexplained).toHaveLength(1);
  });

  it('a registry without an audit endpoint is recognised as "not checked", not as a clean report', () => {
    expect(auditUnavailable({ message: '405 Method Not Allowed', statusCode: 405 })).toBe(true);
    expect(auditUnavailable(undefined)).toBe(true);
    expect(auditUnavailable({ vulnerabilities: {}, metadata: {} })).toBe(false);
  });

  it('the exceptions file exists and every entry has a reason', () => {
    const exceptions = JSON.parse(readFileSync('audit-exceptions.json', 'utf8')) as Record<string, string>;
    for (const [url, why] of Object.entries(exceptions)) expect(why.trim(), url).not.toBe('');
  });
});
