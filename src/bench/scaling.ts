// Scaling: wall time and peak resident memory of `u1x scan` (a child process, the real command) vs grid
// size, and points/s vs the number of constraints (in process, interleaved over backends).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { activateConstraints } from '../constraints/activate.js';
import type { BenchGrid, DataDirPair, PreparedCase } from './cases.js';
import { buildFor, DEFAULT_GRID, gridSpec, planFor } from './cases.js';
import { disposePath, preparePath, runOnce, type BenchPath } from './measure.js';

export { LIGHT_TERMS } from './cases.js';

export interface SizeRun {
  series: string;
  backend: string;
  constraints: string;
  points: number;
  cells: number;
  grid: string;
  ok: boolean;
  error?: string;
  wallS: number;
  /** From the scan's run.json: table building, kernel compile + prepare, evaluation loop, total. */
  tablesS: number | null;
  compileS: number | null;
  kernelS: number | null;
  pointsPerSecond: number | null;
  /** Peak resident set of the child process (MiB), from /usr/bin/time -v or the child's process.resourceUsage(). */
  maxRssMiB: number | null;
  rssSource: string;
}

/** 10 models x m_X x g_X x 100 eps (profiled): points = 1000 m_X g_X, cells = points / 100. */
export function sizeGrid(points: number): BenchGrid {
  const plane = Math.round(points / 1000);
  // m_X:g_X about 1.6:1, both integers, m_X <= 4096 so that tables stay exact.
  let nMx = Math.min(4000, Math.max(1, Math.round(Math.sqrt(plane * 1.6))));
  while (plane % nMx !== 0 && nMx > 1) nMx--;
  const nGx = plane / nMx;
  return { ...DEFAULT_GRID, mx: { ...DEFAULT_GRID.mx, n: nMx }, gx: { ...DEFAULT_GRID.gx, n: nGx }, eps: { ...DEFAULT_GRID.eps, n: 100 } };
}

const TIME = '/usr/bin/time';

/** The child's peak RSS without /usr/bin/time: a wrapper that runs the same CLI and prints resourceUsage(). */
function wrapperSource(distDir: string): string {
  const program = resolve(distDir, 'cli', 'program.js');
  return [
    `import { main } from ${JSON.stringify(program)};`,
    'const code = await main(["node", "u1x", ...process.argv.slice(2)]);',
    'process.stderr.write(`\\nU1X_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`);',
    'process.exit(code);',
  ].join('\n');
}

export interface ScanChildOptions {
  distDir: string;
  workDir: string;
  dataDirs: DataDirPair;
  backend: 'webgpu' | 'cpu';
  timeoutS: number;
}

/** Run `node dist/cli/main.js scan SPEC --no-cells` as a child and read its time and peak RSS. */
export async function scanChild(
  series: string,
  grid: BenchGrid,
  constraints: readonly string[] | 'all',
  o: ScanChildOptions,
): Promise<SizeRun> {
  const points = 10 * grid.mx.n * grid.gx.n * grid.eps.n;
  const tag = `${series}-${o.backend}-${points.toExponential(0).replace('+', '')}`.replace(/[^A-Za-z0-9._-]/g, '_');
  mkdirSync(o.workDir, { recursive: true });
  const specFile = join(o.workDir, `${tag}.json`);
  const outDir = join(o.workDir, `${tag}.out`);
  writeFileSync(specFile, JSON.stringify({ ...gridSpec(grid, constraints), name: tag, outputs: { cells: false, csv: false } }, null, 1));
  const useTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;
  const cliArgs = ['scan', specFile, '--out', outDir, '--force', '--no-cells', '--progress', 'none', '--backend', o.backend];
  if (o.dataDirs.coherent) cliArgs.push('--coherent-data', o.dataDirs.coherent);
  if (o.dataDirs.darkcast) cliArgs.push('--darkcast', o.dataDirs.darkcast);
  let cmd: string;
  let args: string[];
  if (useTime) {
    cmd = TIME;
    args = ['-v', process.execPath, resolve(o.distDir, 'cli', 'main.js'), ...cliArgs];
  } else {
    const wrapper = join(o.workDir, 'rss-wrapper.mjs');
    writeFileSync(wrapper, wrapperSource(o.distDir));
    cmd = process.execPath;
    args = [wrapper, ...cliArgs];
  }
  const t0 = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((res) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-20000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutS * 1000);
    child.on('close', (c) => {
      clearTimeout(timer);
      res({ code: c, stderr: err });
    });
  });
  const wallS = (performance.now() - t0) / 1000;
  const rssKb = useTime ? /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr)?.[1] : /U1X_BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1];
  let run: { timings_ms?: { tables: number; compile: number; kernel: number; total: number }; points_per_second?: number } = {};
  try {
    run = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8'));
  } catch {
    // failed run: no run.json
  }
  rmSync(outDir, { recursive: true, force: true });
  rmSync(`${outDir}.partial`, { recursive: true, force: true });
  const t = run.timings_ms;
  const ok = code === 0 && !!t;
  return {
    series,
    backend: o.backend,
    constraints: constraints === 'all' ? 'all' : constraints.join(','),
    points,
    cells: points / grid.eps.n,
    grid: `10 models x ${grid.mx.n} m_X x ${grid.gx.n} g_X x ${grid.eps.n} eps`,
    ok,
    ...(ok
      ? {}
      : {
          error:
            code === null
              ? `killed after ${o.timeoutS} s`
              : `exit ${code}: ${stderr
                  .trim()
                  .split('\n')
                  .filter((l) => !/Warning|^\s/.test(l))
                  .slice(-2)
                  .join(' | ')}`,
        }),
    wallS,
    tablesS: t ? t.tables / 1000 : null,
    compileS: t ? t.compile / 1000 : null,
    kernelS: t ? t.kernel / 1000 : null,
    pointsPerSecond: run.points_per_second ?? null,
    maxRssMiB: rssKb ? +(Number(rssKb) / 1024).toFixed(1) : null,
    rssSource: useTime ? '/usr/bin/time -v' : 'child process.resourceUsage().maxRSS',
  };
}

