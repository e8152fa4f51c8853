// Issue 18: the fit's exact work reduction (computed heavy-term bounds, ceilings from the cells' light-term
// argmins, the full grid on the surviving cells only) must pick the same grid point for every model as the
// unpruned reference: the grid kernel with pruning off, reduced by the original rule (the lowest point
// strictly below the full chi2 at the model's light-term argmin, first in g_X then k on ties; else that
// argmin). The models are the differential suite's (src/scan/verify.ts) plus catalog extremes, on a grid
// that reaches its corners (g_X from 1e-6 to 1, k across the electron-charge cancellations).
import { describe, expect, it } from 'vitest';
import { activateConstraints } from '../../src/constraints/activate.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { openKernel } from '../../src/kernel/session.js';
import { resolveModel } from '../../src/models/index.js';
import { runFit } from '../../src/scan/fit.js';
import { heavyLowerBounds } from '../../src/scan/heavyBounds.js';
import { PointEvaluator } from '../../src/scan/pointEvaluator.js';
import { rng, VERIFY_MODELS } from '../../src/scan/verify.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const MX = 0.2;
const MODELS = [...VERIFY_MODELS, '3B-8Le-Ltau', '6B-9Le-9Lmu', '3B+9Le-9Lmu-9Ltau'].map((m) => resolveModel(m));
const GX = Float64Array.from({ length: 19 }, (_, i) => 10 ** (-6 + (6 * i) / 18));
const K = Float64Array.from({ length: 81 }, (_, i) => -20 + (40 * i) / 80);

function activation(clamp: boolean) {
  return activateConstraints({
    dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
    mixing: 'photon',
    options: clamp ? { coherent: { clamp: true } } : undefined,
  });
}

/** Per-cell profiled minima and argmins of `objective` (without any pruning unless asked). */
async function unprunedCells(active: ReturnType<typeof activation>['active'], objective: Set<string>, prune = false) {
  const session = await openKernel(
    {
      constraints: active.filter((a) => objective.has(a.def.id)),
      objective,
      models: MODELS,
      mode: { kind: 'grid', mx: Float64Array.of(MX), gx: GX, mix: K, profile: true, prune },
      mixing: { convention: 'photon', axis: 'k' },
    },
    cpuBackend(1),
  );
  const out = await session.run(0, session.cells);
  const cells = Array.from({ length: session.cells }, (_, c) => ({ chi2: out.chi2(c), k: K[out.argmin(c)], gx: GX[c % GX.length] }));
  session.dispose();
  return cells;
}

/** The first cell of `model` with the lowest value among those passing `keep`. */
function firstMin(cells: { chi2: number }[], model: number, keep: (v: number) => boolean) {
  let best = -1;
  for (let g = 0; g < GX.length; g++) {
    const c = model * GX.length + g;
    if (keep(cells[c].chi2) && (best < 0 || cells[c].chi2 < cells[best].chi2)) best = c;
  }
  return best;
}

describe.each([false, true])('fit grid with exact pruning (clamp coherent: %s)', (clamp) => {
  it('picks the same grid point as the unpruned reference for every model', async () => {
    const { active } = activation(clamp);
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const light = new Set([...objective].filter((id) => id !== 'coherent'));
    const fit = await runFit({ models: MODELS, mx: MX, active, objective, gx: GX, k: K, backend: cpuBackend(2) });

    const lightCells = await unprunedCells(active, light);
    const fullCells = await unprunedCells(active, objective);
    const evaluator = new PointEvaluator({
      models: MODELS,
      active,
      objective,
      mixing: { convention: 'photon', axis: 'k' },
      masses: Float64Array.of(MX),
    });
    MODELS.forEach((m, i) => {
      const l = lightCells[firstMin(lightCells, i, () => true)];
      const [ceiling] = evaluator.evaluate([{ model: i, mx: MX, gx: l.gx, eps: l.k }]);
      const c = firstMin(fullCells, i, (v) => v < ceiling.total);
      const expected = c >= 0 ? fullCells[c] : { chi2: ceiling.total, gx: l.gx, k: l.k };
      const got = fit.fits[i];
      expect({ model: m.name, chi2: got.gridChi2, gx: got.gridGx, k: got.gridK }).toEqual({ model: m.name, ...expected });
    });
  }, 120_000);
});

describe('lazily evaluated bound terms in the profile loop', () => {
  it('leave every cell minimum and argmin bit-identical (light terms alone, and with COHERENT)', async () => {
    const { active } = activation(false);
    const light = new Set(active.filter((a) => a.def.inGlobalFit && a.def.id !== 'coherent').map((a) => a.def.id));
    // The resonance bounds must be in the objective for the comparison to test anything.
    expect([...light].filter((id) => active.find((a) => a.def.id === id)!.def.kind === 'bound').length).toBeGreaterThan(0);
    const reference = await unprunedCells(active, light, false);
    const pruned = await unprunedCells(active, light, true);
    expect(pruned).toEqual(reference);
    // Some cells' minima carry a resonance penalty (the bounds decide there).
    expect(reference.some((c) => c.chi2 >= 100)).toBe(true);
    // With COHERENT (negative down to about -0.6) the bounds' skip must allow for its lower bound.
    const objective = new Set([...light, 'coherent']);
    expect(await unprunedCells(active, objective, true)).toEqual(await unprunedCells(active, objective, false));
  }, 120_000);
});

describe('computed COHERENT lower bounds', () => {
  it('lie below COHERENT at every grid point and at sampled extreme couplings', async () => {
    const { active } = activation(false);
    const heavy = new Set(['coherent']);
    const { bounds } = await heavyLowerBounds({ models: MODELS, active, heavy, masses: Float64Array.of(MX) });
    const evaluator = new PointEvaluator({
      models: MODELS,
      active,
      objective: heavy,
      mixing: { convention: 'photon', axis: 'k' },
      masses: Float64Array.of(MX),
    });
    const r = rng(18);
    const points = MODELS.flatMap((_, model) => [
      ...Array.from(GX).flatMap((gx) => Array.from(K, (k) => ({ model, mx: MX, gx, eps: k }))),
      // Strong coupling and huge |k| (up to 1e3).
      ...Array.from({ length: 200 }, () => ({
        model,
        mx: MX,
        gx: 10 ** (-4 + 4.5 * r()),
        eps: (r() < 0.5 ? -1 : 1) * 10 ** (-3 + 6 * r()),
      })),
    ]);
    const values = evaluator.evaluate(points).map((e) => e.total);
    points.forEach((p, j) => expect(values[j], `${MODELS[p.model].name} g=${p.gx} k=${p.eps}`).toBeGreaterThanOrEqual(bounds[p.model]));
    // Not vacuous: the bounds are far tighter than the model-independent -2, and some lie below -0.5 (the data
    // prefer ~11 % less signal, SPEC §4.6.2: down to about -0.54 on the benchmark lines).
    expect(Math.min(...bounds)).toBeLessThan(-0.5);
    expect(Math.min(...bounds)).toBeGreaterThan(-1.5);
  }, 120_000);
});
