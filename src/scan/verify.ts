// `u1x verify`: the float32 GPU path against the float64 CPU reference on the same points.
//
// Points are drawn from a seeded generator: log-uniform in m_X, g_X and |eps| for a set of benchmark
// models, plus edge samplers: kinetic mixing that nearly cancels the electron's charge, zero coupling,
// m_X at the dimuon threshold, couplings on the (g-2)_mu band edges, heavy strongly coupled points
// (high-mass searches, unitarity). Every input is a float32 number,
// so both paths evaluate the same point and only their arithmetic differs. Near-cancellation points
// are given in the mixing ratio k = eps_hat e / g_X, the parametrisation SPEC §6.2 recommends there:
// x_f + k Q_f is then exact in float32, whereas g x_f + eps_hat e Q_f cannot be. Tables are built once
// on a fixed log-m_X grid, so both backends interpolate the same float64 tables.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis } from '../constraints/couplings.js';
import type { Backend } from '../backends/types.js';
import { buildKernel, openKernel, type KernelOutputs } from '../kernel/session.js';
import { M_MU } from '../physics/constants.js';
import { loopFV } from '../physics/loops.js';
import { resolveModel } from '../models/index.js';
import type { ScanModel } from '../models/types.js';
import type { PointInput } from './points.js';

export const VERIFY_MODELS = [
  'Lmu-Ltau',
  'B-3Lmu',
  'Le-Lmu',
  'B-3Le',
  'B-2Le-Ltau',
  'B-2Le-Lmu',
  'B-L',
  'dark-photon',
  'tLmu-tau',
  '9B3-8Lmu-Ltau',
  '3B-6Le-3Ltau+3(Lmu-Ltau)',
  '3B-6Le-3Ltau+5(Lmu-Ltau)',
];

/**
 * Pass criterion: |chi2_gpu - chi2_cpu| <= tol * max(1, |chi2_cpu|), tol = 1e-3 — relative above 1,
 * absolute below. The stricter VALIDATION §0 reading (relative 1e-4 above 1e-2, absolute 1e-3 below)
 * is reported beside it.
 */
export const VERIFY_TOLERANCE = { tol: 1e-3, validationRel: 1e-4, relFloor: 1e-2, validationAbs: 1e-3, maskBand: 0.05 };
/** Terms at the cap (see kernel/compile.ts) are equal by construction. */
const CAP = 1e6;

/** Small seeded PRNG (mulberry32): reproducible samples without a dependency. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const logUniform = (r: () => number, lo: number, hi: number) => Math.exp(Math.log(lo) + r() * Math.log(hi / lo));

export const VERIFY_MASS_RANGE: [number, number] = [2e-3, 200];

export interface VerifySample {
  /** Points whose mixing coordinate is eps. */
  eps: PointInput[];
  /** Points whose mixing coordinate is the mixing ratio k. */
  k: PointInput[];
}

export function samplePoints(models: readonly ScanModel[], n: number, seed: number): VerifySample {
  const r = rng(seed);
  const out: VerifySample = { eps: [], k: [] };
  const f32 = Math.fround;
  for (let i = 0; i < n; i++) {
    const model = Math.floor(r() * models.length);
    const m = models[model];
    let mx = logUniform(r, 5e-3, 10);
    let gx = logUniform(r, 1e-6, 1e-1);
    let eps = r() < 0.3 ? 0 : (r() < 0.5 ? -1 : 1) * logUniform(r, 1e-8, 1e-1);
    const u = r();
    if (u < 0.1 && m.record.eV !== 0) {
      // Kinetic mixing cancelling the electron's vector charge: x_e + k Q_e = x_e - k ~ 0 (SPEC §6.2).
      const k = m.record.eV * (1 + (r() < 0.5 ? -1 : 1) * logUniform(r, 1e-6, 1e-2));
      out.k.push({ model, mx: f32(mx), gx: f32(gx), eps: f32(k) });
      continue;
    }
    if (u < 0.15) {
      gx = 1e-12;
      eps = 0;
    } else if (u < 0.2) {
      mx = 2 * M_MU;
    } else if (u < 0.25) {
      // Heavy and strongly coupled: the high-mass searches (CMS, LEP) and perturbative unitarity.
      mx = logUniform(r, 10, 150);
      gx = logUniform(r, 1e-3, 5);
    } else if (u < 0.3 && m.record.muV !== 0 && m.record.muA === 0) {
      // On a (g-2)_mu 2 sigma edge of the 2021 band at eps = 0: Delta a_mu = (g q_V)^2 F_V / (8 pi^2).
      const target = (r() < 0.5 ? 133 : 369) * 1e-11 * (1 + (r() - 0.5) * 1e-3);
      gx = Math.sqrt((target * 8 * Math.PI * Math.PI) / (m.record.muV ** 2 * loopFV(M_MU / mx)));
      eps = 0;
      if (!(gx < 1)) gx = 1e-3;
    }
    out.eps.push({ model, mx: f32(mx), gx: f32(gx), eps: f32(eps) });
  }
  return out;
}

