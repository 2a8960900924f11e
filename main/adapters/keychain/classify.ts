/**
 * Turns what keytar/libsecret (or macOS/Windows) said into a failure kind. Pure, so it is unit-tested without a
 * keychain; runs inside the worker, which sends the kind and a short, redacted cause to the app.
 */
import type { SecretStoreFailure } from '../../core/ports/secret-store.js';

/** Checked first: the service is there but will not hand out items (locked, prompt dismissed, no unlocked keyring). */
const LOCKED = [
  /\blocked\b/i, // libsecret: "Cannot create an item in a locked collection"
  /prompt/i, // "Prompt dismissed", "couldn't initialize prompt"
  /dismissed/i,
  /Object does not exist at path .*\/collection\//i, // no login keyring, and no display to create one
  /interaction is not allowed/i, // macOS: locked keychain, no UI allowed
];

/** No Secret Service / no session bus. Anything unrecognised is also treated as unavailable. */
const UNAVAILABLE = [
  /D-?Bus/i, // "Cannot autolaunch D-Bus without X11 $DISPLAY"
  /org\.freedesktop\.secrets/i, // "The name org.freedesktop.secrets was not provided by any .service files"
  /autolaunch/i,
  /Could not connect/i, // DBUS_SESSION_BUS_ADDRESS points nowhere
  /session bus/i,
  /ServiceUnknown|NoReply|Connection refused/i,
];

export function classifyKeychainError(message: string): Exclude<SecretStoreFailure, 'timeout'> {
  if (LOCKED.some((pattern) => pattern.test(message))) return 'locked';
  if (UNAVAILABLE.some((pattern) => pattern.test(message))) return 'unavailable';
  return 'unavailable';
}

const MAX_CAUSE = 200;

/**
 * The first line of an error message, without a trailing period, at most 200 characters, and with `secret` cut out
 * wherever it appears: no keychain error is allowed to carry the value it was asked to store.
 */
export function shortCause(error: unknown, secret?: string): string {
  let text = error instanceof Error ? error.message : String(error);
  if (secret && secret.length > 0) text = text.split(secret).join('[redacted]');
  text = (text.split(/\r?\n/, 1)[0] ?? '').trim().replace(/\.+$/, '');
  if (text.length > MAX_CAUSE) text = `${text.slice(0, MAX_CAUSE - 1)}…`;
  return text || 'no reason given';
}
