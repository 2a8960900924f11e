import { resolveDataDir } from '../platform/data-dir.js';
import type { Runtime } from '../composition/create-runtime.js';
import type { OperationName, Result } from '../contract/index.js';
import { keytarWorkerPath, version } from './build-info.js';
import { unwrap, type CliIo } from './cli-io.js';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

/** What a command gets: the engine (opened lazily, once), global options and the output streams. */
export class CliContext {
  private runtime: Runtime | undefined;

  constructor(
    readonly io: CliIo,
    private readonly globals: () => GlobalOptions,
    readonly mode: 'cli' | 'browser' = 'cli',
  ) {}

  get json(): boolean {
    return this.globals().json === true;
  }

  get dataDir(): string {
    return resolveDataDir({ flag: this.globals().dataDir, env: process.env });
  }

  async open(mode: 'cli' | 'browser' = 'cli'): Promise<Runtime> {
    // Loaded on first use: `--version`, `--help` and a bad flag never load the engine (issue 14).
    const { createRuntime } = await import('../composition/create-runtime.js');
    this.runtime ??= await createRuntime({ mode, dataDir: this.dataDir, version, workerPath: keytarWorkerPath });
    return this.runtime;
  }

  /** Calls one operation of the contract and returns its value, or prints the error and exits 2. */
  async call<N extends OperationName>(name: N, input: unknown): Promise<unknown> {
    const runtime = await this.open();
    const result: Result<unknown> = await runtime.engine.invoke(name, input);
    return unwrap(this.io, result, this.json);
  }

  async close(): Promise<void> {
    await this.runtime?.close();
    this.runtime = undefined;
  }
}
