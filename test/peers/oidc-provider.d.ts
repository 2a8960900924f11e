// oidc-provider 9 ships no type declarations; this is the small surface the test peer uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  /** OAuth error classes; thrown from a validator, the IdP answers the client with that error. */
  export const errors: { InvalidRequest: new (description: string) => Error };
}