export interface ConstraintCountRun {
  k: number;
  ids: string[];
  path: string;
  pointsPerSecond: number[];
  medianPointsPerSecond: number;
}

/** The registered constraints with data, in registry order. */
export function registryOrder(dataDirs: DataDirPair): string[] {
  return activateConstraints({ dataDirs, mixing: 'photon' }).active.map((a) => a.def.id);
}

/**
 * Points/s vs the number of constraints k = 1, 2, 4, ... all (registry order, every one in the objective, so
 * that each is evaluated at every point), interleaved over the paths, each measurement repeated until it
 * has taken at least `minS` seconds.
 */
export async function constraintCountSeries(
  paths: readonly BenchPath[],
  grid: BenchGrid,
  dataDirs: DataDirPair,
  rounds: number,
  minS: number,
  log: (s: string) => void,
): Promise<ConstraintCountRun[]> {
  const ids = registryOrder(dataDirs);
  const ks: number[] = [];
  for (let k = 1; k < ids.length; k *= 2) ks.push(k);
  ks.push(ids.length);
  const runs: ConstraintCountRun[] = [];
  for (const k of ks) {
    const subset = ids.slice(0, k);
    // objective 'all': every constraint of the subset is evaluated at every point of the profile.
    const plan = planFor(grid, subset, dataDirs, 'all');
    const pcase: PreparedCase = {
      def: { id: `k${k}`, title: `${k} constraints`, constraints: subset, prune: true },
      plan,
      build: buildFor(plan, true),
      tablesMs: 0,
      tableSlots: [],
      compileMs: 0,
    };
    const prepared = [];
    for (const p of paths) prepared.push(await preparePath(p, pcase));
    const rates = prepared.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < prepared.length; i++) {
        let points = 0;
        let ms = 0;
        while (ms < minS * 1000) {
          const { sample } = await runOnce(prepared[i]);
          points += sample.points;
          ms += sample.runMs + sample.decodeMs;
        }
        rates[i].push(points / (ms / 1000));
      }
    }
    prepared.forEach((pp, i) => {
      const sorted = [...rates[i]].sort((a, b) => a - b);
      runs.push({
        k,
        ids: subset,
        path: pp.path.id,
        pointsPerSecond: rates[i],
        medianPointsPerSecond: sorted[Math.floor(sorted.length / 2)],
      });
      disposePath(pp);
    });
    log(
      `  ${k} constraint${k === 1 ? '' : 's'} (${subset[subset.length - 1]} last): ${runs
        .slice(-prepared.length)
        .map((x) => `${x.path} ${fmtRate(x.medianPointsPerSecond)}`)
        .join(', ')}`,
    );
  }
  return runs;
}

export function fmtRate(pps: number): string {
  return pps >= 1e6 ? `${(pps / 1e6).toFixed(pps >= 1e8 ? 0 : 2)} M/s` : `${(pps / 1e3).toFixed(1)} k/s`;
}
