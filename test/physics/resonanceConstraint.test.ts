// The in-kernel resonance bounds (constraints/resonance.ts, IR -> float64 JavaScript) against the float64
// recast machinery (physics/darkcast), which test/physics/darkcast*.test.ts pins to DarkCast's shipped
// recasts: same N_X/N_limit at every point, and the recast curve's band edges are where the kernel's
// verdict flips. The DarkCast 2023 set is read (its limits/ hold the v1.2 files byte-identical, plus the 2023
// limits), so the 2023 limits and the projections (same code path, role 'projection') are checked too.
import { describe, expect, it } from 'vitest';
import { PROJECTION_CONSTRAINTS, RESONANCE_CONSTRAINTS } from '../../src/constraints/resonance.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import {
  buildRecastTables,
  couplingsFromRecord,
  darkPhotonCouplings,
  findLimit,
  recastCurve,
  recastExcludes,
  recastModelFromRecord,
  combineCouplings,
  E_DC,
} from '../../src/physics/darkcast/index.js';
import { E_CHARGE } from '../../src/physics/constants.js';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { DARKCAST_2023_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const dir = DarkcastDirectory.open(requireShared(DARKCAST_2023_DIR));
const DATA = { darkcastDir: DARKCAST_2023_DIR };
/** Projections: checked for two models (they share the limits' code path, which the other three exercise). */
const PROJECTION_MODELS = new Set(['B-L', 'Lmu-Ltau']);
const MODELS = [
  vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 }),
  vectorModel('B-L', { B: 1, e: -1, mu: -1, tau: -1 }),
  vectorModel('Le-Lmu', { B: 0, e: 1, mu: -1, tau: 0 }),
  vectorModel('B-3Le', { B: 1, e: -3, mu: 0, tau: 0 }),
  vectorModel('dark-photon', { B: 0, e: 0, mu: 0, tau: 0 }),
];

/** The kernel's eps is the physical eps; the recast machinery adds eps_hat e Q through withKineticMixing. */
function physicalCouplings(model: (typeof MODELS)[number], gx: number, eps: number) {
  const epsHat = eps / Math.sqrt(1 - eps * eps);
  // darkPhotonCouplings uses DarkCast's e, the kernel E_CHARGE (4e-7 apart): rescale to the kernel's.
  return combineCouplings(gx, couplingsFromRecord(model.record), epsHat * (E_CHARGE / E_DC), darkPhotonCouplings(1));
}

