/**
 * The store cannot be opened: the file is not a database, fails its integrity check, was written by a newer
 * SSO Workbench, or its applied migrations differ from this build's. The message is meant for the user as is: it
 * names the file, says what was found and how to fix it. The file is always left untouched — a database is never
 * deleted or recreated behind the user's back.
 */
export class StoreOpenError extends Error {
  constructor(
    /** The database file (or the data directory when that could not be created). */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** The fix we suggest for any unusable database file. WAL side files must move with it or SQLite would replay them. */
export function moveAwayAdvice(file: string): string {
  return (
    `The file was left untouched. To fix it, quit SSO Workbench and either restore a backup of ${file}, ` +
    `or move it away (together with any ${baseName(file)}-wal and ${baseName(file)}-shm next to it) ` +
    'so that a new, empty database is created on the next start.'
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
