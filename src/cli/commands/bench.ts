// `u1x bench`: WebGPU vs the float64 CPU reference (all cores, one core) vs a NumPy baseline on one
// profile-scan grid, interleaved in one process; time split, agreement, roofline; --scaling adds time and
// peak memory vs grid size and vs the number of constraints. Writes <out>/<name>.json and <name>.md.

import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { benchMarkdown } from '../../bench/report.js';
import { runBench } from '../../bench/run.js';
import { UserError } from '../../util/errors.js';
import { dataDirOptions, dataDirsFrom, PACKAGE_ROOT, parseCount, parseNumber, u1xGitSha, u1xVersion } from '../common.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { cpuInfo } from '../../bench/machine.js';

interface BenchCliOptions {
  quick?: boolean;
  out: string;
  name?: string;
  rounds?: string;
  skipNumpy?: boolean;
  installNumpy?: boolean;
  scaling?: boolean;
  maxPoints: string;
  prediction: boolean;
  fit?: boolean;
  coherentData?: string;
  darkcast?: string;
}

/** A stable file name for this kind of machine: adapter (or 'cpu-only'), CPU count, CPU model. */
export function defaultResultName(adapter: string | null): string {
  const cpu = cpuInfo();
  const dev = adapter ? (/llvmpipe|lavapipe/i.test(adapter) ? 'lavapipe' : adapter.split('/').pop()!.trim()) : 'cpu-only';
  return `${dev}-${cpu.cores}cpu-${cpu.model}`
    .toLowerCase()
    .replace(/\(r\)|\(tm\)|cpu @.*$/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

const RESULT_NAME = /^[A-Za-z0-9._-]+$/;

function requireResultName(name: string): void {
  if (!RESULT_NAME.test(name) || name === '.' || name === '..') throw new UserError(`--name: letters, digits, . _ - only (got '${name}')`);
}

/**
 * The results directory must be a directory, or creatable inside a writable one; checked before a run of
 * minutes, not after it.
 */
function requireWritableDir(dir: string): void {
  let probe = dir;
  for (;;) {
    let st;
    try {
      st = statSync(probe);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new UserError(`--out ${dir}: cannot be used (${code})`);
      const parent = dirname(probe);
      if (parent === probe) throw new UserError(`--out ${dir}: no existing parent directory`);
      probe = parent;
      continue;
    }
    if (!st.isDirectory()) throw new UserError(`--out ${dir}: ${probe} exists and is not a directory`);
    try {
      accessSync(probe, fsConstants.W_OK | fsConstants.X_OK);
    } catch {
      throw new UserError(`--out ${dir}: ${probe} is not writable`);
    }
    return;
  }
}

export function registerBenchCommand(program: Command): void {
  const cmd = program
    .command('bench')
    .description(
      'benchmark WebGPU vs the float64 CPU reference vs a NumPy baseline (points/s, time split, roofline; --scaling: memory and time vs grid size)',
    )
    .option('--quick', 'small grid, one round, no 419-model prediction (a smoke run of a minute or two)')
    .option('--out <dir>', 'results directory', 'bench/results')
    .option('--name <name>', 'file name (without extension) of the results (default: derived from the adapter and CPU)')
    .option('--rounds <n>', 'interleaved rounds (default 3, --quick 1)')
    .option('--skip-numpy', 'do not run the NumPy baseline')
    .option('--install-numpy', 'when NumPy is missing and this runs as root, apt-get install python3-numpy (never done unasked)')
    .option('--scaling', 'also measure time and peak RSS vs grid size (child `u1x scan` processes) and points/s vs number of constraints')
    .option('--max-points <n>', 'largest grid of the --scaling size series', '1e10')
    .option(
      '--fit',
      'also time the global fit on the CPU reference phase by phase: seconds, COHERENT evaluations, cells run (--quick: 6 models)',
    )
    .option('--no-prediction', 'skip the 419-model x 1024^3 prediction (building its tables takes a few seconds)');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: BenchCliOptions) => {
    const rounds = opts.rounds === undefined ? (opts.quick ? 1 : 3) : parseCount('--rounds', opts.rounds);
    const maxPoints = parseNumber('--max-points', opts.maxPoints);
    if (!(maxPoints >= 1e6)) throw new UserError(`--max-points must be at least 1e6 (got '${opts.maxPoints}')`);
    if (opts.name !== undefined) requireResultName(opts.name);
    const outDir = resolve(opts.out);
    requireWritableDir(outDir);
    const dirs = dataDirsFrom(opts);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const distDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const result = await runBench({
      quick: opts.quick ?? false,
      rounds,
      skipNumpy: opts.skipNumpy ?? false,
      installNumpy: opts.installNumpy ?? false,
      scaling: opts.scaling ?? false,
      maxScalingPoints: maxPoints,
      paperPrediction: opts.prediction,
      fit: opts.fit ?? false,
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      distDir,
      packageRoot: PACKAGE_ROOT,
      u1x: { version: u1xVersion(), gitSha: u1xGitSha() },
      log,
    });
    const name = opts.name ?? defaultResultName(result.machine.adapter.ok ? result.machine.adapter.description : null);
    requireResultName(name);
    mkdirSync(outDir, { recursive: true });
    const md = benchMarkdown(result);
    writeFileAtomic(join(outDir, `${name}.json`), JSON.stringify(result, null, 1) + '\n');
    writeFileAtomic(join(outDir, `${name}.md`), md);
    process.stdout.write(md);
    log(`wrote ${join(outDir, `${name}.json`)} and ${name}.md`);
  });
}
