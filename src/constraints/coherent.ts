// COHERENT CsI 2017 (SPEC §4.6). With the collaboration's data release in the user's data directory: the
// full 12 timing x 12 energy-bin Poisson likelihood with its three normalisation nuisances, minimised per
// grid point inside the kernel. Without it: the rate-only fallback of SPEC §4.6.4, labelled as such.
//
// Per point the kernel forms the nuclear X charges c_{n,g} = y_nu^g (Z_n y_p + N_n y_n), the 144 bin
// signals from per-mass tables (physics/coherent/tables.ts, the 9-coefficient 'nucleus' basis, which keeps
// float32 accurate near the CsI-neutral line), then runs the Newton iteration of
// physics/coherent/kernelScheme.ts (its comment says why this scheme) and returns
// Delta chi2 = TS(model) - TS(SM) accumulated against the SM best fit (SPEC §4.6.3 "Float32").

import * as ir from '../ir/build.js';
import type { B, F, U } from '../ir/expr.js';
import { loadCoherentData } from '../io/coherentData.js';
import {
  buildCoherentExperiment,
  buildCoherentTables,
  buildFallbackSetup,
  buildFallbackTables,
  coherentConstants,
  FALLBACK_COEFS_PER_MASS,
  GPU_SCHEME,
  kernelConstants,
  NUCLEUS_COEF,
  NUCLEUS_STRIDE,
  type CoherentExperiment,
  type FallbackSetup,
} from '../physics/coherent/index.js';
import type { Couplings } from './couplings.js';
import { defineConstraint, type ConstraintInstance, type EvalContext, type TableSpec } from './define.js';
import { recoilMixing } from './radiative.js';

const { N_BINS, NUCLEI } = coherentConstants;

/** Per-bin constants in the static table, [bin][field]. */
const BIN = { smSignal: 0, neutron: 1, steady: 2, observed: 3, smPrediction: 4, smResidual: 5 } as const;
const BIN_FIELDS = 6;

/** Published 2017 rate result for the fallback: N_obs = 134 +- 22, N_SM = 173 with 27.75 % normalisation (SPEC §4.6.4). */
const FALLBACK = { nObs: 134, sigmaObs: 22, nSM: 173, sigmaNorm: 0.2775 };

/** The mixing convention, or radiative mixing (photon convention with k_rad(q²) in the tables). */
type Convention = 'photon' | 'hypercharge' | 'radiative';

/**
 * Per-mass coefficient table, or under radiative mixing a per-(model, mass) one whose recoil nodes carry
 * k_rad(-2 M T) of that model (SPEC §4.15: COHERENT's k belongs inside the recoil integral).
 */
function coefficientTable(
  columns: number,
  convention: Convention,
  build: (masses: Float64Array, weight?: (twoMT: number) => number) => Float64Array,
): TableSpec {
  if (convention !== 'radiative') return { kind: 'mass', columns, build: (masses) => build(masses) };
  return { kind: 'modelMass', columns, build: (model, masses) => build(masses, recoilMixing(model)) };
}

const RADIATIVE_NOTE = 'radiative mixing: k_rad(-2 M T) at every recoil node of the coefficient tables (SPEC §4.15)';

/**
 * y_nu-independent part of the nuclear charge, Z y_p + N y_n. In the photon convention it is formed as
 * g Z (k + (pV + (N/Z) nV)): the bracket of per-model numbers is rounded once and adding k is exact near
 * the CsI-neutral line k ~ -(pV + (N/Z) nV), where COHERENT nearly vanishes (SPEC §4.6.4, §6.2).
 */
function nuclearCharge(c: Couplings, convention: Convention, Z: number, N: number): F {
  // Radiative mixing (SPEC §4.15): models without quark charges, so Z y_p + N y_n = g_X Z k_rad(-2 M T), and
  // k_rad(-2 M T) is a recoil weight inside the tables (radiativeTable): the kernel's charge is g_X Z.
  if (convention === 'radiative') return ir.mul(c.gx, Z);
  if (convention === 'hypercharge') return ir.add(ir.mul(c.proton, Z), ir.mul(c.neutron, N));
  const perModel = ir.add(c.charge('pV'), ir.mul(c.charge('nV'), N / Z));
  return ir.mul(ir.mul(c.gx, Z), ir.add(c.k, perModel));
}

