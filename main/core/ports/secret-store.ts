import type { KeychainStatus } from '../../contract/index.js';

/** Why a keychain call failed, in words an admin can act on. Never carries a secret. */
export type SecretStoreFailure = 'unavailable' | 'locked' | 'timeout';

export class SecretStoreError extends Error {
  constructor(
    readonly kind: SecretStoreFailure,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

/**
 * The OS keychain. One item per secret under the service `sso-workbench`; `account` names the item
 * (e.g. `connection:<id>:client-secret`). Implementations time-box every call (≈3 s) and throw
 * SecretStoreError; they never fall back to plaintext.
 */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  set(account: string, secret: string): Promise<void>;
  get(account: string): Promise<string | null>;
  delete(account: string): Promise<boolean>;
  /** The account names stored under the service (never values): for the start-up reconcile. */
  accounts(): Promise<string[]>;
  close(): Promise<void>;
}
