// The NumPy baseline (bench/baselines/numpy_chi2.py): u1x exports the per-mass tables and constants of the
// global Delta chi^2 to inputs.npz + inputs.json, the script evaluates the grid with vectorised NumPy, and
// its per-cell minima are compared with the float64 CPU reference.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCoherentData } from '../io/coherentData.js';
import { npzBytes, type NamedArray } from '../io/npz.js';
import { constraintGroups } from '../kernel/layout.js';
import { COUPLING_FIELDS } from '../models/types.js';
import { BOREXINO_SM, flavourFractions } from '../physics/borexino.js';
import {
  buildCoherentExperiment,
  coherentConstants,
  GPU_SCHEME,
  kernelConstants,
  NUCLEUS_COEF,
  NUCLEUS_STRIDE,
} from '../physics/coherent/index.js';
import { E_CHARGE, SQRT2_GF } from '../physics/constants.js';
import { FERMION_FIELDS, N_PRODUCTS, PRODUCT_NAMES } from '../physics/darkcast/index.js';
import type { ScanPlan } from '../scan/plan.js';
import { GLOBAL_TERMS, type PreparedCase } from './cases.js';

/** Kernel term cap (compile.ts TERM_CAP) and the bound penalty of SPEC §5.1. */
const TERM_CAP = 1e6;
const PENALTY = 100;
/** Borexino R_Be = 1.06 +- 0.09 (constraints/borexino.ts). */
const BOREXINO_R = { central: 1.06, sigma: 0.09 };
/** Borexino table columns [k, n] in table order (constraints/borexino.ts COLUMNS). */
const BOREXINO_COLUMNS = [
  [0, 1],
  [1, 1],
  [2, 1],
  [0, 2],
  [1, 2],
  [2, 2],
];
/** Resonance table layout per member (constraints/resonance.ts COL/ROW): 7 scalars, then 3 rows of N_PRODUCTS. */
const RESONANCE_COL = { valid: 0, a0: 1, aSpan: 2, t1Bounded: 3, refYield: 4, gammaRefPerEps2: 5, brRef: 6, rows: 7 };

export const BASELINE_SCRIPT = 'bench/baselines/numpy_chi2.py';

function slotData(pcase: PreparedCase, key: string): { data: Float64Array; size: number } {
  const { tables } = pcase.build;
  const slot = tables.slots.get(key);
  if (!slot)
    throw new Error(`baseline export: no table '${key}' (is the case the global Delta chi2 with full COHERENT and DarkCast data?)`);
  const plan = pcase.plan;
  const n =
    slot.kind === 'static'
      ? slot.size
      : slot.kind === 'mass'
        ? slot.size * plan.tableMasses.length
        : slot.size * plan.tableMasses.length * plan.models.length;
  return { data: tables.data.subarray(slot.offset, slot.offset + n), size: slot.size };
}

/** Why the case cannot be exported for the baseline, or null. */
export function baselineBlocker(plan: ScanPlan): string | null {
  const ids = plan.active.map((a) => a.def.id);
  for (const t of GLOBAL_TERMS) if (!ids.includes(t)) return `'${t}' is not active (data directory missing?)`;
  if (!plan.exactTables) return 'the bench grid must have table nodes at its m_X values';
  if (plan.mixing !== 'photon' || plan.mix.kind !== 'eps') return 'photon mixing on an eps axis only';
  const coh = plan.active.find((a) => a.def.id === 'coherent')!;
  if (!coh.inst.variant?.startsWith('full')) return 'needs the full COHERENT likelihood (--coherent-data)';
  const bx = plan.active.find((a) => a.def.id === 'borexino')!;
  if (bx.options.recoilMinMeV !== 0) return 'Borexino with a recoil threshold is not supported';
  return null;
}

