// The keychain adapter's pure parts: what keytar/libsecret said → failure kind, the words a person reads, and the
// worker protocol's guards. The real keychain is exercised in test/integration/keychain.test.ts.
import { describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../main/core/ports/secret-store.js';
import { classifyKeychainError, shortCause } from '../../main/adapters/keychain/classify.js';
import { availableStatus, failedStatus, formatSeconds, keychainBackend, keychainError } from '../../main/adapters/keychain/messages.js';
import { isWorkerReply, isWorkerRequest } from '../../main/adapters/keychain/worker-protocol.js';

describe('classifyKeychainError', () => {
  it.each([
    // Seen from keytar 7.9 / libsecret on Debian 12:
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'], // no DBUS_SESSION_BUS_ADDRESS, no display
    ['Could not connect: No such file or directory', 'unavailable'], // bus address leads nowhere
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'], // bus, no service
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'], // no login keyring yet
    ['Prompt dismissed', 'locked'],
    ['User interaction is not allowed.', 'locked'], // macOS
    ['something nobody has seen before', 'unavailable'],
  ] as const)('%s → %s', (message, kind) => {
    expect(classifyKeychainError(message)).toBe(kind);
  });
});

describe('shortCause', () => {
  it('keeps the first line, without the trailing period, at most 200 characters', () => {
    expect(shortCause(new Error('Could not connect.\n    at stack'))).toBe('Could not connect');
    expect(shortCause(new Error('x'.repeat(500)))).toHaveLength(200);
    expect(shortCause(new Error(''))).toBe('no reason given');
    expect(shortCause('a string')).toBe('a string');
  });

  it('cuts the secret out wherever it appears', () => {
    expect(shortCause(new Error('bad value hunter2 for hunter2'), 'hunter2')).toBe('bad value [redacted] for [redacted]');
  });
});

describe('words for a person', () => {
  it('unavailable names the cause and how to fix it, and promises no plaintext', () => {
    const error = keychainError('unavailable', { cause: 'Could not connect: No such file or directory', timeoutMs: 3000, platform: 'linux' });
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('The OS keychain (Secret Service) is not available: Could not connect: No such file or directory.');
    expect(error.fix).toBe(
      "Install and start gnome-keyring or KeePassXC's Secret Service, or run inside a desktop session. SSO Workbench never stores secrets in plaintext.",
    );
  });

  it('locked and timeout', () => {
    expect(keychainError('locked', { timeoutMs: 3000, platform: 'linux' })).toMatchObject({
      message: 'The keychain is locked.',
      fix: expect.stringContaining('Unlock it (log in to the desktop session, or `gnome-keyring-daemon --unlock`)'),
    });
    expect(keychainError('timeout', { timeoutMs: 3000 })).toMatchObject({
      kind: 'timeout',
      message: 'The OS keychain did not answer within 3 s.',
      fix: 'It may be waiting for an unlock prompt; unlock the keyring and retry.',
    });
  });

  it('formats seconds and names the backend per OS', () => {
    expect([formatSeconds(3000), formatSeconds(500), formatSeconds(2500)]).toEqual(['3 s', '0.5 s', '2.5 s']);
    expect(['linux', 'darwin', 'win32'].map((p) => keychainBackend(p as NodeJS.Platform))).toEqual(['libsecret', 'Keychain', 'Credential Manager']);
  });

  it('status for success and any failure, never throwing', () => {
    expect(availableStatus('linux')).toMatchObject({ state: 'available', backend: 'libsecret' });
    const locked = failedStatus(keychainError('locked', { timeoutMs: 3000 }), 3000, 'linux');
    expect(locked).toMatchObject({ state: 'locked', detail: 'The keychain is locked.', fix: expect.any(String) });
    const odd = failedStatus(new TypeError('boom with internals'), 3000, 'linux');
    expect(odd.state).toBe('unavailable');
    expect(odd.detail).not.toContain('internals');
  });
});

describe('worker protocol guards', () => {
  it('accepts well-formed requests only; a secret only with set', () => {
    expect(isWorkerRequest({ id: 1, op: 'set', account: 'a', secret: 's' })).toBe(true);
    expect(isWorkerRequest({ id: 1, op: 'get', account: 'a' })).toBe(true);
    expect(isWorkerRequest({ id: 1, op: 'set', account: 'a' })).toBe(false);
    expect(isWorkerRequest({ id: 1, op: 'get', account: 'a', secret: 's' })).toBe(false);
    expect(isWorkerRequest({ id: 1, op: 'findCredentials', account: 'a' })).toBe(false);
    expect(isWorkerRequest({ id: '1', op: 'get', account: 'a' })).toBe(false);
    expect(isWorkerRequest(null)).toBe(false);
  });

  it('accepts replies with a known failure kind only', () => {
    expect(isWorkerReply({ id: 1, ok: true, value: null })).toBe(true);
    expect(isWorkerReply({ id: 1, ok: false, kind: 'locked', message: 'm' })).toBe(true);
    expect(isWorkerReply({ id: 1, ok: false, kind: 'weird', message: 'm' })).toBe(false);
    expect(isWorkerReply({ id: 1, ok: true })).toBe(false);
  });
});
