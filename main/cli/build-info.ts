import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __SSOWB_VERSION__: string | undefined;

/** Set by the build (esbuild `define`); sources run by tests report a dev version. */
export const version: string = typeof __SSOWB_VERSION__ === 'string' ? __SSOWB_VERSION__ : '0.0.0-dev';

/** Where the bundle lives (dist/main): the keychain worker and the built renderer are found relative to it. */
const here = dirname(fileURLToPath(import.meta.url));
// This module may be bundled into a chunk (dist/main/chunks) when lazily loaded commands share it.
const bundleDir = basename(here) === 'chunks' ? dirname(here) : here;
export const keytarWorkerPath = join(bundleDir, 'keytar-worker.mjs');
export const rendererDir = join(bundleDir, '..', 'renderer');