/** Write inputs.npz + inputs.json for numpy_chi2.py; the case must be the global Delta chi2. */
export function exportBaselineInputs(pcase: PreparedCase, dir: string, coherentDir: string): void {
  const plan = pcase.plan;
  const blocker = baselineBlocker(plan);
  if (blocker) throw new Error(`baseline export: ${blocker}`);
  const nModels = plan.models.length;
  const nMx = plan.mx.values.length;
  const arrays: NamedArray[] = [];
  const f8 = (name: string, shape: number[], data: Float64Array) =>
    arrays.push({ name, dtype: '<f8', shape, data: Float64Array.from(data) });
  f8('mx', [nMx], plan.mx.values);
  f8('gx', [plan.gx.values.length], plan.gx.values);
  f8('eps', [plan.mix.values.length], plan.mix.values);
  const charges = new Float64Array(nModels * COUPLING_FIELDS.length);
  plan.models.forEach((m, i) => COUPLING_FIELDS.forEach((f, k) => (charges[i * COUPLING_FIELDS.length + k] = m.record[f])));
  f8('model_charges', [nModels, COUPLING_FIELDS.length], charges);
  const ml = pcase.build.modelLayout;
  const ab = new Float64Array(nModels * 2);
  for (let i = 0; i < nModels; i++) {
    ab[2 * i] = ml.data[i * ml.stride + ml.fields.get('nsi_osc.aM')!];
    ab[2 * i + 1] = ml.data[i * ml.stride + ml.fields.get('nsi_osc.bM')!];
  }
  f8('nsi_ab', [nModels, 2], ab);
  f8('amu_loop', [nMx, 2], slotData(pcase, 'amu.loop').data);
  f8('borexino_moments', [nMx, BOREXINO_COLUMNS.length], slotData(pcase, 'borexino.moments').data);
  f8('coherent_coef', [nMx, coherentConstants.N_BINS, NUCLEUS_STRIDE], slotData(pcase, 'coherent.coef').data);
  f8('coherent_bins', [coherentConstants.N_BINS, 6], slotData(pcase, 'coherent.bins').data);
  const group = [...constraintGroups(plan.active)].find(([g]) => g.key === 'resonance');
  if (!group) throw new Error('baseline export: no resonance group (--darkcast)');
  const members = group[1];
  const columns = RESONANCE_COL.rows + 3 * N_PRODUCTS;
  f8('resonance_scalars', [nMx, members.length, columns], slotData(pcase, 'resonance.scalars').data);
  f8('resonance_consts', [members.length, 2], slotData(pcase, 'resonance.consts').data);

  const amu = plan.active.find((a) => a.def.id === 'amu')!;
  const amuSet = amu.def.dataset!.entries[amu.datasetId!];
  const bx = plan.active.find((a) => a.def.id === 'borexino')!;
  const P = flavourFractions(bx.options.Pe as number, bx.options.sin2Theta23 as number);
  const coh = plan.active.find((a) => a.def.id === 'coherent')!;
  const k = kernelConstants(
    buildCoherentExperiment(loadCoherentData(coherentDir), { timeAssignment: coh.options.response as 'faithful' | 'intended' }),
  );
  const meta = {
    generator: 'u1x bench (src/bench/baseline.ts)',
    grid: { models: plan.models.map((m) => m.id), nMx, nGx: plan.gx.values.length, nEps: plan.mix.values.length },
    modelFields: COUPLING_FIELDS,
    constants: { eCharge: E_CHARGE, sqrt2GF: SQRT2_GF, termCap: TERM_CAP },
    amu: { dataset: amuSet.id, central: amuSet.central, sigma: amuSet.sigma },
    borexino: { columns: BOREXINO_COLUMNS, gL: BOREXINO_SM.gL, gR: BOREXINO_SM.gR, P, ...BOREXINO_R },
    coherent: {
      n0: k.n0,
      invSigma2: k.invSigma2,
      smSignalTotal: k.smSignalTotal,
      linCsE: NUCLEUS_COEF.linCsE,
      nuclei: coherentConstants.NUCLEI.map((n) => ({ Z: n.Z, N: n.N })),
      maxIterations: GPU_SCHEME.maxIterations,
      tol: GPU_SCHEME.stepTolerance,
      eta: GPU_SCHEME.boundaryFraction,
      rescaleAbove: GPU_SCHEME.rescaleAbove ?? Number.MAX_VALUE,
      response: coh.options.response,
    },
    resonance: { members, columns: RESONANCE_COL, productNames: PRODUCT_NAMES, fermionFields: FERMION_FIELDS, penalty: PENALTY },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'inputs.npz'), npzBytes(arrays));
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify(meta, null, 1));
}

export interface PythonCheck {
  ok: boolean;
  python: string | null;
  numpy: string | null;
  /** What was done, or why the baseline is skipped. */
  note: string;
}

