// `--backend auto`'s calibration: grid points per second of the WebGPU adapter and of the float64 CPU
// reference (all cores) on two small profiled grids, the light terms of the global Delta chi2 and the
// whole global Delta chi2 (with COHERENT's 144-bin likelihood, the heavy term), with the bundled data.
// A few seconds, once per machine and u1x build (version and commit) (backends/calibrationCache.ts keeps the result).

import type { Backend } from '../backends/types.js';
import type { KernelKind, Throughput } from '../backends/calibrationCache.js';
import { activateConstraints } from '../constraints/activate.js';
import { BUNDLED_SUBDIR, bundledDataDir, type DataKind } from '../io/dataDirs.js';
import { openKernel, type KernelRequest } from '../kernel/session.js';
import { resolveModels } from '../models/resolve.js';

const MODELS = 'Lmu-Ltau,B-3Lmu,dark-photon,tLmu-tau';
const logAxis = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
const linAxis = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
/**
 * 4 benchmark models x m_X (5 MeV-1 GeV) x g_X (1e-5-1e-2) x eps (+-2e-3) per pass, sized so that one pass is
 * tens of milliseconds on two cores, far above a dispatch's fixed cost: light terms 32 x 32 x 1024 (4.2 M
 * points, ~10^8 points/s), with COHERENT 16 x 16 x 64 (65 536 points, ~5 10^5 points/s).
 */
const GRIDS: Record<KernelKind, { mx: Float64Array; gx: Float64Array; eps: Float64Array }> = {
  light: { mx: logAxis(5e-3, 1, 32), gx: logAxis(1e-5, 1e-2, 32), eps: linAxis(-2e-3, 2e-3, 1024) },
  heavy: { mx: logAxis(5e-3, 1, 16), gx: logAxis(1e-5, 1e-2, 16), eps: linAxis(-2e-3, 2e-3, 64) },
};

/** Untimed passes first (shader compile, V8 tier-up in the workers), then timed passes, each at least this long. */
const WARM_MS = 300;
const TIMED_MS = 400;

/** Both data inputs from the copies shipped with u1x: the calibration is the same whatever a run names. */
function bundledDataDirs(): Record<DataKind, string> {
  const kinds = Object.keys(BUNDLED_SUBDIR) as DataKind[];
  return Object.fromEntries(kinds.map((k) => [k, bundledDataDir(k)])) as Record<DataKind, string>;
}

function request(kind: KernelKind): KernelRequest {
  const { active } = activateConstraints({
    dataDirs: bundledDataDirs(),
    mixing: 'photon',
  });
  const used = active.filter((a) => a.def.inGlobalFit && (kind === 'heavy' || !a.def.heavy));
  return {
    constraints: used,
    objective: new Set(used.map((a) => a.def.id)),
    models: resolveModels(MODELS),
    mode: { kind: 'grid', mx: GRIDS[kind].mx, gx: GRIDS[kind].gx, mix: GRIDS[kind].eps, profile: true, prune: true },
    mixing: { convention: 'photon', axis: 'eps' },
  };
}

/** Timed rounds, WebGPU and CPU alternating; the best of each is kept (the least disturbed by other load). */
const ROUNDS = 2;

/**
 * Points per second of each backend on one kernel: both sessions open and warm, then whole-grid passes
 * timed in alternating rounds.
 */
async function measureKind(kind: KernelKind, webgpu: Backend, cpu: Backend): Promise<Throughput> {
  const req = request(kind);
  const sessions = [await openKernel(req, webgpu), await openKernel(req, cpu)];
  try {
    const timed = async (s: (typeof sessions)[number], ms: number) => {
      let passes = 0;
      const t0 = performance.now();
      do {
        await s.run(0, s.cells);
        passes++;
      } while (performance.now() - t0 < ms || passes < 2);
      return (passes * s.cells * s.pointsPerCell) / ((performance.now() - t0) / 1000);
    };
    for (const s of sessions) await timed(s, WARM_MS);
    const best = [0, 0];
    for (let r = 0; r < ROUNDS; r++) for (const [i, s] of sessions.entries()) best[i] = Math.max(best[i], await timed(s, TIMED_MS));
    return { webgpu: best[0], cpu: best[1] };
  } finally {
    for (const s of sessions) s.dispose();
  }
}

export async function calibrateBackends(webgpu: Backend, cpu: Backend): Promise<Record<KernelKind, Throughput>> {
  return { light: await measureKind('light', webgpu, cpu), heavy: await measureKind('heavy', webgpu, cpu) };
}
