// A reusable float64 evaluator for many small batches of points at fixed table masses: the kernel is
// compiled and the tables built once, and each batch only swaps the point buffer. Used by local
// refinements (the fit), where thousands of batches of a few points each follow a grid search.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import { compileKernel, POINT_STRIDE, type CompiledKernel } from '../kernel/compile.js';
import { buildModelData, buildTables } from '../kernel/layout.js';
import type { ScanModel } from '../models/types.js';
import type { PointInput } from './points.js';

type KernelFn = (T: Float64Array, M: Float64Array, A: Float64Array, out: Float64Array, base: number, count: number) => void;

export interface EvaluatedPoint {
  total: number;
  /** chi2 of every objective term. */
  terms: Record<string, number>;
  excluded: Record<string, boolean>;
  /** Terms whose chi2 was non-finite (their chi2 is then NONFINITE_CHI2 and they exclude). */
  nonfinite: string[];
}

export class PointEvaluator {
  private readonly fn: KernelFn;
  private readonly kernel: CompiledKernel;
  private readonly tables: Float64Array;
  private readonly modelData: Float64Array;
  private readonly massIndex: Map<number, number>;
  private readonly slots: { id: string; chi2: number; word: number; nonfiniteWord: number; bit: number }[];
  private readonly totalSlot: number;

  constructor(opts: {
    models: readonly ScanModel[];
    active: readonly ActiveConstraint[];
    objective: ReadonlySet<string>;
    mixing: { convention: MixingConvention; axis: MixingAxis };
    /** The only masses points may have (GeV). */
    masses: Float64Array;
  }) {
    // Only the objective's terms are evaluated: refinements need nothing else (but the information-only
    // inputs: radiative mixing's k tables).
    const active = opts.active.filter((a) => opts.objective.has(a.def.id) || a.def.role === 'info');
    const tables = buildTables(active, opts.masses, opts.models);
    const models = buildModelData(opts.models, active);
    this.kernel = compileKernel({
      mode: { kind: 'points', nPoints: 1, observables: false },
      active, objective: opts.objective, mixing: opts.mixing, tables, models, exactMass: true,
    });
    this.fn = new Function('T', 'M', 'A', 'out', 'base', 'count', this.kernel.js) as KernelFn;
    this.tables = tables.data;
    this.modelData = models.data;
    this.massIndex = new Map([...opts.masses].map((m, i) => [m, i]));
    const names = this.kernel.outputs.map((o) => o.name);
    this.slots = this.kernel.bits.map((id, b) => ({
      id, chi2: names.indexOf(`chi2_${id}`), word: names.indexOf(`mask${b >> 5}`), nonfiniteWord: names.indexOf(`nonfinite${b >> 5}`), bit: b & 31,
    }));
    this.totalSlot = names.indexOf('chi2');
  }

  evaluate(points: readonly PointInput[]): EvaluatedPoint[] {
    const axes = new Float64Array(points.length * POINT_STRIDE);
    points.forEach((p, i) => {
      const m = this.massIndex.get(p.mx);
      if (m === undefined) throw new Error(`PointEvaluator: m_X = ${p.mx} is not one of its table masses`);
      axes.set([p.model, p.mx, p.gx, p.eps, m, 0], i * POINT_STRIDE);
    });
    const stride = this.kernel.outputs.length;
    const out = new Float64Array(points.length * stride);
    this.fn(this.tables, this.modelData, axes, out, 0, points.length);
    return points.map((_, i) => {
      const o = i * stride;
      const terms: Record<string, number> = {};
      const excluded: Record<string, boolean> = {};
      const nonfinite: string[] = [];
      for (const s of this.slots) {
        terms[s.id] = out[o + s.chi2];
        excluded[s.id] = ((out[o + s.word] >>> s.bit) & 1) === 1;
        if (((out[o + s.nonfiniteWord] >>> s.bit) & 1) === 1) nonfinite.push(s.id);
      }
      return { total: out[o + this.totalSlot], terms, excluded, nonfinite };
    });
  }
}
