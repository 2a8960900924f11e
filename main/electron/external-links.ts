/**
 * Which links the desktop app hands to the OS browser (`shell.openExternal`, Electron security checklist §15). Not
 * "any https URL": a compromised or confused page could then open anything through the OS. Only:
 * - the authorization URL the engine built for a live test run (`tests.start`), each once, exactly as built;
 * - https pages on a fixed list of documentation hosts.
 * https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export const documentationHosts = ['clear.ml', 'docs.arthur.ai', 'www.electronjs.org'] as const;

/** How many test-run URLs are remembered (a run's tab is opened right after it starts). */
const MAX_PENDING = 20;

export class ExternalLinkPolicy {
  private readonly testRunUrls: string[] = [];

  /** Called with each `tests.start` result: its authorizeUrl may be opened once. */
  allowTestRun(authorizeUrl: string): void {
    this.testRunUrls.push(authorizeUrl);
    if (this.testRunUrls.length > MAX_PENDING) this.testRunUrls.shift();
  }

  /** True (and the test-run URL consumed) when `url` may be opened in the OS browser. */
  take(url: string): boolean {
    const index = this.testRunUrls.indexOf(url);
    if (index >= 0) {
      this.testRunUrls.splice(index, 1);
      return true;
    }
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && (documentationHosts as readonly string[]).includes(parsed.hostname);
    } catch {
      return false;
    }
  }
}
