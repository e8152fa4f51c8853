// `--backend auto`: the faster path for the job, and one line that says what was picked and why.
// - No adapter: the CPU reference.
// - A single point (u1x point): the CPU reference, which answers before a WebGPU pipeline is compiled.
// - A hardware adapter: WebGPU (a GPU runs these grids far faster than the CPU reference).
// - A software adapter (lavapipe, SwiftShader): measured. Both paths run two small kernels (the light terms,
//   and the light terms with COHERENT's likelihood, the heavy term) once per machine and u1x build (version and commit), the
//   result is cached (backends/calibrationCache.ts), and the job gets WebGPU only where it measured at
//   least WEBGPU_MARGIN times the CPU reference on its kind of kernel: never a software adapter slower than
//   the CPU, and on a near tie the float64 reference.

import {
  calibrationPath,
  readCalibration,
  writeCalibration,
  type Calibration,
  type CalibrationKey,
  type KernelKind,
  CALIBRATION_FORMAT,
} from '../backends/calibrationCache.js';
import { cpuBackend } from '../backends/cpu.js';
import { selectBackend, type BackendChoice, type SelectedBackend } from '../backends/select.js';
import { probeWebgpu, webgpuBackend, type AdapterProbe } from '../backends/webgpu.js';
import type { ActiveConstraint } from '../constraints/activate.js';
import { calibrateBackends } from './backendCalibration.js';

/** What the job evaluates: one point, or grids of light or heavy kernels. */
export type JobKind = 'point' | KernelKind;

/**
 * A software adapter is chosen only when it measured at least this many times the CPU reference's points/s:
 * the calibration is a few seconds on a possibly shared machine, and the float64 path is the reference.
 */
export const WEBGPU_MARGIN = 1.25;

/** 'heavy' when any evaluated constraint is a heavy term (COHERENT's likelihood), else 'light'. */
export function jobKindOf(evaluated: readonly ActiveConstraint[]): KernelKind {
  return evaluated.some((a) => a.def.heavy) ? 'heavy' : 'light';
}

export interface AutoDecision {
  backend: 'webgpu' | 'cpu';
  why: string;
}

const kindWords: Record<KernelKind, string> = {
  light: 'light-term kernels',
  heavy: 'kernels with COHERENT (heavy)',
};

const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(0)} k`);

/** The rule, given the probe and (software adapters) the calibration. */
export function autoDecision(job: JobKind, probe: AdapterProbe, calibration: Calibration | null): AutoDecision {
  if (!probe.ok) return { backend: 'cpu', why: `no WebGPU adapter: ${probe.detail}` };
  if (job === 'point') return { backend: 'cpu', why: 'a single point: the CPU reference answers before a WebGPU pipeline compiles' };
  if (!probe.isSoftware) return { backend: 'webgpu', why: 'hardware adapter' };
  if (!calibration) return { backend: 'cpu', why: 'software adapter, not calibrated' };
  const t = calibration.kernels[job];
  const ratio = t.webgpu / t.cpu;
  const measured = `software adapter measured ${ratio.toFixed(2)}x the CPU reference on ${kindWords[job]} (${rate(t.webgpu)} vs ${rate(t.cpu)} points/s, ${calibration.measuredAt.slice(0, 10)})`;
  return ratio >= WEBGPU_MARGIN
    ? { backend: 'webgpu', why: measured }
    : { backend: 'cpu', why: `${measured}; WebGPU needs >= ${WEBGPU_MARGIN}x` };
}

export interface AutoOptions {
  /** u1x version and commit (cli/common.ts u1xBuild): a calibration is valid for one build. */
  u1xVersion: string;
  /** Default: calibrationPath(). */
  cachePath?: string;
  /** Measure again even when a valid calibration is cached. */
  recalibrate?: boolean;
  log?: (line: string) => void;
}

export function calibrationKey(u1xVersion: string, probe: AdapterProbe): CalibrationKey {
  return { u1x: u1xVersion, node: process.version, adapter: probe.detail, cpu: cpuBackend().description };
}

/**
 * The cached calibration for this machine, or a fresh one (measured now and cached) when the adapter is a
 * software one; null for no adapter or a hardware one (nothing to measure). `note` says where it came from.
 */
export async function softwareCalibration(
  probe: AdapterProbe,
  o: AutoOptions,
): Promise<{ calibration: Calibration | null; note: string | null }> {
  if (!probe.ok || !probe.isSoftware) return { calibration: null, note: null };
  const path = o.cachePath ?? calibrationPath();
  const key = calibrationKey(o.u1xVersion, probe);
  const cached = o.recalibrate ? null : readCalibration(path, key);
  if (cached) return { calibration: cached, note: `calibration cached in ${path}` };
  o.log?.(
    `--backend auto: calibrating the software adapter against the CPU reference (once per machine and u1x build (version and commit), a few seconds)`,
  );
  const kernels = await calibrateBackends(await webgpuBackend(), cpuBackend());
  const calibration: Calibration = { format: CALIBRATION_FORMAT, key, measuredAt: new Date().toISOString(), kernels };
  const failed = writeCalibration(path, calibration);
  return { calibration, note: failed ? `calibration not cached (${failed})` : `calibrated now, cached in ${path}` };
}

/** --backend as chosen: explicit choices as given; auto by the rule above. */
export async function selectBackendFor(choice: BackendChoice, job: JobKind, o: AutoOptions): Promise<SelectedBackend> {
  if (choice !== 'auto') return selectBackend(choice);
  const probe = await probeWebgpu();
  const { calibration, note } = job === 'point' ? { calibration: null, note: null } : await softwareCalibration(probe, o);
  const d = autoDecision(job, probe, calibration);
  const backend = d.backend === 'webgpu' ? await webgpuBackend() : cpuBackend();
  return { backend, reason: `backend ${d.backend} (auto: ${d.why}${note ? `; ${note}` : ''}): ${backend.description}` };
}