describe('resonance bounds in the kernel', () => {
  it('registers one bound per recastable limit, with the global-fit pair of SPEC §5.1', () => {
    expect(RESONANCE_CONSTRAINTS.length).toBeGreaterThanOrEqual(40);
    expect(
      RESONANCE_CONSTRAINTS.filter((c) => c.inGlobalFit)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['babar_2014_visible', 'na64_2019_invisible']);
    expect(RESONANCE_CONSTRAINTS.some((c) => c.id.startsWith('amm_'))).toBe(false);
  });

  it('gives the same N_X/N_limit as the float64 recast at table masses (limits, 2023 limits, projections)', async () => {
    for (const def of [...RESONANCE_CONSTRAINTS, ...PROJECTION_CONSTRAINTS]) {
      const entry = findLimit(def.id)!;
      const stems = dir.limitTable(entry.stem, entry.folder);
      const masses = Float64Array.from(
        stems.masses.filter((_, i) => i % Math.max(1, Math.floor(stems.masses.length / 6)) === 0).filter((m) => m > 1e-3),
      );
      if (masses.length === 0) continue;
      const tables = buildRecastTables(entry, masses, dir, { convention: 'u1x' });
      for (const model of MODELS.filter((m) => def.role !== 'projection' || PROJECTION_MODELS.has(m.name))) {
        const pts = [...masses].flatMap((mx) => [1e-5, 1e-4, 1e-3].flatMap((gx) => [0, 3e-5, -2e-4].map((eps) => ({ mx, gx, eps }))));
        const res = await evaluateF64([def.id], model, pts, { data: true, ...DATA });
        res.forEach((r, k) => {
          const p = pts[k];
          const i = [...masses].indexOf(p.mx);
          const ref = recastExcludes(tables, i, physicalCouplings(model, p.gx, p.eps));
          const got = r.constraints[def.id].observables.ratio;
          expect(Math.abs(got - ref.ratio), `${def.id} ${model.name} ${JSON.stringify(p)}: ${got} vs ${ref.ratio}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, ref.ratio) + 1e-300,
          );
          expect(r.constraints[def.id].excluded).toBe(ref.excluded);
          // A projection never costs anything, even where it would exclude.
          if (def.role === 'projection') expect(r.constraints[def.id].chi2).toBe(0);
        });
      }
    }
  });

  it('evaluates all limits and projections together (one loop per group) exactly as each alone', async () => {
    const ids = [...RESONANCE_CONSTRAINTS, ...PROJECTION_CONSTRAINTS].map((c) => c.id);
    const masses = Float64Array.from([0.003, 0.012, 0.05, 0.15, 0.4, 0.9, 2.5, 7, 20]);
    const tables = ids.map((id) => buildRecastTables(findLimit(id)!, masses, dir, { convention: 'u1x' }));
    for (const model of MODELS) {
      const pts = [...masses].flatMap((mx) => [3e-5, 3e-4, 3e-3].flatMap((gx) => [0, 1e-4].map((eps) => ({ mx, gx, eps }))));
      const res = await evaluateF64(ids, model, pts, DATA);
      res.forEach((r, k) => {
        const p = pts[k];
        const i = [...masses].indexOf(p.mx);
        ids.forEach((id, j) => {
          const ref = recastExcludes(tables[j], i, physicalCouplings(model, p.gx, p.eps));
          const got = r.constraints[id].observables.ratio;
          expect(Math.abs(got - ref.ratio), `${id} ${model.name} ${JSON.stringify(p)}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, ref.ratio) + 1e-300,
          );
        });
      });
    }
  });

  it('flips its verdict at the recast curve edges (BaBar 2014, NA64 2019 invisible and visible, E137, LHCb prompt)', async () => {
    for (const id of ['babar_2014_visible', 'na64_2019_invisible', 'na64_2019_visible', 'e137_2012_visible', 'lhcb_2019_prompt']) {
      const entry = findLimit(id)!;
      const stems = dir.limitTable(entry.stem);
      const masses = Float64Array.from(stems.masses.filter((_, i) => i % Math.max(1, Math.floor(stems.masses.length / 8)) === 3));
      const tables = buildRecastTables(entry, masses, dir, { convention: 'u1x' });
      const model = MODELS[1]; // B-L: couples to electrons and quarks, visible everywhere
      const curve = recastCurve(tables, recastModelFromRecord(model.name, model.record));
      const pts: { mx: number; gx: number; eps: number; inside: boolean }[] = [];
      for (const c of curve) {
        for (const { from: lo, to: hi } of c.bands) {
          if (lo > 0) pts.push({ mx: c.mx, gx: lo * 1.01, eps: 0, inside: true }, { mx: c.mx, gx: lo * 0.99, eps: 0, inside: false });
          if (hi !== null && Number.isFinite(hi))
            pts.push({ mx: c.mx, gx: hi * 0.99, eps: 0, inside: true }, { mx: c.mx, gx: hi * 1.01, eps: 0, inside: false });
        }
      }
      expect(pts.length, id).toBeGreaterThan(0);
      const res = await evaluateF64(
        [id],
        model,
        pts.map(({ mx, gx, eps }) => ({ mx, gx, eps })),
        DATA,
      );
      res.forEach((r, k) => expect(r.constraints[id].excluded, `${id} ${JSON.stringify(pts[k])}`).toBe(pts[k].inside));
      // SPEC §5.1 / VALIDATION §15: an excluded point costs exactly 100 in Delta chi2, an allowed one 0.
      res.forEach((r, k) => expect(r.constraints[id].chi2, `${id} ${JSON.stringify(pts[k])}`).toBe(pts[k].inside ? 100 : 0));
    }
  });

  it('is skipped, with the reason, without a DarkCast directory', async () => {
    const { activateConstraints } = await import('../../src/constraints/activate.js');
    const { skipped } = activateConstraints({
      ids: RESONANCE_CONSTRAINTS.map((c) => c.id),
      dataDirs: { coherent: null, darkcast: null },
      mixing: 'photon',
    });
    expect(skipped).toHaveLength(RESONANCE_CONSTRAINTS.length);
    expect(skipped[0].reason).toMatch(/DarkCast data directory/);
  });

  it('adds the 2023 limits to the default set only with a directory that holds them', async () => {
    const { activateConstraints } = await import('../../src/constraints/activate.js');
    const ids2023 = RESONANCE_CONSTRAINTS.filter((c) => c.inDefaultSet).map((c) => c.id);
    expect(ids2023.sort()).toEqual(['faser_2023_visible', 'na62_2023_visible']);
    const run = (darkcast: string) => activateConstraints({ dataDirs: { coherent: null, darkcast }, mixing: 'photon' });
    const v12 = run(requireShared(DARKCAST_DIR));
    const d2023 = run(DARKCAST_2023_DIR);
    const seen = (r: ReturnType<typeof run>) => [...r.active, ...r.skipped].map((a) => a.def.id);
    for (const id of ids2023) {
      expect(seen(v12)).not.toContain(id);
      expect(d2023.active.map((a) => a.def.id)).toContain(id);
    }
    // Never a projection in the default set.
    expect(seen(d2023).some((id) => id.startsWith('proj_'))).toBe(false);
  });
});
