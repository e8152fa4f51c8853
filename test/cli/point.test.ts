// `u1x point`: the stable JSON shape and the readable table.
import { describe, expect, it } from 'vitest';
import { CONSTRAINTS } from '../../src/constraints/registry.js';
import { runCli } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';

const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];
/** The default set with the v1.2 DarkCast data: no projections, and no 2023 limits (their files are absent). */
const DEFAULT_SET = CONSTRAINTS.filter(
  (c) => c.role !== 'projection' && (c.inDefaultSet?.({ coherent: COHERENT_DIR, darkcast: DARKCAST_DIR }) ?? true),
);

describe('u1x point', () => {
  it('prints every constraint of the default set as JSON with the documented shape', async () => {
    const r = await runCli(['point', '--model', 'Lmu-Ltau', '--mx', '0.2', '--gx', '1e-3', '--eps', '0', '--json', ...DATA]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model.name).toBe('Lmu-Ltau');
    expect(out.point).toMatchObject({ mx: 0.2, gx: 1e-3, eps: 0 });
    const ids = Object.keys(out.constraints).concat(Object.keys(out.skipped));
    for (const c of DEFAULT_SET) expect(ids).toContain(c.id);
    expect(ids.filter((id) => !DEFAULT_SET.some((c) => c.id === id))).toEqual([]);
    for (const v of Object.values(out.constraints) as { chi2: number; excluded: boolean; observables: object }[]) {
      expect(typeof v.chi2).toBe('number');
      expect(typeof v.excluded).toBe('boolean');
      expect(typeof v.observables).toBe('object');
    }
    // Delta a_mu at (0.2 GeV, 1e-3): L_mu-L_tau with q_V = 1, between the 10 MeV and 210 MeV rows of VALIDATION §4
    expect(out.constraints.amu.observables.delta_amu).toBeGreaterThan(100);
    expect(out.constraints.amu.observables.delta_amu).toBeLessThan(133);
    expect(out.constraints.amu.excluded).toBe(true);
    expect(typeof out.chi2_total).toBe('number');
  });

  it('agrees between the CPU reference and WebGPU backends within float32 precision', async () => {
    const args = ['point', '--model', 'B-3Lmu', '--mx', '0.2', '--gx', '3e-4', '--eps', '1e-5', '--json', ...DATA];
    const cpu = JSON.parse((await runCli([...args, '--backend', 'cpu'])).stdout);
    const gpuRun = await runCli([...args, '--backend', 'webgpu']);
    expect(gpuRun.code, gpuRun.stderr).toBe(0);
    const gpu = JSON.parse(gpuRun.stdout);
    for (const [id, v] of Object.entries(cpu.constraints) as [string, { chi2: number }][]) {
      expect(Math.abs(gpu.constraints[id].chi2 - v.chi2), id).toBeLessThanOrEqual(Math.max(1e-3, 1e-4 * Math.abs(v.chi2)));
    }
  });

  it('prints a readable table with the total', async () => {
    const r = await runCli(['point', '--model', 'Lmu-Ltau', '--mx', '0.2', '--gx', '1e-3', ...DATA]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^model Lmu-Ltau/);
    expect(r.stdout).toMatch(/total chi2 = /);
    for (const c of DEFAULT_SET) expect(r.stdout).toContain(c.id);
  });
});
