// The kernel session: everything between "these constraints, these models, this grid or these points" and
// typed results. It builds the tables and model records, compiles the kernel (which keeps its IR program),
// packs the axes or point buffer, prepares a backend, and hands out readers (KernelOutputs: chi2, argmin,
// excluded, term, observable) for each block of cells it runs.
//
// Node-free on purpose (test/kernel/nodeFree.test.ts): the same compiler and session can run in a browser
// with a WebGPU backend there. Backends are passed in; the Node ones live in src/backends/.

import type { Backend, KernelBuffers } from '../backends/types.js';
import type { ActiveConstraint } from '../constraints/activate.js';
import type { ScanModel } from '../models/types.js';
import { compileKernel, POINT_STRIDE, type CompiledKernel, type KernelSpec } from './compile.js';
import { jsKernelFunction } from './jsFunction.js';
import { buildModelData, buildTables, CEILING_FIELD, heavyBoundField, massLocation, type ModelLayout, type TableLayout } from './layout.js';
import { KernelOutputs, OutputLayout } from './readout.js';
import { SliceReducer } from './sliceReduce.js';

export { KernelOutputs, OutputLayout } from './readout.js';

export interface PointInput {
  /** Index into the models array. */
  model: number;
  mx: number;
  gx: number;
  /** Kinetic mixing eps (or the mixing ratio k when the mixing axis is 'k'). */
  eps: number;
}

/** A grid (model x m_X x g_X x mixing); a cell is (model, m_X, g_X), or one point when not profiled. */
export interface GridRequest {
  kind: 'grid';
  mx: Float64Array;
  gx: Float64Array;
  /** The mixing axis (eps or k, as `mixing.axis` says). */
  mix: Float64Array;
  /** Minimise over the mixing axis inside the kernel (else every mixing value is its own cell). */
  profile: boolean;
  /** Skip heavy terms that cannot beat the running minimum (exact; needs `profile`). */
  prune: boolean;
  /** Also output every constraint's chi2 at the minimum. */
  terms?: boolean;
  /** Observables ('<constraint id>.<name>') to output at the minimum. */
  observables?: readonly string[];
  /**
   * Per-model upper bounds on the minimum: heavy terms are skipped where the light ones alone cannot beat
   * it, and cells that all miss it report 1e30 (per-model minima only; see compile.ts GridMode.ceiling).
   */
  ceiling?: Float64Array;
  /**
   * Split each cell's profiled loop over this many device cells (kernel/occupancy.ts picks it); the
   * session reduces them, so that readers see one cell per (model, m_X, g_X) as without it.
   */
  epsSlices?: number;
  /**
   * Lower bounds of the sum of the heavy terms per (model, m_X), [model][m_X] flattened, each valid at every
   * point of its (model, m_X) row; pruning uses them instead of the constraints' heavy.lowerBound.
   */
  heavyBound?: Float64Array;
  /** Also output each cell's count of heavy-term evaluations (KernelOutputs.heavyEvaluations). */
  countHeavy?: boolean;
}

/** An explicit list of points; each is one cell. */
export interface PointsRequest {
  kind: 'points';
  points: readonly PointInput[];
  /** Output every constraint's observables. */
  observables?: boolean;
}

/**
 * Mass nodes of the tables. `exact`: every m_X is a node (looked up by index; a grid's nodes must be its m_X
 * axis); otherwise tables are interpolated in log m_X between log-spaced nodes.
 */
export interface TableMasses {
  nodes: Float64Array;
  exact: boolean;
}

export interface KernelRequest {
  /** The active constraints the kernel evaluates (each gets a mask bit). */
  constraints: readonly ActiveConstraint[];
  /** Constraint ids summed into the total chi2. */
  objective: ReadonlySet<string>;
  models: readonly ScanModel[];
  /** Default: exact nodes at the grid's m_X axis, or at the distinct masses of the points. */
  masses?: TableMasses;
  mode: GridRequest | PointsRequest;
  /** Mixing convention and what the mixing coordinate of the grid or points is (as the compiler takes it). */
  mixing: KernelSpec['mixing'];
}

/** A compiled kernel with its buffers: what any backend needs, before one is chosen. */
export interface KernelBuild {
  request: KernelRequest;
  kernel: CompiledKernel;
  tables: TableLayout;
  modelLayout: ModelLayout;
  buffers: KernelBuffers;
  layout: OutputLayout;
  /** Points mode: the point buffer of another list of points at the same table masses. */
  packPoints(points: readonly PointInput[]): Float64Array;
  /** Wall time of building tables and model records, and of compiling (with packing). */
  timings: { tablesMs: number; compileMs: number };
}

