import { spawn } from 'node:child_process';
import { InvalidArgumentError, type Command } from 'commander';
import type { Report, TestStartOutput } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, exitCodes, type CliIo } from '../cli-io.js';

const MARK: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', skip: '–' };

/** A readable checklist of a report (product.md: human output without --json). */
export function printReportText(io: CliIo, report: Report): void {
  const lines = [`${report.outcome === 'passed' ? 'PASSED' : 'FAILED'}  ${report.connection.name} (${report.connection.protocol.toUpperCase()}, ${report.source})`, ''];
  for (const check of report.checks) {
    if (check.status === 'skip' && check.message.startsWith('Not reached')) continue;
    lines.push(`  ${MARK[check.status] ?? '?'} ${check.id.padEnd(30)} ${check.message}`);
    if (check.hint && check.status !== 'pass') lines.push(`    fix: ${check.hint}`);
  }
  const u = report.user;
  if (report.outcome === 'passed') {
    lines.push('', `  user:    ${u.userId ?? '-'}  ${u.email ?? ''}  ${u.name ?? ''}`.trimEnd());
    lines.push(`  groups:  ${report.groups.length ? report.groups.join(', ') : '(none)'}`);
  }
  lines.push(`  result:  ${report.resolution.reason}`);
  const steps = report.steps.map((s) => `${s.name} ${Math.round(s.durationMs)} ms`).join(' → ');
  if (steps) lines.push(`  steps:   ${steps}`);
  io.stdout(lines.join('\n') + '\n');
}

/**
 * Prints a report as the CLI contract says — with --json an `event` line (`ssowb test`) or the report document
 * (`ssowb inspect`), else a checklist — and exits 0 (passed) or 1 (failed).
 */
export function finishWithReport(context: CliContext, report: Report, shape: 'event' | 'document'): void {
  if (!context.json) printReportText(context.io, report);
  else if (shape === 'event') context.io.stdout(JSON.stringify({ event: 'report', report }) + '\n');
  else context.io.stdout(JSON.stringify(report, null, 2) + '\n');
  if (report.outcome !== 'passed') throw new CliExit(exitCodes.checkFailed);
}

/** Opens a URL in the system browser; failures are only warned about (the URL is printed anyway). */
export function openInBrowser(url: string, io: CliIo): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', (error) => io.stderr(`warning: could not open a browser (${error.message}); open the URL above yourself.\n`));
    child.unref();
  } catch (error) {
    io.stderr(`warning: could not open a browser (${(error as Error).message}); open the URL above yourself.\n`);
  }
}

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new InvalidArgumentError('--timeout must be a whole number of seconds from 1 to 3600.');
  return seconds;
}

/**
 * `ssowb test <id|name> [--no-open] [--timeout S] [--force-login] [--json]` (product.md): a live test run on the loopback test port.
 * With --json, stdout is JSON lines: `{"event":"authorize","url":…}` first, `{"event":"report","report":…}` last.
 * Exit 0 passed, 1 failed, 2 bad input or unusable environment (port taken, keychain locked…).
 */
export function registerTest(program: Command, context: CliContext): void {
  program
    .command('test <ref>')
    .description('Prove a connection with a real login: open the IdP, wait for the callback, print the report.')
    .option('--no-open', 'print the login URL but do not open a browser')
    .option('--timeout <seconds>', 'how long to wait for the login (default 300)', parseTimeout)
    .option('--force-login', 'ask the IdP to authenticate again (prompt=login / ForceAuthn), to test as another user')
    .action(async (ref: string, options: { open: boolean; timeout?: number; forceLogin?: boolean }) => {
      const started = (await context.call('tests.start', { ref, ...(options.timeout ? { timeoutSeconds: options.timeout } : {}), ...(options.forceLogin ? { forceLogin: true } : {}) })) as TestStartOutput;
      if (context.json) context.io.stdout(JSON.stringify({ event: 'authorize', url: started.authorizeUrl }) + '\n');
      else {
        context.io.stdout(`Log in at the IdP:\n  ${started.authorizeUrl}\n`);
        context.io.stderr(`Waiting for the IdP’s answer on ${started.redirectUri} until ${started.expiresAt} (Ctrl-C cancels)…\n`);
      }
      if (options.open) openInBrowser(started.authorizeUrl, context.io);
      const cancel = () => void context.call('tests.cancel', { runId: started.runId }).catch(() => undefined);
      process.once('SIGINT', cancel);
      process.once('SIGTERM', cancel);
      try {
        const report = (await context.call('tests.wait', { runId: started.runId })) as Report;
        finishWithReport(context, report, 'event');
      } finally {
        process.removeListener('SIGINT', cancel);
        process.removeListener('SIGTERM', cancel);
      }
    });
}