function numpyVersion(python: string): string | null {
  const r = spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * python3 with NumPy. When NumPy is missing, returns the reason to skip, unless the user asked for an install
 * (`u1x bench --install-numpy`) and we are root: then installs Debian's python3-numpy with apt.
 */
export function ensureNumpy(log: (s: string) => void, allowInstall: boolean): PythonCheck {
  const which = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' });
  const python = which.status === 0 ? which.stdout.trim() : null;
  if (!python) return { ok: false, python: null, numpy: null, note: 'python3 not found' };
  let v = numpyVersion(python);
  if (v) return { ok: true, python, numpy: v, note: `NumPy ${v} (${python})` };
  if (!allowInstall)
    return {
      ok: false,
      python,
      numpy: null,
      note: `${python} has no NumPy (install python3-numpy or pip install numpy, or pass --install-numpy as root)`,
    };
  if (process.getuid?.() !== 0) {
    return {
      ok: false,
      python,
      numpy: null,
      note: `${python} has no NumPy and this is not root (install python3-numpy or pip install numpy)`,
    };
  }
  log(`${python} has no NumPy: installing python3-numpy with apt-get`);
  const apt = (args: string[]) =>
    execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    try {
      apt(['install', '-y', '--no-install-recommends', 'python3-numpy']);
    } catch {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'python3-numpy']);
    }
  } catch (e) {
    return { ok: false, python, numpy: null, note: `apt-get install python3-numpy failed: ${(e as Error).message.split('\n')[0]}` };
  }
  // Debian's package serves /usr/bin/python3, which need not be the python3 first on PATH.
  for (const p of [python, '/usr/bin/python3']) {
    if (existsSync(p) && (v = numpyVersion(p)))
      return { ok: true, python: p, numpy: v, note: `NumPy ${v} (${p}; python3-numpy installed with apt)` };
  }
  return { ok: false, python, numpy: null, note: 'python3-numpy installed but NumPy still not importable' };
}

export interface NumpyRun {
  points: number;
  /** Compute seconds of each repetition (loading the inputs excluded), wall and CPU. */
  seconds: number[];
  cpuSeconds: number[];
  loadSeconds: number;
  pointsPerSecond: number;
  numpy: string;
  python: string;
  /** Whole child-process wall time (interpreter start, imports, loading, compute). */
  wallMs: number;
}

/** Run the baseline once. NumPy's elementwise kernels are single-threaded; BLAS is pinned to one thread. */
export function runNumpy(python: string, packageRoot: string, inputs: string, out: string | null): Promise<NumpyRun> {
  const script = resolve(packageRoot, BASELINE_SCRIPT);
  const args = [script, '--inputs', inputs, ...(out ? ['--out', out] : [])];
  const t0 = performance.now();
  return new Promise((res, rej) => {
    const child = spawn(python, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => {
      if (code !== 0) return rej(new Error(`${BASELINE_SCRIPT} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      try {
        const line = stdout.trim().split('\n').pop()!;
        res({ ...(JSON.parse(line) as Omit<NumpyRun, 'wallMs'>), wallMs: performance.now() - t0 });
      } catch {
        rej(new Error(`${BASELINE_SCRIPT}: unreadable output: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

export interface Agreement {
  cells: number;
  /** max |a - b| of the per-cell minimum Delta chi2. */
  maxAbsDiff: number;
  /** max |a - b| / max(1, |b|). */
  maxRelDiff: number;
  /** (model, m_X, g_X) indices of the cell with the largest relative difference. */
  worstCell: number[];
  /** Cells whose minimising eps index differs (near-degenerate minima can legitimately flip). */
  argminMismatches: number;
  /** Of those, the cells whose minima also differ by more than `tieTolerance` relative. */
  argminMismatchesBeyondTies: number;
  tieTolerance: number;
}

export function compareCells(
  plan: ScanPlan,
  a: { chi2: ArrayLike<number>; argmin: ArrayLike<number> },
  ref: { chi2: ArrayLike<number>; argmin: ArrayLike<number> },
  tieTolerance = 1e-9,
): Agreement {
  let maxAbs = 0;
  let maxRel = 0;
  let worst = 0;
  let mism = 0;
  let mismBeyond = 0;
  for (let c = 0; c < plan.cells; c++) {
    const x = a.chi2[c];
    const y = ref.chi2[c];
    const d = Math.abs(x - y);
    const r = d / Math.max(1, Math.abs(y));
    if (!(d <= maxAbs)) maxAbs = d;
    if (!(r <= maxRel)) {
      maxRel = r;
      worst = c;
    }
    if (a.argmin[c] !== ref.argmin[c]) {
      mism++;
      if (r > tieTolerance) mismBeyond++;
    }
  }
  const nGx = plan.gx.values.length;
  const nMx = plan.mx.values.length;
  return {
    cells: plan.cells,
    maxAbsDiff: maxAbs,
    maxRelDiff: maxRel,
    worstCell: [Math.floor(worst / (nGx * nMx)), Math.floor(worst / nGx) % nMx, worst % nGx],
    argminMismatches: mism,
    argminMismatchesBeyondTies: mismBeyond,
    tieTolerance,
  };
}
