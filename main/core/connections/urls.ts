// The URL rules live in the contract so the wizard previews a draft's URLs with the very same code.
export * from '../../contract/schemas/connection-urls.js';
