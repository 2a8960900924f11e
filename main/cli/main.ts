import { processIo } from './cli-io.js';
import { runCli } from './program.js';

/** The `ssowb` entry point (bundled to dist/main/cli.mjs; bin/ssowb.cjs loads it). */
const code = await runCli(process.argv.slice(2), processIo);
process.exitCode = code;
