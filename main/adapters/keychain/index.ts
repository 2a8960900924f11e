/** The OS-keychain adapter of the SecretStore port. The worker entry (keytar-worker.ts) is bundled separately. */
export { createKeytarSecretStore, type KeytarSecretStoreOptions } from './keytar-secret-store.js';
export { keychainBackend } from './messages.js';
