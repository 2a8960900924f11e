import type { BuildOptions, Metafile } from 'esbuild';

export const externalPackages: string[];
export const bundleableLicences: Set<string>;
export function nodeBundleOptions(root: string, version: string): { cli: BuildOptions; keytarWorker: BuildOptions; electronMain: BuildOptions };
export function packageOf(input: string): string | undefined;
export function bundledPackages(root: string, metafiles: Metafile[]): { name: string; version: string; license: string; dir: string }[];
export function staticClosure(metafile: Metafile, output: string): { outputs: Set<string>; inputs: Set<string> };
