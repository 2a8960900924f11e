import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically with user-only permissions (0600): a temporary file beside it (created exclusively, so
 * nothing else can have it open), flushed to disk, then renamed over the target. A reader sees the old file or the
 * new one, never half of it, and an export with secrets is never readable by other users, not even for a moment.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  // Imported here, not at the top: node:crypto costs `ssowb --version` a few ms at start-up (issue 14).
  const { randomBytes } = await import('node:crypto');
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(0o600); // a umask cannot widen it, but be explicit: the mode is the point
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
