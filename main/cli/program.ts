import { Command, CommanderError } from 'commander';
import { version } from './build-info.js';
import { CliContext } from './cli-context.js';
import { CliExit, escapingIo, exitCodes, type CliIo } from './cli-io.js';
import { registerConfig } from './commands/config.js';
import { registerConnections } from './commands/connections.js';
import { registerExport } from './commands/export.js';
import { registerServe } from './commands/serve.js';
import { registerInspect } from './commands/inspect.js';
import { registerTest } from './commands/test.js';
import { registerTargets } from './commands/targets.js';
import { registerRolesPush } from './commands/push.js';
import { registerEngine } from './commands/engine.js';
import { registerOrgs } from './commands/orgs.js';
import { registerRoles } from './commands/roles.js';
import { registerAccess } from './commands/access.js';

/** Builds the `ssowb` program. Commands parse, call one contract operation each, and print; no business logic here. */
export function buildProgram(io: CliIo): { program: Command; context: CliContext } {
  const program = new Command('ssowb');
  const context = new CliContext(io, () => program.opts());
  program
    .description('SSO Workbench: set up, prove and export SSO connections for ClearML and Arthur.')
    .version(version, '-v, --version', 'print the version')
    .option('--data-dir <dir>', 'data directory (default: the desktop app’s; or SSOWB_DATA_DIR)')
    .option('--json', 'print JSON on stdout (errors stay on stderr)')
    .showHelpAfterError('(run `ssowb --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerServe(program, context);
  registerConnections(program, context);
  registerExport(program, context);
  registerConfig(program, context);
  registerTest(program, context);
  registerInspect(program, context);
  registerOrgs(program, context);
  registerRoles(program, context);
  registerAccess(program, context);
  // After registerRoles: plan/push hang off its `roles` command.
  registerTargets(program, context);
  registerRolesPush(program, context);
  registerEngine(program, context);
  return { program, context };
}

/** Runs the CLI and returns the exit code: 0 success, 1 a check failed, 2 bad input or unusable environment. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io = escapingIo(rawIo);
  const { program, context } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.badInput;
  } finally {
    await context.close();
  }
}
