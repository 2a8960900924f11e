import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers are enforced by lint (eslint.config.mjs); these cases prove each rule bites.
const eslint = new ESLint({ cwd: process.cwd() });
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

describe('layer rules', () => {
  it('the engine cannot import electron, a native module or an adapter', async () => {
    expect(await violations('main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await violations('main/core/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toHaveLength(1);
    expect(await violations('main/core/x.ts', "import { openSqliteStore } from '../adapters/sqlite-store/index.js';\nexport const o = openSqliteStore;\n")).toHaveLength(1);
  });

  it('electron is imported only under main/electron and preload', async () => {
    const code = "import { shell } from 'electron';\nexport const s = shell;\n";
    expect(await violations('main/cli/x.ts', code)).toHaveLength(1);
    expect(await violations('main/bridge/x.ts', code)).toHaveLength(1);
    expect(await violations('main/electron/x.ts', code)).toHaveLength(0);
    expect(await violations('preload/x.ts', code)).toHaveLength(0);
  });

  it('the renderer reaches the engine only through the contract and its client', async () => {
    expect(await violations('renderer/x.ts', "import { createEngine } from '../main/core/engine.js';\nexport const e = createEngine;\n")).toHaveLength(1);
    expect(await violations('renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await violations('renderer/x.ts', "import { operations } from '../main/contract/index.js';\nexport const o = operations;\n")).toHaveLength(0);
    expect(await violations('renderer/pages/x.ts', "export const load = () => fetch('/api/invoke/app.info');\n")).toHaveLength(1);
    expect(await violations('renderer/client/x.ts', "export const load = () => fetch('/api/invoke/app.info');\n")).toHaveLength(0);
  });

  it('the contract depends on zod only', async () => {
    expect(await violations('main/contract/x.ts', "import { AppError } from '../core/app-error.js';\nexport const a = AppError;\n")).toHaveLength(1);
  });

  // Issue 13 finding 9: the gaps the security review found, one failing case per rule (and what stays allowed).
  it('the engine cannot touch files, sockets or processes directly (node:fs, node:http, node:child_process…)', async () => {
    for (const module of ['node:http', 'node:fs', 'node:child_process', 'fs/promises', 'node:net', 'https']) {
      expect(await violations('main/core/x.ts', `import * as m from '${module}';\nexport const a = m;\n`), module).toHaveLength(1);
    }
    expect(await violations('main/core/x.ts', "import { randomUUID } from 'node:crypto';\nexport const a = randomUUID;\n")).toHaveLength(0);
  });

  it('the contract imports nothing but zod and its own files', async () => {
    expect(await violations('main/contract/x.ts', "import * as z from 'zod';\nimport { a } from './schemas/y.js';\nexport const b = [z, a];\n")).toHaveLength(0);
    for (const module of ['node:fs', 'jose', 'yaml', 'openid-client']) {
      expect(await violations('main/contract/x.ts', `import * as m from '${module}';\nexport const a = m;\n`), module).toHaveLength(1);
    }
  });

  it('Node code keeps start-up light: zod as a namespace import, contract values from their own module (issue 14)', async () => {
    expect(await violations('main/contract/x.ts', "import { z } from 'zod';\nexport const b = z;\n")).toHaveLength(1);
    expect(await violations('main/core/x.ts', "import { nameKey } from '../contract/index.js';\nexport const b = nameKey;\n")).toHaveLength(1);
    expect(await violations('main/core/x.ts', "import type { Result } from '../contract/index.js';\nimport { nameKey } from '../contract/schemas/name-rule.js';\nexport const b: Result<string> | typeof nameKey = nameKey;\n")).toHaveLength(0);
  });

  it('the preload imports electron only (no Node)', async () => {
    expect(await violations('preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await violations('preload/x.ts', "import * as cp from 'child_process';\nexport const c = cp;\n")).toHaveLength(1);
    expect(await violations('preload/x.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n")).toHaveLength(0);
  });

  it('the renderer cannot import main/platform', async () => {
    expect(await violations('renderer/x.ts', "import { resolveDataDir } from '../main/platform/data-dir.js';\nexport const r = resolveDataDir;\n")).toHaveLength(1);
  });

  it('raw ipcMain only in main/electron/contract-ipc.ts', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n";
    expect(await violations('main/electron/main.ts', code)).toHaveLength(1);
    expect(await violations('main/electron/window-factory.ts', code)).toHaveLength(1);
    expect(await violations('main/electron/contract-ipc.ts', code)).toHaveLength(0);
    expect(await violations('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
  });
});