/** c_{n,g} for g = e, mu and n = Cs, I, in the order of the table's (lin, quad) pairs. */
function nuclearCouplings(c: Couplings, convention: Convention): F[] {
  const charges = NUCLEI.map((n) => nuclearCharge(c, convention, n.Z, n.N));
  return [c.neutrino('e'), c.neutrino('mu')].flatMap((ynu) => charges.map((q) => ir.mul(ynu, q)));
}

/** ln(whole/base) for whole = base + delta without log1p (kernelScheme.ts logRatioK). */
function logRatio(delta: F, base: F, whole: F): F {
  const x = ir.div(delta, base);
  const s = ir.div(x, ir.add(x, 2));
  const s2 = ir.sq(s);
  let poly: F = ir.num(1 / 15);
  for (const c of [1 / 13, 1 / 11, 1 / 9, 1 / 7, 1 / 5, 1 / 3, 1]) poly = ir.add(ir.mul(poly, s2), c);
  return ir.select(ir.lt(ir.abs(x), 0.25), ir.mul(ir.mul(s, 2), poly), ir.log(ir.div(whole, base)));
}

function fullInstance(
  exp: CoherentExperiment,
  dataDir: string,
  convention: Convention,
  response: string,
  clamp: boolean,
): ConstraintInstance {
  const k = kernelConstants(exp);
  const bins = new Float64Array(N_BINS * BIN_FIELDS);
  for (let b = 0; b < N_BINS; b++) {
    bins.set([k.smSignal[b], k.neutron[b], k.steady[b], k.observed[b], k.smPrediction[b], k.smResidual[b]], b * BIN_FIELDS);
  }
  const scheme = GPU_SCHEME;
  return {
    variant: `full 144-bin likelihood (${response} response)`,
    usesData: ['coherent'],
    notes: [
      `COHERENT CsI 2017 data release read from ${dataDir}`,
      clamp
        ? 'Delta chi2 = max(TS(model) - TS(SM), 0): clamped at 0 on request (option clamp; SPEC §5.1 does not clamp); observable delta_chi2 keeps the unclamped value'
        : 'Delta chi2 = TS(model) - TS(SM), not clamped (SPEC §5.1); it goes down to about -0.54 where the data prefer ~11 % less signal (option clamp=true removes that reward)',
      ...(convention === 'radiative' ? [RADIATIVE_NOTE] : []),
    ],
    tables: {
      coef: coefficientTable(N_BINS * NUCLEUS_STRIDE, convention, (masses, w) => buildCoherentTables(exp, masses, 'nucleus', w).coef),
      bins: { kind: 'static', data: bins },
    },
    observableUnits: { alpha: 'signal normalisation - 1', signal_ratio: 'sum S / sum S_SM' },
    evaluate(ctx: EvalContext) {
      const cx = nuclearCouplings(ctx.c, convention);
      const binValue = (b: U, field: number) => ctx.staticTable('bins', ir.add(ir.mul(b, BIN_FIELDS), field));
      // Signal change in bin b: sum over (g, n) of c (lin + quad c), NUCLEUS_COEF order after S^SM.
      const signalChange = (b: U): F =>
        ir.sum(
          ...cx.map((c, j) => {
            const col = (o: number) => ir.add(ir.mul(b, NUCLEUS_STRIDE), NUCLEUS_COEF.linCsE + 2 * j + o);
            return ir.mul(c, ir.add(ctx.table('coef', col(0)), ir.mul(ctx.table('coef', col(1)), c)));
          }),
        );
      // The signal changes depend on the point only: tabulated once per evaluation, then read by the rescale
      // sum and every Newton pass (each would otherwise re-read 8 coefficients per bin; the values read back
      // are the values computed, so results are unchanged bit for bit).
      const signalAt = ir.tabulate(N_BINS, signalChange, 'COHERENT signal change per bin');
      const n0 = k.n0;
      const inv = k.invSigma2;

      /** One pass over the bins at normalisations n: half-gradient, packed half-Hessian, optionally half chi2 difference. */
      const passOverBins = (n: F[], withValue: boolean) => {
        const d0 = n.map((x, i) => ir.sub(x, n0[i]));
        const init = Array.from({ length: withValue ? 10 : 9 }, () => ir.num(0));
        const acc = ir.fold({ count: N_BINS, init, label: 'COHERENT bins' }, (b, st) => {
          const s = st as F[];
          const dS = signalAt(b);
          const smS = binValue(b, BIN.smSignal);
          const bn = binValue(b, BIN.neutron);
          const bss = binValue(b, BIN.steady);
          const o = binValue(b, BIN.observed);
          const p0 = binValue(b, BIN.smPrediction);
          const sig = ir.add(smS, dS);
          // P - P^SM = n_a (S - S^SM) + (n_a - n_a0) S^SM + (n_b - n_b0) Bn + (n_g - n_g0) Bss: no large cancellation.
          const d = ir.sum(ir.mul(n[0], dS), ir.mul(d0[0], smS), ir.mul(d0[1], bn), ir.mul(d0[2], bss));
          const p = ir.add(p0, d);
          const w = ir.div(ir.add(binValue(b, BIN.smResidual), d), p); // 1 - O/P
          const q = ir.div(ir.div(o, p), p); // O/P^2
          const sq = ir.mul(sig, q);
          const bnq = ir.mul(bn, q);
          const next = [
            ir.add(s[0], ir.mul(sig, w)),
            ir.add(s[1], ir.mul(bn, w)),
            ir.add(s[2], ir.mul(bss, w)),
            ir.add(s[3], ir.mul(sig, sq)),
            ir.add(s[4], ir.mul(bn, sq)),
            ir.add(s[5], ir.mul(bss, sq)),
            ir.add(s[6], ir.mul(bn, bnq)),
            ir.add(s[7], ir.mul(bss, bnq)),
            ir.add(s[8], ir.mul(bss, ir.mul(bss, q))),
          ];
          if (withValue) next.push(ir.add(s[9], ir.sub(d, ir.mul(o, logRatio(d, p0, p)))));
          return next;
        }) as F[];
        // Pulls (x - ln(1 + x))/sigma^2 per normalisation n = 1 + x (SPEC §4.6.2).
        const g = [0, 1, 2].map((x) => ir.add(acc[x], ir.mul(inv[x], ir.sub(1, ir.div(1, n[x])))));
        const h = acc.slice(3, 9);
        const diag = [0, 3, 5];
        diag.forEach((idx, x) => (h[idx] = ir.add(h[idx], ir.div(inv[x], ir.sq(n[x])))));
        let half: F | null = null;
        if (withValue) {
          half = ir.sum(acc[9], ...[0, 1, 2].map((x) => ir.mul(inv[x], ir.sub(d0[x], logRatio(d0[x], ir.num(n0[x]), n[x])))));
        }
        return { g, h, half };
      };

      /** Newton step -H^-1 g with the Hessian scaled to unit diagonal (kernelScheme.ts newtonStepScaled). */
      const newtonStep = (h: F[], g: F[]): F[] => {
        const sa = ir.div(1, ir.sqrt(h[0]));
        const sb = ir.div(1, ir.sqrt(h[3]));
        const sgm = ir.div(1, ir.sqrt(h[5]));
        const ab = ir.mul(ir.mul(h[1], sa), sb);
        const ag = ir.mul(ir.mul(h[2], sa), sgm);
        const bg = ir.mul(ir.mul(h[4], sb), sgm);
        const [ga, gb, gg] = [ir.mul(g[0], sa), ir.mul(g[1], sb), ir.mul(g[2], sgm)];
        const caa = ir.sub(1, ir.sq(bg));
        const cab = ir.sub(ir.mul(ag, bg), ab);
        const cag = ir.sub(ir.mul(ab, bg), ag);
        const cbb = ir.sub(1, ir.sq(ag));
        const cbg = ir.sub(ir.mul(ab, ag), bg);
        const cgg = ir.sub(1, ir.sq(ab));
        const det = ir.sum(caa, ir.mul(ab, cab), ir.mul(ag, cag));
        const solve = (c1: F, c2: F, c3: F) => ir.neg(ir.div(ir.sum(ir.mul(c1, ga), ir.mul(c2, gb), ir.mul(c3, gg)), det));
        return [ir.mul(solve(caa, cab, cag), sa), ir.mul(solve(cab, cbb, cbg), sb), ir.mul(solve(cag, cbg, cgg), sgm)];
      };

      // Total signal change, for the rescaled start of large signals (one pass, outside the Newton loop).
      const totalChange = ir.sumOver(N_BINS, signalAt, 'COHERENT signal total');
      const ratio = ir.div(ir.add(k.smSignalTotal, totalChange), k.smSignalTotal);
      const eta = scheme.boundaryFraction;
      const tol = scheme.stepTolerance;
      const [na, nb, ng] = ir.fold(
        { count: scheme.maxIterations, init: [ir.num(n0[0]), ir.num(n0[1]), ir.num(n0[2]), ir.bool(false)], label: 'COHERENT Newton' },
        (it, st) => {
          const n = st.slice(0, 3) as F[];
          const { g, h } = passOverBins(n, false);
          const s = newtonStep(h, g);
          // Largest t <= 1 with n + t s >= (1 - eta) n in every component (fraction to the boundary).
          let t: F = ir.num(1);
          for (let x = 0; x < 3; x++) t = ir.select(ir.lt(s[x], 0), ir.min(t, ir.div(ir.mul(n[x], eta), ir.neg(s[x]))), t);
          const steps = s.map((sx) => ir.mul(t, sx));
          const small = ir.all(...steps.map((dx, x) => ir.lt(ir.abs(dx), ir.mul(n[x], tol))));
          const newton = n.map((x, i) => ir.add(x, steps[i]));
          // First iteration of a signal far above the SM: jump to the normalisation that keeps the total.
          const jump = ir.and(ir.eq(it, 0), ir.gt(ratio, scheme.rescaleAbove ?? Infinity));
          const next = [
            ir.select(jump, ir.div(n0[0], ratio), newton[0]),
            ir.select(jump, n[1], newton[1]),
            ir.select(jump, n[2], newton[2]),
          ];
          const converged = ir.and(ir.not(jump), small);
          return [...next, converged];
        },
        ([, , , conv]) => conv as B,
      ) as F[];
      const final = passOverBins([na, nb, ng], true);
      const deltaChi2 = ir.mul(final.half!, 2);
      return {
        // The clamp is part of the IR, so the kernels, the float64 reference and the fit's refinement all
        // see the same term; heavy.lowerBound (-2) stays a valid lower bound, so pruning stays exact.
        chi2: clamp ? ir.max(deltaChi2, 0) : deltaChi2,
        observables: { delta_chi2: deltaChi2, alpha: ir.sub(na, 1), signal_ratio: ratio },
      };
    },
  };
}

