// Issue 12, item 7: `u1x point --model Lmu-Ltau --mx 0.1 --gx 1e-3 --k 1e20 --backend webgpu --json`
// gave chi2_total -1e6 with Borexino and COHERENT "allowed" and null observables. k = 1e20 is now
// outside the supported range (|k| <= 1e3, physics/inputRanges.ts); inside the range, a non-finite chi2
// is excluded and counted, and the JSON carries no null for a number, on both backends.
import { describe, expect, it } from 'vitest';
import { runCli, userLines } from '../helpers/cli.js';
import { hasGpu } from '../helpers/gpu.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';

const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];
const ISSUE_COMMAND = ['point', '--model', 'Lmu-Ltau', '--mx', '0.1', '--gx', '1e-3', '--k', '1e20', '--json', ...DATA];
// A corner inside every supported range where the couplings are extreme: (g_X x / m_X)^2 =
// (12 * 1000 / 1e-6 GeV)^2 = 1.4e20 GeV^-2 enters the neutrino-scattering rates squared: some chi2
// terms leave the float32 range (3.4e38), which both backends count as non-finite.
const CORNER = ['point', '--model', 'v:0:0:1000:-1000', '--mx', '1e-6', '--gx', '12', '--k', '1000', '--json', ...DATA];

interface PointJson {
  chi2_total: number;
  nonfinite: number;
  point: Record<string, number>;
  constraints: Record<
    string,
    { chi2: number; excluded: boolean; nonfinite: boolean; observables: Record<string, number>; nonfinite_observables: string[] }
  >;
}

/** Paths of every null in a JSON value whose key is not one of the documented string-or-null fields. */
function numericNulls(v: unknown, path = ''): string[] {
  if (v === null) return /\.(not_applicable|variant|dataset|c)$/.test(path) ? [] : [path];
  if (typeof v !== 'object') return [];
  return Object.entries(v as object).flatMap(([k, x]) => numericNulls(x, `${path}.${k}`));
}

function checkNonfinite(out: PointJson) {
  expect(numericNulls(out)).toEqual([]);
  expect(out.nonfinite).toBeGreaterThan(0);
  const flagged = Object.entries(out.constraints).filter(([, c]) => c.nonfinite);
  expect(flagged).toHaveLength(out.nonfinite);
  for (const [id, c] of flagged) expect(c.excluded, id).toBe(true);
  for (const c of Object.values(out.constraints)) {
    expect(typeof c.chi2).toBe('number');
    for (const x of Object.values(c.observables)) expect(Number.isFinite(x)).toBe(true);
    for (const name of c.nonfinite_observables) expect(c.observables).not.toHaveProperty(name);
  }
  // A non-finite term is never allowed, nor does it lower the total (it was -1e6 on WebGPU).
  expect(out.chi2_total).toBeGreaterThan(1e30);
}

async function pointJson(args: string[]): Promise<PointJson> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PointJson;
}

describe('non-finite chi2 at a point', () => {
  for (const backend of ['cpu', 'webgpu']) {
    it(`refuses the issue's k = 1e20 on ${backend} with one line and exit 2`, async () => {
      const r = await runCli([...ISSUE_COMMAND, '--backend', backend]);
      expect(r.code).toBe(2);
      expect(userLines(r.stderr)).toEqual(['u1x: --k: k = 1e+20 is outside the supported range |k| <= 1000']);
      expect(r.stdout).toBe('');
    });
  }

  it('counts a non-finite chi2 as excluded, with no null in the JSON (CPU)', async () => {
    checkNonfinite(await pointJson([...CORNER, '--backend', 'cpu']));
  });

  it('prints non-finite terms as such in the table (CPU)', async () => {
    const r = await runCli(CORNER.filter((a) => a !== '--json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/non-finite\s+EXCLUDED/);
    expect(r.stdout).toMatch(/constraint\(s\) had a non-finite chi2/);
  });

  it.skipIf(!hasGpu)('counts a non-finite chi2 as excluded on WebGPU, agreeing with the CPU on every verdict', async () => {
    const [cpu, gpu] = [await pointJson([...CORNER, '--backend', 'cpu']), await pointJson([...CORNER, '--backend', 'webgpu'])];
    checkNonfinite(gpu);
    // float32 overflows in more places than the float64 path (which applies the float32-range test to
    // final values only), but every verdict agrees: non-finite on either side is excluded on both.
    for (const id of Object.keys(cpu.constraints)) expect(gpu.constraints[id].excluded, id).toBe(cpu.constraints[id].excluded);
    for (const id of Object.keys(cpu.constraints)) if (cpu.constraints[id].nonfinite) expect(gpu.constraints[id].nonfinite, id).toBe(true);
  });
});
