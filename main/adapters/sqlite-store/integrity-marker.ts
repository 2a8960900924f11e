import { readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * `PRAGMA quick_check` reads every page: on a store with 10,000 connections and 100,000 runs that is tens of
 * milliseconds (hundreds on a large History) before every CLI command (issue 14). The marker `<file>-verified`
 * records the database and WAL files (size, modification time in ns, inode) as they were when the check last
 * passed; an open that finds them exactly so skips the check. Any write since (this app, the CLI, a crash that left a
 * WAL behind, a restored backup, bytes scribbled over the file) changes them, and the check runs again.
 */
const markerOf = (file: string) => `${file}-verified`;

/** The database and WAL files as they are now ('-' for a missing one). */
export function filesStateOf(file: string): string {
  return [file, `${file}-wal`]
    .map((path) => {
      try {
        const s = statSync(path, { bigint: true });
        return `${s.size}:${s.mtimeNs}:${s.ino}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}

/** True when the files are exactly as they were when the integrity check last passed. */
export function verifiedBefore(file: string, state: string): boolean {
  try {
    return readFileSync(markerOf(file), 'utf8') === state;
  } catch {
    return false;
  }
}

/** Records a passed check (owner-only, like the database). A marker that cannot be written only costs a check. */
export function recordVerified(file: string, state: string): void {
  try {
    writeFileSync(markerOf(file), state, { mode: 0o600 });
  } catch {
    // read-only directory or full disk: the next open checks again
  }
}
