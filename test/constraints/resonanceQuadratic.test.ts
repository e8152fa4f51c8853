// The resonance searches' rates as per-(model, m_X) completed squares (physics/darkcast/rateForms.ts, read by
// the edge-layout group in constraints/resonance.ts) against the coupling-product rows they replace (kept
// reachable through setQuadraticRates(false)): every mask bit and every N_X/N_limit ratio, for benchmark and
// large-charge catalog models, masses across the searches' ranges, extreme couplings and the mixing values
// where a charge cancels, on an eps axis, a k axis and with radiative mixing; float64 CPU and float32 WebGPU.
import { afterEach, describe, expect, test } from 'vitest';
import { activateConstraints, type ActiveConstraint } from '../../src/constraints/activate.js';
import { setQuadraticRates } from '../../src/constraints/resonance.js';
import type { MixingAxis, MixingConvention } from '../../src/constraints/couplings.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import type { Backend } from '../../src/backends/types.js';
import { buildKernel, openKernel } from '../../src/kernel/session.js';
import { catalogModels } from '../../src/models/catalog.js';
import { resolveModels } from '../../src/models/resolve.js';
import type { ScanModel } from '../../src/models/types.js';
import {
  couplingProducts,
  ELECTRIC_CHARGE,
  FERMION_FIELDS,
  N_PRODUCTS,
  rateForm,
  squareIndex,
  mesonProductIndex,
  type FermionCouplings,
} from '../../src/physics/darkcast/index.js';
import { E_CHARGE } from '../../src/physics/constants.js';
import { evaluatePoints, type PointInput, type PointResult } from '../../src/scan/points.js';
import { hasGpu } from '../helpers/gpu.js';
import { DARKCAST_2023_DIR, requireShared } from '../helpers/shared.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import { buildRecastTables, findLimit } from '../../src/physics/darkcast/index.js';
import { rng } from '../../src/scan/verify.js';

afterEach(() => {
  setQuadraticRates(true);
});

// ---- the host-side forms ------------------------------------------------------------------------------

/** Σ_k row_k P_k(u x + v Q), straight from couplingProducts.ts (the definition, independent of rateForms.ts). */
function direct(row: Float64Array, x: FermionCouplings, u: number, v: number): number {
  const y = Object.fromEntries(FERMION_FIELDS.map((f) => [f, u * x[f] + v * (ELECTRIC_CHARGE[f] ?? 0)])) as FermionCouplings;
  const p = couplingProducts(y);
  let s = 0;
  for (let k = 0; k < N_PRODUCTS; k++) s += row[k] * p[k];
  return s;
}

const formValue = (f: { c: number; k0: number; m: number }, u: number, v: number) => f.c * (v - f.k0 * u) ** 2 + f.m * u * u;

