import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../main/platform/data-dir.js';

describe('resolveDataDir', () => {
  const linuxHome = { platform: 'linux' as const, homedir: '/home/ann' };

  it('uses the --data-dir flag first, then SSOWB_DATA_DIR', () => {
    const env = { SSOWB_DATA_DIR: '/srv/from-env', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ ...linuxHome, flag: '/srv/from-flag', env })).toBe('/srv/from-flag');
    expect(resolveDataDir({ ...linuxHome, env })).toBe('/srv/from-env');
  });

  it('resolves a relative flag or variable against the current directory', () => {
    expect(resolveDataDir({ ...linuxHome, flag: 'wb-data', env: {} })).toBe(resolve(process.cwd(), 'wb-data'));
    expect(resolveDataDir({ ...linuxHome, env: { SSOWB_DATA_DIR: './env-data' } })).toBe(resolve(process.cwd(), 'env-data'));
  });

  it('refuses an empty flag rather than falling back to the real data directory', () => {
    expect(() => resolveDataDir({ ...linuxHome, flag: '', env: {} })).toThrow(/--data-dir was given an empty path/);
  });

  it('ignores an empty SSOWB_DATA_DIR', () => {
    expect(resolveDataDir({ ...linuxHome, env: { SSOWB_DATA_DIR: '' } })).toBe('/home/ann/.config/SSO Workbench');
  });

  it('on Linux uses $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(resolveDataDir({ ...linuxHome, env: { XDG_CONFIG_HOME: '/home/ann/.xdg' } })).toBe('/home/ann/.xdg/SSO Workbench');
    expect(resolveDataDir({ ...linuxHome, env: {} })).toBe('/home/ann/.config/SSO Workbench');
    expect(resolveDataDir({ ...linuxHome, env: { XDG_CONFIG_HOME: '' } })).toBe('/home/ann/.config/SSO Workbench');
  });

  it('on macOS uses ~/Library/Application Support', () => {
    expect(resolveDataDir({ platform: 'darwin', homedir: '/Users/ann', env: { XDG_CONFIG_HOME: '/ignored' } })).toBe(
      '/Users/ann/Library/Application Support/SSO Workbench',
    );
  });

  it('on Windows uses %APPDATA%, else the roaming AppData under the profile', () => {
    expect(resolveDataDir({ platform: 'win32', homedir: 'C:\\Users\\ann', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\SSO Workbench',
    );
    expect(resolveDataDir({ platform: 'win32', homedir: 'C:\\Users\\ann', env: {} })).toBe('C:\\Users\\ann\\AppData\\Roaming\\SSO Workbench');
  });
});
