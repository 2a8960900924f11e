import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../main/adapters/http/network-errors.js';
import { nextHop, type Hop } from '../../main/adapters/http/redirects.js';
import { insecureUrlReason, isLoopbackHost } from '../../main/core/idp/url-policy.js';
import { HttpError } from '../../main/core/ports/http.js';

describe('url policy', () => {
  it('treats only loopback hosts as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1', 'localhost.']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', '10.0.0.1', '::2', '0.0.0.0']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('allows https anywhere and http only to loopback', () => {
    expect(insecureUrlReason('https://idp.example.com/x')).toBeNull();
    expect(insecureUrlReason('http://127.0.0.1:8080/x')).toBeNull();
    expect(insecureUrlReason('http://[::1]:8080/x')).toBeNull();
    expect(insecureUrlReason('http://idp.example.com/x')).toMatch(/plain http; https is required/);
    expect(insecureUrlReason('ftp://idp/x', 'metadata URL')).toMatch(/^The metadata URL "ftp:\/\/idp\/x" uses ftp/);
    expect(insecureUrlReason('idp.example.com')).toMatch(/not a valid absolute URL/);
  });
});

describe('redirect rules', () => {
  const post: Hop = { url: 'https://idp.example.com/a', method: 'POST', body: 'x=1', headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain', Accept: 'application/json' } };

  it('refuses a downgrade from https to http, even to loopback', () => {
    for (const location of ['http://idp.example.com/b', 'http://127.0.0.1/b']) {
      const error = (() => {
        try {
          nextHop(post, location, 302);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).kind).toBe('insecure_url');
      expect((error as HttpError).message).toMatch(/redirected from https to http .* downgrade is refused/);
    }
  });

  it('follows the Fetch rules for method and body, and drops credentials across origins', () => {
    expect(nextHop(post, '/b', 303)).toEqual({ url: 'https://idp.example.com/b', method: 'GET', body: undefined, headers: { Authorization: 'Bearer t', Accept: 'application/json' } });
    expect(nextHop(post, '/b', 307)).toEqual({ ...post, url: 'https://idp.example.com/b' });
    expect(nextHop(post, 'https://other.example.com/b', 308).headers).toEqual({ 'Content-Type': 'text/plain', Accept: 'application/json' });
    expect(nextHop({ ...post, method: 'PUT' }, '/b', 302).method).toBe('PUT');
  });
});

describe('network error wording', () => {
  const wrap = (code: string, message = code) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
  const url = 'https://idp.example.com:8443/x';

  it.each([
    ['ENOTFOUND', /host name "idp\.example\.com" was not found \(DNS\)/],
    ['EAI_AGAIN', /could not be resolved right now/],
    ['ECONNREFUSED', /Connection refused by idp\.example\.com:8443/],
    ['ECONNRESET', /closed unexpectedly/],
    ['UND_ERR_CONNECT_TIMEOUT', /connection timed out/],
    ['EHOSTUNREACH', /no route/],
    ['CERT_HAS_EXPIRED', /TLS error talking to idp\.example\.com:8443: its TLS certificate has expired/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /CA this machine does not trust .*NODE_EXTRA_CA_CERTS/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /does not name this host/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /TLS handshake failed/],
  ])('%s', (code, expected) => {
    expect(describeNetworkError(wrap(code), url)).toMatch(expected);
  });

  it('looks inside AggregateErrors (happy eyeballs) and falls back to the message', () => {
    const aggregate = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed') });
    expect(describeNetworkError(aggregate, url)).toMatch(/Connection refused/);
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new Error('something odd') }), url)).toBe('Could not reach idp.example.com:8443: something odd.');
  });
});
