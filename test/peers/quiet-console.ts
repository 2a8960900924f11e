/**
 * oidc-provider prints development notices ("Unsupported runtime" on Node 20, in-memory adapter, dev interactions,
 * default TTLs…) through console.warn/info. They are expected for a test IdP and drown real failures, so while a peer
 * runs, lines starting with "oidc-provider " are dropped; everything else passes through. Reference-counted so
 * several peers can run at once.
 */
// An optional ANSI colour code (no whitespace, ends with "m") may precede the text when stderr is a TTY.
const PREFIX = /^(?:\S*m)?oidc-provider (WARNING|NOTICE)/;
let users = 0;
let original: { warn: typeof console.warn; info: typeof console.info } | undefined;

function filtered(write: (...args: unknown[]) => void) {
  return (...args: unknown[]) => {
    if (typeof args[0] === 'string' && PREFIX.test(args[0])) return;
    write(...args);
  };
}

export function quietOidcProvider(): () => void {
  if (users++ === 0) {
    original = { warn: console.warn, info: console.info };
    console.warn = filtered(original.warn.bind(console));
    console.info = filtered(original.info.bind(console));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0 && original) {
      console.warn = original.warn;
      console.info = original.info;
      original = undefined;
    }
  };
}
