// The differential suite: every registered constraint, WebGPU (float32) vs the float64 CPU reference,
// on a million sampled points (log-uniform plus edge samplers, src/scan/verify.ts). Nothing here is
// written per constraint: a new constraint is covered by registering it.
import { describe, expect, it } from 'vitest';
import { activateConstraints } from '../../src/constraints/activate.js';
import { CONSTRAINTS } from '../../src/constraints/registry.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import { runVerify, VERIFY_TOLERANCE, type VerifyReport } from '../../src/scan/verify.js';
import { resolveModel } from '../../src/models/index.js';
import { hasGpu } from '../helpers/gpu.js';
import { COHERENT_DIR, DARKCAST_2023_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

function summary(r: VerifyReport): string {
  return r.constraints
    .map(
      (c) =>
        `${c.id}: n=${c.compared} maxErr=${c.maxScaled.toExponential(2)} maxRel=${c.maxRel.toExponential(2)} maxAbs=${c.maxAbs.toExponential(2)} excluded=${c.excluded} maskDiff=${c.maskDisagreements} nearThreshold=${c.maskFlipsNearThreshold}`,
    )
    .join('\n');
}

function expectAgreement(report: VerifyReport) {
  for (const c of report.constraints) {
    expect(c.maskDisagreements, `${c.id} mask disagreements\n${summary(report)}`).toBe(0);
    expect(c.maxScaled, `${c.id} error\n${summary(report)}`).toBeLessThanOrEqual(VERIFY_TOLERANCE.tol);
  }
}

// The DarkCast 2023 set (a superset: its limits/ hold the v1.2 files byte-identical) with every projection, so
// that the 2023 limits and the projections are compared too.
const activation = () =>
  activateConstraints({
    dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_2023_DIR) },
    mixing: 'photon',
    projections: 'all',
  });

describe.skipIf(!hasGpu)('WebGPU float32 vs float64 CPU reference', () => {
  it('covers every registered constraint (none skipped with the shared data present)', () => {
    const { active, skipped } = activation();
    expect(skipped.map((s) => `${s.def.id}: ${s.reason}`)).toEqual([]);
    expect(active.map((a) => a.def.id).sort()).toEqual(CONSTRAINTS.map((c) => c.id).sort());
  });

  it('agrees on 10^6 sampled points', async () => {
    const { active } = activation();
    const report = await runVerify({ n: 1_000_000, seed: 20261121, active, cpu: cpuBackend(), gpu: await webgpuBackend() });
    process.stdout.write(
      `differential (10^6 points, cpu ${report.seconds.cpu.toFixed(1)} s, gpu ${report.seconds.gpu.toFixed(1)} s):\n${summary(report)}\n`,
    );
    expect(report.points).toBe(1_000_000);
    for (const c of report.constraints)
      if (CONSTRAINTS.find((d) => d.id === c.id)?.kind === 'chi2') expect(c.compared, c.id).toBeGreaterThan(1000);
    // Masks are compared at every point; the sample must put each constraint on both sides of its edge.
    for (const c of report.constraints) {
      expect(c.excluded, `${c.id}: no sampled point excluded`).toBeGreaterThan(0);
      expect(c.excluded, `${c.id}: every sampled point excluded`).toBeLessThan(report.points);
    }
    expectAgreement(report);
  });

  // Radiative mixing (SPEC §4.15) reads k from per-model values and per-(model, mass) tables, and COHERENT
  // from recoil tables with k_rad(-2MT): the same comparison on the models in its scope.
  it('agrees with radiative mixing on 10^4 sampled points', async () => {
    const { active } = activateConstraints({
      dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
      mixing: 'photon',
      radiative: true,
    });
    expect(active.some((a) => a.def.id === 'mixing')).toBe(true);
    const models = ['Lmu-Ltau', 'Le-Lmu', 'Le-Ltau', 'tLmu-tau'].map((m) => resolveModel(m));
    const report = await runVerify({
      n: 10_000,
      seed: 20261202,
      active,
      cpu: cpuBackend(),
      gpu: await webgpuBackend(),
      models,
      radiative: true,
    });
    process.stdout.write(`differential, radiative (10^4 points):\n${summary(report)}\n`);
    for (const id of ['amu', 'borexino', 'coherent', 'charm2', 'texono', 'ccfr']) {
      expect(report.constraints.find((c) => c.id === id)!.compared, id).toBeGreaterThan(1000);
    }
    // Masks on both sides of the edge for the constraints that radiative mixing brings onto the map.
    for (const id of ['borexino', 'coherent', 'babar_2014_visible', 'na64_2019_invisible']) {
      const c = report.constraints.find((x) => x.id === id)!;
      expect(c.excluded, `${id}: no sampled point excluded`).toBeGreaterThan(0);
      expect(c.excluded, `${id}: every sampled point excluded`).toBeLessThan(report.points);
    }
    expectAgreement(report);
  });
});
