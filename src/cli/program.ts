// The u1x command-line program. User errors print one line and exit with code 2 (a full disk: 3);
// interrupted scans exit 130 (SIGINT) or 143 (SIGTERM) after writing a checkpoint; anything else is a bug
// and prints its stack.

import { Command } from 'commander';
import { StoppedError, UserError } from '../util/errors.js';
import { u1xVersion } from './common.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerExploreCommand } from './commands/explore.js';
import { registerFitCommand } from './commands/fit.js';
import { registerKernelsCommand } from './commands/kernels.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerModelsCommand } from './commands/models.js';
import { registerPointCommand } from './commands/point.js';
import { registerRecastCommand } from './commands/recast.js';
import { registerScanCommand } from './commands/scan.js';
import { registerSlurmCommand } from './commands/slurm.js';
import { registerTablesCommand } from './commands/tables.js';
import { registerVerifyCommand } from './commands/verify.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('u1x')
    .description('Light U(1)_X gauge bosons vs (g-2)_mu and the experimental constraints, on WebGPU with a float64 CPU reference')
    .version(u1xVersion())
    .showHelpAfterError('(run u1x --help for usage)');
  program.configureOutput({ outputError: (s, write) => write(s) });
  program.exitOverride();
  for (const register of [
    registerScanCommand,
    registerMergeCommand,
    registerSlurmCommand,
    registerFitCommand,
    registerPointCommand,
    registerVerifyCommand,
    registerModelsCommand,
    registerRecastCommand,
    registerTablesCommand,
    registerBenchCommand,
    registerDoctorCommand,
    registerKernelsCommand,
    registerExploreCommand,
  ])
    register(program);
  return program;
}

/** process.exitCode as set by a command; a failure code is never turned into 0. */
function commandExitCode(): number {
  const code = Number(process.exitCode ?? 0);
  return Number.isInteger(code) && code !== 0 ? code : 0;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command reports a failure that is not an exception (verify's FAIL) through process.exitCode.
    return commandExitCode();
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    // `u1x` with no command prints the help to stderr (commander's help({ error: true })): a usage error.
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) return 2;
    if (e instanceof UserError) {
      process.stderr.write(`u1x: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof StoppedError) {
      process.stderr.write(`u1x: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`u1x: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