export interface KernelSession extends KernelBuild {
  backend: Backend;
  /** Cells of the grid or points of the list. */
  cells: number;
  /** Points evaluated per cell (the profiled mixing loop). */
  pointsPerCell: number;
  /** Largest count one run() accepts. */
  maxCellsPerRun: number;
  /** Wall time of backend.prepare() (WGSL -> pipeline and uploads; CPU: function compile). */
  prepareMs: number;
  /** Evaluate cells [base, base + count). The outputs are valid until the next run. */
  run(base: number, count: number): Promise<KernelOutputs>;
  dispose(): void;
}

/** The [model][m_X] bounds as per-model fields, one per m_X (consecutive: the kernel indexes them by m_X). */
function heavyBoundFields(bounds: Float64Array, nModels: number, nMx: number): Record<string, Float64Array> {
  if (bounds.length !== nModels * nMx)
    throw new Error(`kernel session: ${bounds.length} heavy-term bounds for ${nModels} models x ${nMx} masses`);
  const fields: Record<string, Float64Array> = {};
  for (let j = 0; j < nMx; j++) fields[heavyBoundField(j)] = Float64Array.from({ length: nModels }, (_, m) => bounds[m * nMx + j]);
  return fields;
}

/**
 * Replace the heavy-term bounds of a grid build (made with `heavyBound`) before a session opens it: they live
 * in the per-model records, which the session uploads. Lets a caller check that a run fits before it searches
 * for the bounds.
 */
export function setHeavyBounds(build: KernelBuild, bounds: Float64Array): void {
  const { mode } = build.request;
  if (mode.kind !== 'grid' || !mode.heavyBound) throw new Error('setHeavyBounds: the build was made without heavy-term bounds');
  const nModels = build.request.models.length;
  const nMx = mode.mx.length;
  if (bounds.length !== nModels * nMx) throw new Error(`setHeavyBounds: ${bounds.length} bounds for ${nModels} models x ${nMx} masses`);
  const { data, stride, fields } = build.modelLayout;
  for (let j = 0; j < nMx; j++) {
    const off = fields.get(heavyBoundField(j))!;
    for (let m = 0; m < nModels; m++) {
      if (!Number.isFinite(bounds[m * nMx + j]))
        throw new Error(`setHeavyBounds: bound ${bounds[m * nMx + j]} for model ${m}, m_X index ${j}`);
      data[m * stride + off] = bounds[m * nMx + j];
    }
  }
}

/** Index and fraction of each mass among the table nodes. */
function massLocator(masses: TableMasses): (mx: number) => { i0: number; frac: number } {
  const { nodes } = masses;
  if (!masses.exact) return (mx) => massLocation(nodes, mx);
  const index = new Map([...nodes].map((m, i) => [m, i]));
  return (mx) => {
    const i0 = index.get(mx);
    if (i0 === undefined) throw new Error(`kernel session: m_X = ${mx} is not one of the table masses`);
    return { i0, frac: 0 };
  };
}

function defaultMasses(mode: GridRequest | PointsRequest): TableMasses {
  if (mode.kind === 'grid') return { nodes: mode.mx, exact: true };
  return { nodes: Float64Array.from(new Set(mode.points.map((p) => p.mx))).sort(), exact: true };
}

