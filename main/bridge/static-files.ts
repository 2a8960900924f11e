import { readFile } from 'node:fs/promises';
import { contentTypeOf, resolveRendererFile } from '../platform/renderer-files.js';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer. Paths that leave the directory are refused; unknown paths are undefined. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const file = await resolveRendererFile(root, urlPath);
  if (!file) return undefined;
  try {
    return { body: await readFile(file), contentType: contentTypeOf(file) };
  } catch {
    return undefined;
  }
}
