// What `u1x bench` measures: a profile-scan grid (several models x m_X x g_X x eps, eps profiled inside the
// kernel) and the constraint sets evaluated on it, planned and compiled exactly as `u1x scan` does.

import type { ConstraintDef } from '../constraints/define.js';
import { CONSTRAINTS } from '../constraints/registry.js';
import { buildKernel, type KernelBuild } from '../kernel/session.js';
import { scanKernelRequest } from '../scan/kernelRequest.js';
import { modelsOfSpec } from '../scan/models.js';
import { planScan, type ScanPlan } from '../scan/plan.js';
import type { ScanSpec } from '../scan/spec.js';

/** Light terms first, then heavy ones (evaluated lazily), then grouped ones (the resonance searches). */
const termRank = (c: ConstraintDef) => (c.legendGroup ? 2 : c.heavy ? 1 : 0);

/**
 * The terms of the global Delta chi^2 of SPEC §5.1 (the definitions marked inGlobalFit; the resonance ones
 * enter as 100-point penalties), light first, each rank in registry order.
 */
export const GLOBAL_TERMS: readonly string[] = CONSTRAINTS.filter((c) => c.inGlobalFit)
  .sort((a, b) => termRank(a) - termRank(b))
  .map((c) => c.id);

/** The cheap subset for the largest grids: the light terms of the global Delta chi2. */
export const LIGHT_TERMS: readonly string[] = CONSTRAINTS.filter((c) => c.inGlobalFit && termRank(c) === 0).map((c) => c.id);

export interface AxisRange {
  min: number;
  max: number;
  n: number;
  scale?: 'log' | 'lin';
}

export interface BenchGrid {
  /** A models selector of scan specs (`benchmarks`, `catalog:vector`, a list). */
  models: string;
  mx: AxisRange;
  gx: AxisRange;
  eps: AxisRange;
}

/**
 * The default bench grid: the 10 benchmark models of SPEC §3.7, m_X 5 MeV-1 GeV and g_X 1e-5-1e-2 (log), and
 * 64 values of eps in [-2e-3, 2e-3] profiled inside the kernel: 655 360 points, a few seconds per path on
 * two cores.
 */
export const DEFAULT_GRID: BenchGrid = {
  models: 'benchmarks',
  mx: { min: 5e-3, max: 1, n: 32, scale: 'log' },
  gx: { min: 1e-5, max: 1e-2, n: 32, scale: 'log' },
  eps: { min: -2e-3, max: 2e-3, n: 64, scale: 'lin' },
};

/** --quick: 4 benchmark models x 16 x 16 x 32 = 32 768 points. */
export const QUICK_GRID: BenchGrid = {
  models: 'Lmu-Ltau,B-3Lmu,dark-photon,tLmu-tau',
  mx: { ...DEFAULT_GRID.mx, n: 16 },
  gx: { ...DEFAULT_GRID.gx, n: 16 },
  eps: { ...DEFAULT_GRID.eps, n: 32 },
};

/** The 419 vector models of SPEC §3.5 on 1024^3 (m_X, g_X, eps), eps profiled: the roofline's prediction grid. */
export const PAPER_PROFILE_GRID: BenchGrid = {
  models: 'catalog:vector',
  mx: { ...DEFAULT_GRID.mx, n: 1024 },
  gx: { ...DEFAULT_GRID.gx, n: 1024 },
  eps: { ...DEFAULT_GRID.eps, n: 1024 },
};

export interface CaseDef {
  /** e.g. 'global', 'global-noprune', 'full'. */
  id: string;
  title: string;
  /** 'all' = every registered constraint (with the data directories given). */
  constraints: 'all' | readonly string[];
  /** Prune the heavy (COHERENT) term where it cannot beat the running minimum (what `u1x scan` does). */
  prune: boolean;
}

export const CASES: readonly CaseDef[] = [
  { id: 'global', title: 'global Delta chi2 (SPEC §5.1)', constraints: GLOBAL_TERMS, prune: true },
  { id: 'global-noprune', title: 'global Delta chi2, pruning off', constraints: GLOBAL_TERMS, prune: false },
  { id: 'full', title: 'full constraint set (masks of all), global objective', constraints: 'all', prune: true },
  { id: 'full-noprune', title: 'full constraint set, pruning off', constraints: 'all', prune: false },
];

export interface DataDirPair {
  coherent: string | null;
  darkcast: string | null;
}

export function gridSpec(grid: BenchGrid, constraints: 'all' | readonly string[], objective: 'global' | 'all' = 'global'): ScanSpec {
  return {
    name: 'bench',
    models: grid.models,
    mx: { ...grid.mx },
    gx: { ...grid.gx },
    eps: { ...grid.eps },
    profile: ['eps'],
    constraints: constraints === 'all' ? 'all' : [...constraints],
    objective,
  };
}

export function gridPoints(grid: BenchGrid, nModels: number): number {
  return nModels * grid.mx.n * grid.gx.n * grid.eps.n;
}

export function planFor(
  grid: BenchGrid,
  constraints: 'all' | readonly string[],
  dataDirs: DataDirPair,
  objective: 'global' | 'all' = 'global',
): ScanPlan {
  return planScan(gridSpec(grid, constraints, objective), {
    name: 'bench',
    dataDirs,
    force: true,
    resolveModels: (s) => modelsOfSpec(s, process.cwd()),
  });
}

export interface PreparedCase {
  def: CaseDef;
  plan: ScanPlan;
  /** Tables, model records, the compiled kernel (with its program) and the axes buffer. */
  build: KernelBuild;
  /** Wall time of buildTables + buildModelData (ms) and per table. */
  tablesMs: number;
  tableSlots: { key: string; kind: string; values: number; ms: number }[];
  compileMs: number;
}

/** The runner's kernel for a plan (src/scan/runner.ts), with pruning as the case says. */
export function buildFor(plan: ScanPlan, prune: boolean): KernelBuild {
  return buildKernel(scanKernelRequest(plan, { prune }));
}

export function prepareCase(def: CaseDef, grid: BenchGrid, dataDirs: DataDirPair): PreparedCase {
  const plan = planFor(grid, def.constraints, dataDirs);
  const build = buildFor(plan, def.prune);
  return {
    def,
    plan,
    build,
    tablesMs: build.timings.tablesMs,
    compileMs: build.timings.compileMs,
    tableSlots: [...build.tables.slots.values()].map((s) => ({
      key: s.key,
      kind: s.kind,
      ms: s.buildMs,
      values:
        s.kind === 'static'
          ? s.size
          : s.kind === 'mass'
            ? s.size * plan.tableMasses.length
            : s.size * plan.tableMasses.length * plan.models.length,
    })),
  };
}
