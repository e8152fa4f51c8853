// `u1x bench --fit`: the global fit of SPEC §5.3 on the float64 CPU reference, phase by phase (issue 18):
// wall and CPU seconds of each phase, the heavy-term (COHERENT) evaluations each one spent, and the cells the
// grid kernels ran. Full: the 419 vector models of charge <= 10 at 200 MeV on `u1x fit`'s default grid
// (241 g_X x 2001 k); --quick: six benchmark models on a 101 x 401 grid.

import { cpuBackend } from '../backends/cpu.js';
import { activateConstraints } from '../constraints/activate.js';
import { resolveModels } from '../models/index.js';
import { runFit, type FitPhase } from '../scan/fit.js';
import type { DataDirPair } from './cases.js';

export interface FitBench {
  models: number;
  mx: number;
  grid: { gx: number; k: number };
  points: number;
  wallS: number;
  /** CPU seconds of this process (all threads, user + system) over the fit. */
  cpuS: number;
  phases: FitPhase[];
  viable: number;
}

const FULL = { models: 'catalog:vector:10', gx: 241, k: 2001 };
const QUICK = { models: 'Lmu-Ltau,B-3Lmu,Le-Lmu,3B-6Le-3Ltau+3(Lmu-Ltau),B-L,3B-8Le-Ltau', gx: 101, k: 401 };
/** `u1x fit` defaults: g_X 1e-6..1e-1 (log), k -20..20 (lin), m_X = 200 MeV (G2 §4.2). */
const GX_RANGE: [number, number] = [1e-6, 1e-1];
const K_RANGE: [number, number] = [-20, 20];
const MX = 0.2;

export async function benchFit(o: { quick: boolean; dataDirs: DataDirPair; log: (line: string) => void }): Promise<FitBench> {
  const size = o.quick ? QUICK : FULL;
  const models = resolveModels(size.models);
  const { active } = activateConstraints({ dataDirs: o.dataDirs, mixing: 'photon' });
  const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
  const gx = Float64Array.from(
    { length: size.gx },
    (_, i) => 10 ** (Math.log10(GX_RANGE[0]) + (Math.log10(GX_RANGE[1] / GX_RANGE[0]) * i) / (size.gx - 1)),
  );
  const k = Float64Array.from({ length: size.k }, (_, i) => K_RANGE[0] + ((K_RANGE[1] - K_RANGE[0]) * i) / (size.k - 1));
  o.log(`fit: ${models.length} models x ${size.gx} g_X x ${size.k} k at ${MX} GeV on the CPU reference`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await runFit({ models, mx: MX, active, objective, gx, k, backend: cpuBackend() });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    models: models.length,
    mx: MX,
    grid: { gx: size.gx, k: size.k },
    points: models.length * size.gx * size.k,
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    phases: out.phases,
    viable: out.fits.filter((f) => f.viable).length,
  };
}

/** Markdown section of the fit's phases. */
export function fitMarkdown(f: FitBench): string[] {
  return [
    '## Global fit (SPEC §5.3) on the CPU reference',
    '',
    `${f.models} models × ${f.grid.gx} g_X × ${f.grid.k} k at ${f.mx} GeV (${f.points.toExponential(2)} grid points per stage): ` +
      `${f.wallS.toFixed(1)} s wall, ${f.cpuS.toFixed(1)} s CPU, ${f.viable} viable.`,
    '',
    '| phase | seconds | COHERENT evaluations | cells run |',
    '|---|---:|---:|---:|',
    ...f.phases.map(
      (p) => `| ${p.name} | ${p.seconds.toFixed(2)} | ${p.heavyEvaluations} | ${p.cells ? `${p.cells.run} / ${p.cells.of}` : '–'} |`,
    ),
    '',
  ];
}