function fallbackInstance(setup: FallbackSetup, convention: Convention, why: string): ConstraintInstance {
  const chi2Of = (r: F) =>
    ir.div(
      ir.sq(ir.sub(FALLBACK.nObs, ir.mul(r, FALLBACK.nSM))),
      ir.add(FALLBACK.sigmaObs ** 2, ir.sq(ir.mul(r, FALLBACK.sigmaNorm * FALLBACK.nSM))),
    );
  const chi2AtSM = (FALLBACK.nObs - FALLBACK.nSM) ** 2 / (FALLBACK.sigmaObs ** 2 + (FALLBACK.sigmaNorm * FALLBACK.nSM) ** 2);
  return {
    variant: 'rate-only fallback (provisional)',
    notes: [
      `no COHERENT data release (${why}): rate-only likelihood of SPEC §4.6.4, much weaker than the full 144-bin method; verdicts that depend on it are provisional`,
      'Delta chi2 clamped at 0 from below (SPEC §4.6.4)',
      ...(convention === 'radiative' ? [RADIATIVE_NOTE] : []),
    ],
    tables: { rates: coefficientTable(FALLBACK_COEFS_PER_MASS, convention, (masses, w) => buildFallbackTables(setup, masses, w)) },
    observableUnits: { R_COH: 'rate / SM rate' },
    evaluate(ctx: EvalContext) {
      const c = ctx.c;
      const charges = NUCLEI.map((n) => nuclearCharge(c, convention, n.Z, n.N));
      // Flux components in FLUX_* order: prompt nu_mu, delayed nu_e, delayed anti-nu_mu.
      const ynu = [c.neutrino('mu'), c.neutrino('e'), c.neutrino('mu')];
      const np = ir.sum(
        ...setup.nuclei.flatMap((nuc, ni) =>
          ynu.map((y, a) => {
            const cx = ir.mul(y, charges[ni]);
            const at = (ni * 3 + a) * 3;
            return ir.mul(cx, ir.add(ir.mul(ctx.table('rates', at + 1), 2 * nuc.qSM), ir.mul(ctx.table('rates', at + 2), cx)));
          }),
        ),
      );
      const R = ir.add(1, ir.div(np, setup.smRate));
      return { chi2: ir.max(ir.sub(chi2Of(R), chi2AtSM), 0), observables: { R_COH: R } };
    },
  };
}

