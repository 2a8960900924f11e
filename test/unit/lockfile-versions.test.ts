import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The SAML validation relies on fixes in these versions: node-saml 5.1.0 (signature-wrapping fixes, getVerifiedXml
// only trusting signed bytes) and xml-crypto 6.1.2 (GHSA advisories on signature/digest confusion). A lockfile that
// resolves anything older, anywhere in the tree, fails the build.
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** "1.2.3" / "1.2.3-beta.1" → numbers; a pre-release sorts before its release (SemVer §11). */
function parse(version: string): [number, number, number, boolean] {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+.*)?$/.exec(version);
  if (!match) throw new Error(`Not a semver version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] !== undefined];
}
function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) > (b[i] as number);
  return !a[3] || b[3];
}

function resolved(name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, entry]) => ({ path, version: entry.version ?? '(none)' }));
}

describe('lockfile versions', () => {
  it('compares versions as semver', () => {
    expect(atLeast('5.1.0', '5.1.0')).toBe(true);
    expect(atLeast('5.10.0', '5.9.9')).toBe(true);
    expect(atLeast('5.0.9', '5.1.0')).toBe(false);
    expect(atLeast('6.1.2-rc.1', '6.1.2')).toBe(false);
    expect(atLeast('10.0.0', '6.1.2')).toBe(true);
  });

  it('@node-saml/node-saml resolves to ≥ 5.1.0', () => {
    const found = resolved('@node-saml/node-saml');
    expect(found.length).toBeGreaterThan(0);
    for (const { path, version } of found) expect(atLeast(version, '5.1.0'), `${path}@${version}`).toBe(true);
  });

  it('every xml-crypto in the tree resolves to ≥ 6.1.2', () => {
    const found = resolved('xml-crypto');
    expect(found.length).toBeGreaterThan(0);
    for (const { path, version } of found) expect(atLeast(version, '6.1.2'), `${path}@${version}`).toBe(true);
  });
});