export interface ConstraintReport {
  id: string;
  compared: number;
  /** Largest |diff| / max(1, |chi2_cpu|): the pass criterion. */
  maxScaled: number;
  /** Largest relative error among |chi2_cpu| > 1e-2, and largest absolute error below (VALIDATION §0). */
  maxRel: number;
  maxAbs: number;
  worst: { scaled: number; point: PointInput | null; axis: MixingAxis; cpu: number; gpu: number };
  maskDisagreements: number;
  maskFlipsNearThreshold: number;
  /** Points the float64 reference excludes: the mask comparison covers every point, this says it was not vacuous. */
  excluded: number;
  /** Points where each side's chi2 was non-finite (counted as excluded there; a one-sided one fails the comparison). */
  nonfinite: { cpu: number; gpu: number };
  pass: boolean;
  meetsValidation: boolean;
}

export interface VerifyReport {
  points: number;
  seed: number;
  /** The pass criterion's tol this report was judged with. */
  tolerance: number;
  cpu: string;
  gpu: string;
  models: string[];
  constraints: ConstraintReport[];
  total: { maxScaled: number };
  pass: boolean;
  seconds: { cpu: number; gpu: number };
}

function emptyReport(id: string): ConstraintReport {
  return {
    id,
    compared: 0,
    maxScaled: 0,
    maxRel: 0,
    maxAbs: 0,
    worst: { scaled: 0, point: null, axis: 'eps', cpu: 0, gpu: 0 },
    maskDisagreements: 0,
    maskFlipsNearThreshold: 0,
    excluded: 0,
    nonfinite: { cpu: 0, gpu: 0 },
    pass: true,
    meetsValidation: true,
  };
}

function finishReport(rep: ConstraintReport, tol: number): ConstraintReport {
  rep.pass = rep.maxScaled <= tol && rep.maskDisagreements === 0;
  rep.meetsValidation = rep.pass && rep.maxRel <= VERIFY_TOLERANCE.validationRel && rep.maxAbs <= VERIFY_TOLERANCE.validationAbs;
  return rep;
}

interface VerifyState {
  reports: ConstraintReport[];
  maxScaledTotal: number;
  seconds: { cpu: number; gpu: number };
}

