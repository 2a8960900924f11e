/**
 * The words a person sees when the OS keychain cannot be used: every SecretStoreError and KeychainStatus this
 * adapter produces is built here, so the wording (and its fix) is the same in the CLI, the web bridge and the app.
 */
import type { KeychainStatus } from '../../contract/index.js';
import { SecretStoreError, type SecretStoreFailure } from '../../core/ports/secret-store.js';

/** The keychain keytar talks to on each OS, as a person would name it. */
export function keychainBackend(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Keychain';
  if (platform === 'win32') return 'Credential Manager';
  return 'libsecret';
}

const serviceName = (platform: NodeJS.Platform) =>
  platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service';

const NO_PLAINTEXT = 'SSO Workbench never stores secrets in plaintext.';

const unavailableFix = (platform: NodeJS.Platform) =>
  platform === 'darwin' || platform === 'win32'
    ? `Run SSO Workbench in a logged-in desktop session of this user. ${NO_PLAINTEXT}`
    : `Install and start gnome-keyring or KeePassXC's Secret Service, or run inside a desktop session. ${NO_PLAINTEXT}`;

const lockedFix = (platform: NodeJS.Platform) =>
  platform === 'darwin'
    ? 'Unlock it (log in to the desktop session, or `security unlock-keychain`), then retry.'
    : 'Unlock it (log in to the desktop session, or `gnome-keyring-daemon --unlock`), then retry.';

/** 3000 → "3 s", 500 → "0.5 s". */
export const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export interface FailureContext {
  /** The OS keychain's own words (already short and redacted); absent for timeouts. */
  cause?: string;
  timeoutMs: number;
  platform?: NodeJS.Platform;
}

export function keychainError(kind: SecretStoreFailure, context: FailureContext): SecretStoreError {
  const platform = context.platform ?? process.platform;
  switch (kind) {
    case 'unavailable':
      return new SecretStoreError(
        'unavailable',
        `The OS keychain (${serviceName(platform)}) is not available: ${context.cause ?? 'no reason given'}.`,
        unavailableFix(platform),
      );
    case 'locked':
      return new SecretStoreError(
        'locked',
        context.cause ? `The keychain is locked: ${context.cause}.` : 'The keychain is locked.',
        lockedFix(platform),
      );
    case 'timeout':
      return new SecretStoreError(
        'timeout',
        `The OS keychain did not answer within ${formatSeconds(context.timeoutMs)}.`,
        'It may be waiting for an unlock prompt; unlock the keyring and retry.',
      );
  }
}

/** status() for a keychain that stored, read back and deleted the probe item. */
export function availableStatus(platform: NodeJS.Platform = process.platform): KeychainStatus {
  return {
    state: 'available',
    detail: `The OS keychain (${serviceName(platform)}) stored, read back and deleted a test item.`,
    backend: keychainBackend(platform),
  };
}

/** status() for any failure; never throws, whatever it is given. */
export function failedStatus(error: unknown, timeoutMs: number, platform: NodeJS.Platform = process.platform): KeychainStatus {
  const failure =
    error instanceof SecretStoreError ? error : keychainError('unavailable', { cause: 'unexpected error while probing it', timeoutMs, platform });
  return {
    state: failure.kind,
    detail: failure.message,
    ...(failure.fix ? { fix: failure.fix } : {}),
    backend: keychainBackend(platform),
  };
}
