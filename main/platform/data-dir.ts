import { homedir as osHomedir } from 'node:os';
import path from 'node:path';

/** Electron derives userData from the product name; the CLI and browser mode must land in the same directory. */
export const productName = 'SSO Workbench';

export interface DataDirOptions {
  /** The `--data-dir DIR` flag, when given. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/**
 * Where the app keeps its data, shared by the desktop app, the CLI and browser mode: `--data-dir` wins, then
 * `SSOWB_DATA_DIR`, else Electron's userData directory for "SSO Workbench" (computed here without importing electron):
 * Linux `$XDG_CONFIG_HOME/SSO Workbench` or `~/.config/SSO Workbench`, macOS
 * `~/Library/Application Support/SSO Workbench`, Windows `%APPDATA%\SSO Workbench`. Always absolute; relative paths
 * are resolved against the current directory.
 */
export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  if (options.flag !== undefined) {
    // An empty flag is almost always an unset shell variable (`--data-dir "$DIR"`); falling back to the real data
    // directory would then write where the user did not mean to.
    if (options.flag.trim() === '') throw new Error('--data-dir was given an empty path; pass a directory or leave the flag out.');
    return paths.resolve(options.flag);
  }
  const fromEnv = env['SSOWB_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return paths.resolve(fromEnv);
  const home = options.homedir ?? osHomedir();
  return paths.resolve(appDataDir(platform, env, home, paths), productName);
}

/** Electron's `app.getPath('appData')`. */
function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, paths: path.PlatformPath): string {
  if (platform === 'win32') return nonEmpty(env['APPDATA']) ?? paths.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return paths.join(home, 'Library', 'Application Support');
  // Linux and the other Unixes follow the XDG base directory spec, as Electron does.
  return nonEmpty(env['XDG_CONFIG_HOME']) ?? paths.join(home, '.config');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