async function verifyGroup(
  state: VerifyState,
  axis: MixingAxis,
  pts: readonly PointInput[],
  opts: { active: readonly ActiveConstraint[]; cpu: Backend; gpu: Backend; models: readonly ScanModel[]; tableMasses: Float64Array },
): Promise<void> {
  if (pts.length === 0) return;
  const objective = new Set(opts.active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
  // One build (tables, kernel, point buffer) run on both backends.
  const build = buildKernel({
    constraints: opts.active,
    objective,
    models: opts.models,
    masses: { nodes: opts.tableMasses, exact: false },
    mode: { kind: 'points', points: pts, observables: true },
    mixing: { convention: 'photon', axis },
  });
  const cpuRun = await openKernel(build, opts.cpu);
  const gpuRun = await openKernel(build, opts.gpu);
  // Bound constraints report how far they are from their threshold as the observable '<id>.margin'.
  const margins = opts.active.map((a) => (build.layout.observableNames.includes(`${a.def.id}.margin`) ? `${a.def.id}.margin` : undefined));
  const compareBlock = (base: number, cb: KernelOutputs, gb: KernelOutputs) => {
    for (let i = 0; i < cb.count; i++) {
      opts.active.forEach((a, k) => {
        const rep = state.reports[k];
        const id = a.def.id;
        const c = cb.term(i, id);
        const g = gb.term(i, id);
        const cEx = cb.excluded(i, id);
        const gEx = gb.excluded(i, id);
        if (cEx) rep.excluded++;
        if (cb.nonfinite(i, id)) rep.nonfinite.cpu++;
        if (gb.nonfinite(i, id)) rep.nonfinite.gpu++;
        if (cEx !== gEx) {
          const margin =
            a.def.kind === 'bound' ? (margins[k] === undefined ? undefined : cb.observable(i, margins[k])) : c - (a.def.threshold ?? 4);
          const band = a.def.kind === 'bound' ? 1e-3 : VERIFY_TOLERANCE.maskBand;
          if (margin !== undefined && Math.abs(margin) <= band) rep.maskFlipsNearThreshold++;
          else rep.maskDisagreements++;
        }
        if (a.def.kind === 'bound' || Math.abs(c) >= CAP) return;
        rep.compared++;
        const diff = Math.abs(g - c);
        const scaled = diff / Math.max(1, Math.abs(c));
        if (scaled > rep.maxScaled) {
          rep.maxScaled = scaled;
          rep.worst = { scaled, point: pts[base + i], axis, cpu: c, gpu: g };
        }
        if (Math.abs(c) > VERIFY_TOLERANCE.relFloor) rep.maxRel = Math.max(rep.maxRel, diff / Math.abs(c));
        else rep.maxAbs = Math.max(rep.maxAbs, diff);
      });
      const c = cb.chi2(i);
      if (Math.abs(c) < CAP) state.maxScaledTotal = Math.max(state.maxScaledTotal, Math.abs(gb.chi2(i) - c) / Math.max(1, Math.abs(c)));
    }
  };
  // Stream in chunks: a million points never sit in memory at once.
  const chunk = Math.min(65536, cpuRun.maxCellsPerRun, gpuRun.maxCellsPerRun);
  try {
    for (let base = 0; base < pts.length; base += chunk) {
      const count = Math.min(chunk, pts.length - base);
      const t0 = performance.now();
      const cBlock = await cpuRun.run(base, count);
      const t1 = performance.now();
      const gBlock = await gpuRun.run(base, count);
      state.seconds.cpu += (t1 - t0) / 1000;
      state.seconds.gpu += (performance.now() - t1) / 1000;
      compareBlock(base, cBlock, gBlock);
    }
  } finally {
    cpuRun.dispose();
    gpuRun.dispose();
  }
}

export async function runVerify(opts: {
  n: number;
  seed: number;
  active: readonly ActiveConstraint[];
  cpu: Backend;
  gpu: Backend;
  models?: readonly ScanModel[];
  sample?: VerifySample;
  /**
   * Radiative mixing (SPEC §4.15): every sampled point is evaluated with k_rad instead of its eps/k value;
   * `active` must come from an activation with radiative mixing and `models` be in its scope.
   */
  radiative?: boolean;
  /** Pass criterion's tol (default VERIFY_TOLERANCE.tol); `u1x verify --tolerance` tightens or loosens it. */
  tol?: number;
}): Promise<VerifyReport> {
  const models = opts.models ?? VERIFY_MODELS.map((m) => resolveModel(m));
  const sample = opts.sample ?? samplePoints(models, opts.n, opts.seed);
  const [lo, hi] = VERIFY_MASS_RANGE;
  const nodes = 1024;
  const tableMasses = Float64Array.from({ length: nodes }, (_, i) => lo * Math.pow(hi / lo, i / (nodes - 1)));
  const state: VerifyState = { reports: opts.active.map((a) => emptyReport(a.def.id)), maxScaledTotal: 0, seconds: { cpu: 0, gpu: 0 } };
  const groupOpts = { active: opts.active, cpu: opts.cpu, gpu: opts.gpu, models, tableMasses };
  if (opts.radiative) {
    await verifyGroup(state, 'radiative', [...sample.eps, ...sample.k], groupOpts);
  } else {
    await verifyGroup(state, 'eps', sample.eps, groupOpts);
    await verifyGroup(state, 'k', sample.k, groupOpts);
  }
  const tol = opts.tol ?? VERIFY_TOLERANCE.tol;
  const constraints = state.reports.map((r) => finishReport(r, tol));
  return {
    points: sample.eps.length + sample.k.length,
    seed: opts.seed,
    tolerance: tol,
    cpu: opts.cpu.description,
    gpu: opts.gpu.description,
    models: models.map((m) => m.name),
    constraints,
    total: { maxScaled: state.maxScaledTotal },
    pass: constraints.every((c) => c.pass),
    seconds: state.seconds,
  };
}