describe('rateForm (float64 host side)', () => {
  test('equals the coupling-product expansion for random PSD rows and charges', () => {
    const r = rng(18);
    let worst = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const row = new Float64Array(N_PRODUCTS);
      // Sparse non-negative fermion squares, as the width and production rows are.
      for (const f of FERMION_FIELDS) if (r() < 0.4) row[squareIndex(f)] = 10 ** (6 * r() - 4);
      // A PSD meson block: a sum of two outer products (interference terms of either sign).
      for (let n = 0; n < 2; n++) {
        const a = [r() - 0.5, r() - 0.5, r() - 0.5];
        for (let v = 0; v < 3; v++)
          for (let w = v; w < 3; w++) row[mesonProductIndex(v, w)] += (v === w ? 1 : 2) * a[v] * a[w] * (r() < 0.7 ? 1 : 0);
      }
      const x = Object.fromEntries(FERMION_FIELDS.map((f) => [f, r() < 0.3 ? 0 : Math.round(20 * (r() - 0.5)) / 3])) as FermionCouplings;
      const form = rateForm(row, 0, x)!;
      expect(form).not.toBeNull();
      for (let s = 0; s < 5; s++) {
        const u = 10 ** (-6 * r());
        const v = (r() - 0.5) * 10 ** (4 * r() - 2) * u;
        const want = direct(row, x, u, v);
        // Scale: the same sum with every term made positive (the expansion's own rounding is relative to it).
        const scale = direct(row.map(Math.abs), x, u, Math.abs(v)) + direct(row.map(Math.abs), x, u, -Math.abs(v));
        worst = Math.max(worst, Math.abs(formValue(form, u, v) - want) / scale);
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  test('a one-channel row gives its zero exactly and m = 0: the rate vanishes where x_e + k Q_e = 0', () => {
    for (const xe of [1, -1, 1 / 3, 7 / 3, -10, 0.1]) {
      const row = new Float64Array(N_PRODUCTS);
      row[squareIndex('eV')] = 0.3712;
      const x = Object.fromEntries(FERMION_FIELDS.map((f) => [f, f === 'eV' ? xe : 1])) as FermionCouplings;
      const form = rateForm(row, 0, x)!;
      expect(form.k0).toBe(xe); // x_e + k Q_e = 0 at k = x_e (Q_e = -1)
      expect(form.m).toBe(0);
      expect(form.psd).toBe(true);
      expect(formValue(form, 0.5, 0.5 * xe)).toBe(0);
    }
  });

  test('no v-dependence (neutrinos, axial couplings only): c = 0, m = the whole rate', () => {
    const row = new Float64Array(N_PRODUCTS);
    row[squareIndex('numu')] = 2;
    row[squareIndex('muA')] = 3;
    const x = Object.fromEntries(FERMION_FIELDS.map((f) => [f, 1])) as FermionCouplings;
    expect(rateForm(row, 0, x)).toEqual({ c: 0, k0: 0, m: 5, psd: true });
  });

  test('an indefinite row is reported, with the same algebra (m < 0)', () => {
    const row = new Float64Array(N_PRODUCTS);
    // t_rho t_omega alone: (x_rho u + v/2)(x_omega u + v/6), negative between its two zeros.
    row[mesonProductIndex(0, 1)] = 1;
    const x = Object.fromEntries(FERMION_FIELDS.map((f) => [f, f === 'uV' ? 1 : 0])) as FermionCouplings;
    const form = rateForm(row, 0, x)!;
    expect(form.psd).toBe(false);
    expect(form.m).toBeLessThan(0);
    for (const v of [-3, -0.7, 0, 0.4, 2]) expect(formValue(form, 1, v)).toBeCloseTo(direct(row, x, 1, v), 12);
  });
});

// ---- exactness at cancellations: real rows against exact rational arithmetic ----------------------------

/** Exact rationals with a power-of-two denominator: a float64 x is big(x) / 2^S. */
const S = 1100n;
function big(x: number): bigint {
  let m = x;
  let e = 0n;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return BigInt(m) << (S - e);
}
/** The nearest float64 of v / 2^(n S). */
function toNumber(v: bigint, n: bigint): number {
  if (v === 0n) return 0;
  const neg = v < 0n;
  const a = neg ? -v : v;
  const shift = Math.max(0, a.toString(2).length - 64);
  const x = Number(a >> BigInt(shift)) * 2 ** (shift - Number(n * S));
  return neg ? -x : x;
}

/** Σ_k row_k P_k(u x + v Q) in exact arithmetic on the same float64 inputs (traces with the same 0.5, 1/sqrt 2). */
function exactRate(row: ArrayLike<number>, offset: number, x: FermionCouplings, u: number, v: number): number {
  // Couplings at scale 3S: y (2S) times one, traces (2S) times 0.5 or SQRT1_2.
  const one = big(1);
  const y = Object.fromEntries(
    FERMION_FIELDS.map((f) => [f, (big(u) * big(x[f]) + big(v) * big(ELECTRIC_CHARGE[f] ?? 0)) * one]),
  ) as Record<string, bigint>;
  const y2 = (f: string) => y[f] / one;
  const traces = [(y2('uV') - y2('dV')) * big(0.5), (y2('uV') + y2('dV')) * big(0.5), y2('sV') * big(Math.SQRT1_2)];
  let sum = 0n;
  for (const f of FERMION_FIELDS) sum += big(row[offset + squareIndex(f)]) * y[f] * y[f];
  for (let a = 0; a < 3; a++) for (let b = a; b < 3; b++) sum += big(row[offset + mesonProductIndex(a, b)]) * traces[a] * traces[b];
  return toNumber(sum, 7n);
}

/** The form evaluated as the float32 kernel does: inputs and table values rounded to float32, every step rounded. */
function form32(f: { c: number; k0: number; m: number }, u: number, v: number): number {
  const r = Math.fround;
  const d = r(r(v) - r(r(f.k0) * r(u)));
  return r(r(r(f.c) * r(d * d)) + r(r(f.m) * r(r(u) * r(u))));
}

/** The plain expansion A u² + 2H u v + C v² in float32 (what the forms avoid), from the exact A, H, C. */
const expansions = new Map<string, [number, number, number]>();
function expansion32(row: ArrayLike<number>, offset: number, x: FermionCouplings, u: number, v: number): number {
  const key = `${offset} ${row[offset]} ${row[offset + 1]} ${row[offset + 2]} ${JSON.stringify(x)}`;
  let abc = expansions.get(key);
  if (!abc) {
    const A = exactRate(row, offset, x, 1, 0);
    const C = exactRate(row, offset, x, 0, 1);
    abc = [A, (exactRate(row, offset, x, 1, 1) - A - C) / 2, C];
    expansions.set(key, abc);
  }
  const r = Math.fround;
  const [A, H, C] = abc;
  return r(r(r(A) * r(u * u)) + r(r(r(2 * H) * r(r(u) * r(v))) + r(r(C) * r(r(v) * r(v)))));
}

/** The size of the terms that cancel: the rate with every coupling, trace and coefficient made non-negative. */
function termScale(row: ArrayLike<number>, offset: number, x: FermionCouplings, u: number, v: number): number {
  const y = Object.fromEntries(
    FERMION_FIELDS.map((f) => [f, Math.abs(u * x[f]) + Math.abs(v * (ELECTRIC_CHARGE[f] ?? 0))]),
  ) as FermionCouplings;
  const t = [0.5 * (y.uV + y.dV), 0.5 * (y.uV + y.dV), y.sV * Math.SQRT1_2];
  let s = 0;
  for (const f of FERMION_FIELDS) s += Math.abs(row[offset + squareIndex(f)]) * y[f] * y[f];
  for (let a = 0; a < 3; a++) for (let b = a; b < 3; b++) s += Math.abs(row[offset + mesonProductIndex(a, b)]) * t[a] * t[b];
  return s;
}

// ---- the kernels: quadratic forms vs the coupling-product rows ----------------------------------------

const DARKCAST = requireShared(DARKCAST_2023_DIR);

/** Every resonance search the kernel evaluates: limits, the 2023 limits and the projections. */
function activation(opts: { radiative?: boolean; mixing?: MixingConvention } = {}): ActiveConstraint[] {
  const all = activateConstraints({
    dataDirs: { coherent: null, darkcast: DARKCAST },
    mixing: opts.mixing ?? 'photon',
    radiative: opts.radiative,
    projections: 'all',
  }).active;
  return all.filter((a) => a.inst.usesData?.includes('darkcast') || a.def.id === 'mixing');
}

const resonanceIds = (active: readonly ActiveConstraint[]) => active.filter((a) => a.def.id !== 'mixing').map((a) => a.def.id);

/** Largest absolute charge of a model's coupling record. */
const maxCharge = (m: ScanModel) => Math.max(...FERMION_FIELDS.map((f) => Math.abs(m.record[f])));

const BENCHMARKS = resolveModels('Lmu-Ltau,B-L,dark-photon,B-3Lmu,Le-Lmu');
/** Catalog models with the largest charges (and one with a large electron charge): the widest cancellations. */
const LARGE = (() => {
  const cat = catalogModels({ maxCharge: 10, category: 'vector' });
  const byCharge = [...cat].sort((a, b) => maxCharge(b) - maxCharge(a) || a.id.localeCompare(b.id));
  const byElectron = [...cat].sort((a, b) => Math.abs(b.record.eV) - Math.abs(a.record.eV) || a.id.localeCompare(b.id));
  return [...new Set([...byCharge.slice(0, 3), byElectron[0]])];
})();
const MODELS = [...BENCHMARKS, ...LARGE];
/** Lepton-only models whose lepton charges sum to zero: radiative mixing is defined for them (SPEC §4.15). */
const RADIATIVE_MODELS = resolveModels('Lmu-Ltau,Le-Lmu');

/** Across the searches' ranges: below 2 m_mu, the eta and rho/omega region, phi, above 1 GeV, the Upsilon region. */
const MASSES = [0.003, 0.012, 0.05, 0.2, 0.35, 0.55, 0.78, 1.02, 1.6, 3.5, 8.5];
const GX = [1e-9, 3e-7, 1e-5, 3e-4, 1e-2, 0.5];

/** Cancellation points of one model's charged couplings: x_f + k Q_f = 0 (k = -x_f/Q_f), and a hair either side. */
function cancellingK(m: ScanModel): number[] {
  const out: number[] = [];
  for (const f of ['eV', 'muV', 'uV', 'dV'] as const) {
    const k = -m.record[f] / ELECTRIC_CHARGE[f]!;
    out.push(k, k * (1 + 1e-7), k * (1 - 1e-7), k + 1e-4, k - 1e-4);
  }
  return out;
}

function kPoints(m: ScanModel): { gx: number; eps: number }[] {
  const ks = [0, 1e-3, -1e-3, 0.3, -1, 1, 20, -20, 1e3, -1e3, ...cancellingK(m)];
  return GX.flatMap((gx) => ks.map((k) => ({ gx, eps: k })));
}

function epsPoints(m: ScanModel): { gx: number; eps: number }[] {
  const eps = [0, 1e-9, -1e-9, 1e-6, -1e-6, 1e-4, -1e-4, 3e-3, -3e-3, 3e-2, -3e-2];
  return GX.flatMap((gx) => {
    // eps where the electron coupling cancels: eps_hat e = gx x_e (Q_e = -1), and a hair either side.
    const hat = (gx * m.record.eV) / E_CHARGE;
    const cancel = hat / Math.sqrt(1 + hat * hat);
    const extra = Math.abs(cancel) < 3e-2 && cancel !== 0 ? [cancel, cancel * (1 + 1e-6), cancel * (1 - 1e-6)] : [];
    return [...eps, ...extra].map((e) => ({ gx, eps: e }));
  });
}

interface Case {
  axis: MixingAxis;
  models: ScanModel[];
  points: PointInput[];
  active: ActiveConstraint[];
}

/** `float32`: couplings rounded to float32 first, so that the float64 reference sees the inputs the GPU does. */
function makeCase(axis: MixingAxis, float32 = false): Case {
  const models = axis === 'radiative' ? RADIATIVE_MODELS : MODELS;
  const per = (m: ScanModel) => (axis === 'k' ? kPoints(m) : epsPoints(m));
  const round = float32 ? Math.fround : (x: number) => x;
  const points = models.flatMap((m, model) =>
    MASSES.flatMap((mx) => per(m).map((p) => ({ model, mx, gx: round(p.gx), eps: round(p.eps) }))),
  );
  return { axis, models, points, active: activation({ radiative: axis === 'radiative' }) };
}

async function evaluate(c: Case, backend: Backend, quadratic: boolean): Promise<PointResult[]> {
  const previous = setQuadraticRates(quadratic);
  try {
    return await evaluatePoints(backend, c.points, {
      models: c.models,
      active: c.active,
      objective: new Set(),
      mixing: { convention: 'photon', axis: c.axis },
      observables: true,
    });
  } finally {
    setQuadraticRates(previous);
  }
}

interface Comparison {
  compared: number;
  excluded: number;
  maskDiffs: string[];
  /** Largest |a - b| / (rel |b| + abs) over the ratios: at most 1 within the tolerance. */
  worst: number;
  worstAt: string;
}

/**
 * Compare N_X/N_limit and the mask bits. Mask bits may differ only where the reference ratio is within
 * `nearThreshold` of 1 (0: nowhere).
 */
function compare(c: Case, got: PointResult[], want: PointResult[], tol: { rel: number; abs: number }, nearThreshold = 0): Comparison {
  const ids = resonanceIds(c.active);
  const out: Comparison = { compared: 0, excluded: 0, maskDiffs: [], worst: 0, worstAt: '' };
  got.forEach((g, i) => {
    const w = want[i];
    for (const id of ids) {
      const a = g.constraints[id];
      const b = w.constraints[id];
      const ra = a.observables.ratio;
      const rb = b.observables.ratio;
      const where = `${c.models[g.point.model].name} m=${g.point.mx} gx=${g.point.gx} ${c.axis}=${g.point.eps} ${id}: ${ra} vs ${rb}`;
      if (b.excluded) out.excluded++;
      if (a.excluded !== b.excluded && !(Math.abs(rb - 1) <= nearThreshold)) out.maskDiffs.push(where);
      if (ra === undefined || rb === undefined) {
        if (ra !== rb) out.maskDiffs.push(`${where} (ratio missing on one side)`);
        continue;
      }
      out.compared++;
      const err = Math.abs(ra - rb) / (tol.rel * Math.abs(rb) + tol.abs);
      if (err > out.worst) {
        out.worst = err;
        out.worstAt = where;
      }
    }
  });
  return out;
}

const AXES: MixingAxis[] = ['eps', 'k', 'radiative'];

describe('completed squares at the cancellations, against exact arithmetic', () => {
  // Real rows: production and widths of searches with electron, muon, meson-decay and proton-bremsstrahlung
  // production, at masses across their ranges.
  const dir = DarkcastDirectory.open(DARKCAST);
  const limits = [
    'babar_2014_visible',
    'na64_2019_invisible',
    'lhcb_2019_prompt',
    'na62_2019_invisible',
    'proj_ship_2020_brem_vmd',
    'e137_2012_visible',
  ];
  const masses = [0.012, 0.2, 0.55, 0.78, 1.02, 3.5];
  const tables = limits.map((id) => buildRecastTables(findLimit(id)!, Float64Array.from(masses), dir, { convention: 'u1x' }));
  const u = 0.37;

  /** Every (row, model, k) with k at, a hair from, and near a zero of one of the model's couplings (proton included). */
  function* cases() {
    for (const t of tables)
      for (const rows of [t.production, t.widthSm, t.widthSignal])
        for (let i = 0; i < masses.length; i++)
          for (const model of MODELS) {
            const x = Object.fromEntries(FERMION_FIELDS.map((f) => [f, model.record[f]])) as FermionCouplings;
            const r = model.record;
            const zeros = new Set([r.eV, r.muV, -r.uV / (2 / 3), r.dV / (1 / 3), -(2 * r.uV + r.dV)]);
            const where = `${t.limit.id} m=${masses[i]} ${model.name}`;
            for (const z of zeros) for (const k of [z, z * (1 + 1e-7), z * (1 - 1e-7), z + 1e-4]) yield { where, rows, i, x, k };
          }
  }

  test('float64: the form is the exact rate to 1e-9 relative plus 1e-12 of the cancelling terms', () => {
    let worst = 0;
    let worstAt = '';
    let expansionWorst = 0;
    let n = 0;
    for (const { where, rows, i, x, k } of cases()) {
      const form = rateForm(rows, i * N_PRODUCTS, x)!;
      const v = u * k;
      const exact = exactRate(rows, i * N_PRODUCTS, x, u, v);
      // Absolute floor: the tables' own rounding breaks exact zeros at ~1e-16 of the cancelling terms (a rank-one
      // meson block is rank one only to rounding), and rateForm drops LDLᵀ pivots below 1e-12 of them.
      const bound = 1e-9 * exact + 1e-12 * termScale(rows, i * N_PRODUCTS, x, u, v) + 1e-300;
      const err = Math.abs(formValue(form, u, v) - exact) / bound;
      if (err > worst) [worst, worstAt] = [err, `${where} k=${k}`];
      expansionWorst = Math.max(
        expansionWorst,
        Math.abs(direct(rows.subarray(i * N_PRODUCTS, (i + 1) * N_PRODUCTS), x, u, v) - exact) / bound,
      );
      n++;
    }
    process.stdout.write(
      `[resonanceQuadratic] exact f64: ${n} rates, forms worst ${worst.toExponential(2)} of the bound (${worstAt}); coupling products worst ${expansionWorst.toExponential(2)}\n`,
    );
    expect(worst).toBeLessThanOrEqual(1);
  });

  test('float32: relative accuracy up to the float32 quantisation of the zero (the plain expansion has none)', () => {
    const eps32 = 2 ** -24;
    let worst = 0;
    let worstAt = '';
    let expansionFails = 0;
    for (const { where, rows, i, x, k } of cases()) {
      const form = rateForm(rows, i * N_PRODUCTS, x)!;
      const [u32, v32] = [Math.fround(u), Math.fround(u * k)];
      const exact = exactRate(rows, i * N_PRODUCTS, x, u32, v32);
      // Rounding k0 and k0 u to float32 moves the zero by delta; the rest is a few roundings of non-negative terms.
      const d = Math.abs(v32 - form.k0 * u32);
      const delta = 3 * eps32 * (Math.abs(form.k0 * u32) + d);
      const bound = 8 * eps32 * exact + form.c * (2 * d + delta) * delta + 1e-37;
      const err = Math.abs(form32(form, u32, v32) - exact) / bound;
      if (err > worst) [worst, worstAt] = [err, `${where} k=${k}`];
      if (Math.abs(expansion32(rows, i * N_PRODUCTS, x, u32, v32) - exact) > bound) expansionFails++;
    }
    process.stdout.write(
      `[resonanceQuadratic] exact f32: forms worst ${worst.toFixed(3)} of the bound (${worstAt}); expansion outside it ${expansionFails} times\n`,
    );
    expect(worst).toBeLessThanOrEqual(1);
    expect(expansionFails).toBeGreaterThan(0);
  });
});

describe('quadratic forms vs coupling-product rows in the kernel', () => {
  test('the forms are used exactly where they apply: photon mixing on exact mass nodes', () => {
    const quadKeys = (active: ActiveConstraint[], mixing: { convention: MixingConvention; axis: MixingAxis }, exact = true) =>
      [
        ...buildKernel({
          constraints: active,
          objective: new Set(),
          models: mixing.axis === 'radiative' ? RADIATIVE_MODELS : BENCHMARKS,
          masses: { nodes: Float64Array.from(MASSES), exact },
          mode: { kind: 'points', points: [{ model: 0, mx: MASSES[0], gx: 1e-3, eps: 0 }] },
          mixing,
        }).tables.slots.keys(),
      ]
        .filter((k) => k.endsWith('.quad'))
        .sort();
    expect(quadKeys(activation(), { convention: 'photon', axis: 'eps' })).toEqual(['projections.quad', 'resonance.quad']);
    expect(quadKeys(activation(), { convention: 'photon', axis: 'k' })).toEqual(['projections.quad', 'resonance.quad']);
    expect(quadKeys(activation({ radiative: true }), { convention: 'photon', axis: 'radiative' })).toEqual([
      'projections.quad',
      'resonance.quad',
    ]);
    // Interpolated nodes: k0 and m are not linear in the rows.
    expect(quadKeys(activation(), { convention: 'photon', axis: 'eps' }, false)).toEqual([]);
    // Hypercharge mixing: the couplings are not linear in eps.
    expect(quadKeys(activation({ mixing: 'hypercharge' }), { convention: 'hypercharge', axis: 'eps' })).toEqual([]);
    setQuadraticRates(false);
    expect(quadKeys(activation(), { convention: 'photon', axis: 'eps' })).toEqual([]);
  });

  // Ratios agree to 1e-9 relative plus 1e-9 absolute: at the coupling zeros the rows' float64 dot products lose
  // ~1e-16 of the cancelling terms (the exact-arithmetic tests above), up to 1e-4 of a ratio far below 1.
  test.each(AXES)('float64 CPU, %s axis: every mask bit identical, ratios within 1e-9 (relative) + 1e-9', async (axis) => {
    const c = makeCase(axis);
    const cpu = cpuBackend(1);
    const [quad, rows] = [await evaluate(c, cpu, true), await evaluate(c, cpu, false)];
    const r = compare(c, quad, rows, { rel: 1e-9, abs: 1e-9 });
    process.stdout.write(
      `[resonanceQuadratic] cpu ${axis}: ${c.points.length} points, ${r.compared} ratios, ${r.excluded} excluded, worst ${r.worst.toExponential(2)} of the tolerance (${r.worstAt})\n`,
    );
    // The grid must put the searches on both sides of their edges.
    expect(r.excluded).toBeGreaterThan(1000);
    expect(r.excluded).toBeLessThan(r.compared / 2);
    expect(r.maskDiffs.slice(0, 10)).toEqual([]);
    expect(r.worst).toBeLessThanOrEqual(1);
  });
});

describe('profiled grids (the fit and the maps): minima, argmins and masks', () => {
  // (g-2)_mu gives a smooth chi2 and the resonance bounds penalties of 100 each: the profile over the mixing
  // axis then lands on or beside the searches' edges.
  const active = [
    ...activation(),
    ...activateConstraints({ ids: ['amu'], dataDirs: { coherent: null, darkcast: null }, mixing: 'photon' }).active,
  ];
  const objective = new Set(active.map((a) => a.def.id));
  const gx = Float64Array.from({ length: 25 }, (_, i) => 10 ** (-8 + (i * Math.log10(0.5 / 1e-8)) / 24));
  const axes = {
    k: Float64Array.from([-1e3, -30, -10, -3, -1, -1 / 3, -1e-3, 0, 1e-3, 1 / 3, 0.5, 1, 2, 3, 7, 10, 30, 1e3]),
    eps: Float64Array.from([-3e-2, -1e-3, -1e-4, -1e-5, -1e-6, -1e-8, 0, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 3e-2]),
  };

  async function cells(axis: 'eps' | 'k', quadratic: boolean) {
    const previous = setQuadraticRates(quadratic);
    try {
      const session = await openKernel(
        {
          constraints: active,
          objective,
          models: MODELS,
          mode: { kind: 'grid', mx: Float64Array.from(MASSES), gx, mix: axes[axis], profile: true, prune: true },
          mixing: { convention: 'photon', axis },
        },
        cpuBackend(1),
      );
      const out = await session.run(0, session.cells);
      const ids = resonanceIds(active);
      const result = Array.from({ length: session.cells }, (_, c) => ({
        chi2: out.chi2(c),
        argmin: out.argmin(c),
        excluded: ids.filter((id) => out.excluded(c, id)).join(' '),
      }));
      session.dispose();
      return result;
    } finally {
      setQuadraticRates(previous);
    }
  }

  test.each(['eps', 'k'] as const)('%s axis: bit-identical on the float64 CPU', async (axis) => {
    const [quad, rows] = [await cells(axis, true), await cells(axis, false)];
    // Resonance penalties decide some minima (else the comparison tests nothing).
    expect(rows.filter((c) => c.excluded !== '').length).toBeGreaterThan(100);
    expect(quad).toEqual(rows);
  });
});

// float32 against the float64 rows at the same (float32-rounded) couplings. Where a coupling nearly cancels,
// the zero itself is only known to float32 precision (k0 in the table, x_f + k Q_f in the rows), so ratios
// carry errors of ~1e-7 |k| / |k - k0| (relative) there; masks may differ only within 1e-3 of the threshold.
describe.skipIf(!hasGpu)('quadratic forms on WebGPU (float32)', () => {
  test.each(AXES)('%s axis: masks as the float64 rows off the threshold; ratios as close as the float32 rows', async (axis) => {
    const c = makeCase(axis, true);
    const gpu = await webgpuBackend();
    const reference = await evaluate(c, cpuBackend(1), false);
    const tol = { rel: 1e-3, abs: 1e-6 };
    const quad = compare(c, await evaluate(c, gpu, true), reference, tol, 1e-3);
    const rows = compare(c, await evaluate(c, gpu, false), reference, tol, 1e-3);
    process.stdout.write(
      `[resonanceQuadratic] webgpu ${axis}: forms worst ${quad.worst.toExponential(2)} of the tolerance (${quad.worstAt}), ${quad.maskDiffs.length} mask differences; rows worst ${rows.worst.toExponential(2)} (${rows.worstAt}), ${rows.maskDiffs.length} mask differences\n`,
    );
    expect(quad.maskDiffs.slice(0, 10)).toEqual([]);
    // Where both exceed the tolerance the error is the shared float32 input (eps_hat e against g_X x_e on an eps
    // axis): allow the forms 1% more of it than the rows.
    expect(quad.worst).toBeLessThanOrEqual(Math.max(1, 1.01 * rows.worst));
  });
});