/** Build tables and model records, compile, and pack the axes or point buffer. Synchronous, backend-free. */
export function buildKernel(request: KernelRequest): KernelBuild {
  const { mode } = request;
  const masses = request.masses ?? defaultMasses(mode);
  if (mode.kind === 'grid' && masses.exact && !sameValues(masses.nodes, mode.mx)) {
    throw new Error('kernel session: exact table masses of a grid must be its m_X axis');
  }
  const t0 = performance.now();
  const tables = buildTables(request.constraints, masses.nodes, request.models, { exactMass: masses.exact, mixing: request.mixing });
  const extra: Record<string, ArrayLike<number>> = {};
  if (mode.kind === 'grid' && mode.ceiling) extra[CEILING_FIELD] = mode.ceiling;
  if (mode.kind === 'grid' && mode.heavyBound)
    Object.assign(extra, heavyBoundFields(mode.heavyBound, request.models.length, mode.mx.length));
  const modelLayout = buildModelData(request.models, request.constraints, extra);
  const t1 = performance.now();
  const kernel = compileKernel({
    mode:
      mode.kind === 'grid'
        ? {
            kind: 'grid',
            nModels: request.models.length,
            nMx: mode.mx.length,
            nGx: mode.gx.length,
            nEps: mode.mix.length,
            profileEps: mode.profile,
            prune: mode.prune,
            termsAtBest: mode.terms ?? false,
            observablesAtBest: mode.observables ?? [],
            ceiling: mode.ceiling !== undefined,
            epsSlices: mode.epsSlices,
            heavyBound: mode.heavyBound !== undefined,
            countHeavy: mode.countHeavy ?? false,
          }
        : { kind: 'points', nPoints: mode.points.length, observables: mode.observables ?? false },
    active: request.constraints,
    objective: request.objective,
    mixing: request.mixing,
    tables,
    models: modelLayout,
    exactMass: masses.exact,
  });
  const locate = massLocator(masses);
  const packPoints = (points: readonly PointInput[]): Float64Array => {
    const axes = new Float64Array(points.length * POINT_STRIDE);
    points.forEach((p, i) => {
      const { i0, frac } = locate(p.mx);
      axes.set([p.model, p.mx, p.gx, p.eps, i0, frac], i * POINT_STRIDE);
    });
    return axes;
  };
  const axes =
    mode.kind === 'grid' ? packGrid(kernel, mode, masses.exact ? (_mx, i) => ({ i0: i, frac: 0 }) : locate) : packPoints(mode.points);
  const compileMs = performance.now() - t1;
  return {
    request,
    kernel,
    tables,
    modelLayout,
    layout: new OutputLayout(kernel),
    buffers: { tables: tables.data, models: modelLayout.data, axes },
    packPoints,
    timings: { tablesMs: t1 - t0, compileMs },
  };
}

/** The axes buffer of a grid kernel: axis values and mass-table positions at the offsets the kernel expects. */
function packGrid(
  kernel: CompiledKernel,
  grid: GridRequest,
  locate: (mx: number, i: number) => { i0: number; frac: number },
): Float64Array {
  const a = kernel.axes!;
  const axes = new Float64Array(a.length);
  axes.set(grid.mx, a.mx);
  grid.mx.forEach((mx, i) => {
    const { i0, frac } = locate(mx, i);
    axes[a.mIndex + i] = i0;
    axes[a.mFrac + i] = frac;
  });
  axes.set(grid.gx, a.gx);
  axes.set(grid.mix, a.eps);
  return axes;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Build (unless given a build), prepare `backend`, and return a session that runs cells and reads them. */
export async function openKernel(what: KernelRequest | KernelBuild, backend: Backend): Promise<KernelSession> {
  const build = 'kernel' in what ? what : buildKernel(what);
  const t0 = performance.now();
  const prepared = await backend.prepare(build.kernel, build.buffers);
  const prepareMs = performance.now() - t0;
  const S = build.kernel.epsSlices;
  // The reducer keeps the winning slice's words: a per-cell count would lose the other slices' work.
  if (S > 1 && build.request.mode.kind === 'grid' && build.request.mode.countHeavy)
    throw new Error('internal error: countHeavy counts one slice of a split eps loop (use epsSlices 1)');
  const reducer = S > 1 ? new SliceReducer(S, build.kernel.slots) : null;
  return {
    ...build,
    backend,
    cells: build.kernel.cells / S,
    pointsPerCell: reducer ? (build.request.mode.kind === 'grid' ? build.request.mode.mix.length : 1) : build.kernel.pointsPerCell,
    maxCellsPerRun: Math.floor(prepared.maxCellsPerRun / S),
    prepareMs,
    run: async (base, count) =>
      new KernelOutputs(build.layout, reducer ? reducer.reduce(await prepared.run(base * S, count * S)) : await prepared.run(base, count)),
    dispose: () => prepared.dispose(),
  };
}

/**
 * A points kernel evaluated in this thread in float64, synchronously, one small batch at a time: the
 * kernel is compiled and the tables built once, and each batch only swaps the point buffer (local
 * refinements of the fit run thousands of batches of a few points).
 */
export interface LocalKernel {
  build: KernelBuild;
  evaluate(points: readonly PointInput[]): KernelOutputs;
}

export function openLocalKernel(request: KernelRequest & { mode: PointsRequest }): LocalKernel {
  const build = buildKernel(request);
  const fn = jsKernelFunction(build.kernel);
  const stride = build.kernel.outputs.length;
  const { tables, models } = build.buffers;
  return {
    build,
    evaluate(points) {
      const axes = build.packPoints(points);
      const out = new Float64Array(points.length * stride);
      fn(tables, models, axes, out, 0, points.length);
      return new KernelOutputs(build.layout, { count: points.length, stride, floats: out, uints: out });
    },
  };
}
