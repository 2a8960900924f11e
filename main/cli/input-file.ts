import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { CliContext } from './cli-context.js';
import { printError } from './cli-io.js';

/** Size caps of files the CLI reads (far above any real one: a connection file or IdP metadata is a few KB). */
export const inputFileCaps = {
  /** `connections import <file>`: a native connection file. */
  connectionFile: 5 * 1024 * 1024,
  /** `--metadata <file>`: one IdP's SAML metadata. */
  metadata: 5 * 1024 * 1024,
  /** `inspect --id-token/--access-token/--saml-response <file>` (the loopback ACS takes at most 1 MB too). */
  token: 1024 * 1024,
} as const;

const reasons: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
};

const kindOf = (stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }) =>
  stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a pipe (FIFO)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file';

/** Why `file` cannot be read as input, or its text. Never blocks on a FIFO and never reads past `maxBytes`. */
export async function readBoundedFile(file: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; it is refused below anyway.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { ok: false, why: reasons[code] ?? (code || (error as Error).message) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, why: `it is ${kindOf(stat)}, not a regular file` };
    if (stat.size > maxBytes) return { ok: false, why: `it is ${stat.size} bytes, over the ${maxBytes}-byte limit` };
    // Read at most maxBytes + 1: a file that grows while being read is refused rather than read without bound.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { ok: false, why: `it grew past the ${maxBytes}-byte limit while being read` };
      if (length === buffer.length) break;
    }
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { ok: false, why: reasons[code] ?? (code || (error as Error).message) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file named on the command line, or exits 2 with an error naming the argument (`<file>`, `--metadata`…), the
 * path and why; with --json the error is also JSON on stdout, like every other error.
 */
export async function readInputFile(context: CliContext, argument: string, file: string, maxBytes: number): Promise<string> {
  const read = await readBoundedFile(file, maxBytes);
  if (read.ok) return read.text;
  return printError(context.io, { code: 'invalid_input', field: argument, message: `${argument}: cannot read ${file}: ${read.why}.` }, context.json);
}
