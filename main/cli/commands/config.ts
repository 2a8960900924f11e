import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { printError, printJson } from '../cli-io.js';

/** `ssowb config set test-port N` (the port is part of every test redirect/ACS URL); `ssowb config show`. */
export function registerConfig(program: Command, context: CliContext): void {
  const config = program.command('config').description('Settings shared by the app, browser mode and the CLI.');
  config
    .command('show')
    .description('Print the settings.')
    .action(async () => printJson(context.io, await context.call('settings.get', {})));
  config
    .command('set')
    .description('Change a setting: test-port N, or clearml-groups "a,b" (the ClearML server\'s groups; "" for none)')
    .argument('<key>', 'test-port | clearml-groups')
    .argument('<value>')
    .action(async (key: string, value: string) => {
      if (key === 'clearml-groups') {
        const clearmlGroups = value.split(',').map((group) => group.trim()).filter(Boolean);
        const settings = await context.call('settings.update', { clearmlGroups });
        if (context.json) printJson(context.io, settings);
        else context.io.stdout(`clearml-groups = ${settings.clearmlGroups.join(', ') || '(none)'}\n`);
        return;
      }
      if (key !== 'test-port') {
        printError(context.io, { code: 'invalid_input', field: 'key', message: `config: unknown key "${key}"; known: test-port, clearml-groups.` }, context.json);
      }
      // The engine checks the range and names the field.
      const settings = await context.call('settings.update', { testPort: Number(value) });
      if (context.json) printJson(context.io, settings);
      else context.io.stdout(`test-port = ${settings.testPort}\n`);
    });
}