export default defineConstraint({
  id: 'coherent',
  title: 'COHERENT CsI 2017',
  kind: 'chi2',
  inGlobalFit: true,
  reference: 'arXiv:1708.01294, arXiv:1804.09459 (data), arXiv:2008.06062 (likelihood); arXiv:2203.13731 App. B',
  // Delta chi2 can be slightly negative (the data prefer ~11 % less signal; SPEC §4.6.2 quotes -0.54 at most).
  heavy: { lowerBound: -2 },
  options: {
    variant: { describe: 'auto (full when data are found), full, or fallback', default: 'auto', values: ['auto', 'full', 'fallback'] },
    response: {
      describe: "detector-response time assignment: the reference code's 'faithful' quirk or the 'intended' map",
      default: 'faithful',
      values: ['faithful', 'intended'],
    },
    form_factor: { describe: 'fallback nuclear form factor', default: 'klein-nystrand', values: ['klein-nystrand', 'helm'] },
    clamp: {
      describe:
        "clamp the full likelihood's Delta chi2 at 0 from below (no reward for the downward fluctuation; `fit --clamp coherent`). The fallback is always clamped (SPEC §4.6.4)",
      default: false,
    },
  },
  mixingMomentum: 'recoil',
  setup(env) {
    const convention: Convention = env.radiative ? 'radiative' : env.mixing;
    const variant = env.option<string>('variant');
    const dir = env.dataDirs.coherent;
    if (variant !== 'fallback' && dir) {
      const data = loadCoherentData(dir);
      const response = env.option<string>('response') as 'faithful' | 'intended';
      return fullInstance(
        buildCoherentExperiment(data, { timeAssignment: response }),
        dir,
        convention,
        response,
        env.option<boolean>('clamp'),
      );
    }
    if (variant === 'full')
      return {
        skip: 'variant full requested but no COHERENT data directory (switched off with --coherent-data none / U1X_COHERENT_DATA=none, or the bundled copy is missing)',
      };
    const setup = buildFallbackSetup({ formFactor: env.option<string>('form_factor') as 'klein-nystrand' | 'helm' });
    return fallbackInstance(
      setup,
      convention,
      variant === 'fallback' ? 'fallback requested' : 'no COHERENT data directory (--coherent-data none, or the bundled copy is missing)',
    );
  },
});
