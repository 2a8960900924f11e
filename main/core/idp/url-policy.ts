/**
 * Where the engine may fetch IdP documents from: https anywhere, plain http only to this machine.
 * Shared by the IdP helpers and the Node Http adapter so both refuse the same URLs with the same words.
 */

/** Loopback hosts: traffic to them never leaves the machine, so plain http is acceptable (tests, local IdPs). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // The whole 127.0.0.0/8 block is loopback, not only 127.0.0.1.
  return /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/** Why a URL may not be fetched, or null when it may. `what` names the URL for the person reading the message. */
export function insecureUrlReason(url: string, what = 'URL'): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The ${what} "${url}" is not a valid absolute URL (expected https://…).`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return null;
    return `The ${what} "${url}" uses plain http; https is required except for loopback hosts (127.0.0.1, ::1, localhost).`;
  }
  return `The ${what} "${url}" uses ${parsed.protocol.replace(/:$/, '')}; only https (or http to a loopback host) is allowed.`;
}

/** Throws an Error worded for a person when the URL may not be fetched. */
export function assertFetchableUrl(url: string, what = 'URL'): URL {
  const reason = insecureUrlReason(url, what);
  if (reason) throw new Error(reason);
  return new URL(url);
}
