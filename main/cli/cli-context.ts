import { resolveDataDir } from '../platform/data-dir.js';
import type { Runtime, RuntimeOptions } from '../composition/create-runtime.js';
import type { OperationInput, OperationName, OperationOutput, Result } from '../contract/index.js';
// api.ts, not the contract's index: the index builds every schema, which `--version`/`--help` must not load (issue 14).
import { invokeTyped } from '../contract/api.js';
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

  async open(mode: 'cli' | 'browser' = 'cli', options: Pick<RuntimeOptions, 'backgroundAfter'> = {}): Promise<Runtime> {
    // Loaded on first use: `--version`, `--help` and a bad flag never load the engine (issue 14).
    const { createRuntime } = await import('../composition/create-runtime.js');
    this.runtime ??= await createRuntime({ mode, dataDir: this.dataDir, version, workerPath: keytarWorkerPath, ...options });
    return this.runtime;
  }

  /** Calls one operation of the contract (typed by it) and returns its value, or prints the error and exits 2. */
  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    return unwrap(this.io, await this.attempt(name, input), this.json);
  }

  /** Calls one operation and returns its Result (for commands that reword errors, e.g. naming the flag of a field). */
  async attempt<N extends OperationName>(name: N, input: OperationInput<N>): Promise<Result<OperationOutput<N>>> {
    // The operation's schemas are read and compiled while the runtime opens (issue 14); the engine gets the same module.
    const runtime = await this.open();
    return invokeTyped((n, i) => runtime.engine.invoke(n, i), name, input);
  }

  async close(): Promise<void> {
    await this.runtime?.close();
    this.runtime = undefined;
  }
}
