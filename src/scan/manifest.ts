// manifest.json of a scan: what was run, on what, and what each output file means. Deterministic (no
// timings: those go to run.json), so an interrupted-and-resumed run writes the same bytes. Built here for
// every scan kind: gridManifest for the grid runner (plus its products), kindManifest for the other kinds.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RADIATIVE_LABEL_ASCII } from '../constraints/radiative.js';
import type { CompiledKernel } from '../kernel/compile.js';
import type { TableLayout } from '../kernel/layout.js';
import type { NpyDtype } from '../io/npy.js';
import type { ScanPlan } from './plan.js';
import type { ProductsRecord } from './products/index.js';
import type { ShardRecord } from './shard.js';

/** Which copy of an external data input a run read (io/dataDirs.ts): path, origin, file hashes. */
export interface DataDirRecord {
  dir: string;
  /** 'bundled': the copy shipped with u1x in data/external/; 'option' / 'env': named by the user. */
  origin?: string;
  bundled?: boolean;
  sha256: Record<string, string>;
}

export interface ScanProvenance {
  u1xVersion: string;
  gitSha: string | null;
  backend: string;
  precision: 'float32' | 'float64';
  dataDirs: {
    coherent: DataDirRecord | null;
    darkcast: (Omit<DataDirRecord, 'sha256'> & { sha256?: Record<string, string> }) | null;
    /** Where the projections' reach/ tables were read when not from the DarkCast directory (the bundled 2023 copy). */
    darkcast_projections?: DataDirRecord;
  };
}

interface AxisInfo {
  n: number;
  min: number;
  max: number;
  scale: string;
}

/** manifest.json of a grid scan (key order is the file's). */
export interface ScanManifest {
  tool: 'u1x';
  u1x_version: string;
  git_sha: string | null;
  name: string;
  spec_file: string | null;
  backend: string;
  precision: string;
  grid: Record<string, unknown> & { models: number; mx: AxisInfo; gx: AxisInfo; points: number; cells: number };
  constraints: {
    id: string;
    title: string;
    kind: string;
    reference: string;
    in_objective: boolean;
    variant: string | null;
    dataset: string | null;
    options: unknown;
    notes: string[];
    mask_bit: number;
  }[];
  skipped_constraints: { id: string; reason: string }[];
  objective: string[];
  cl_convention: string;
  data: ScanProvenance['dataDirs'];
  /** Meaning of each file (undefined: not written, dropped from the JSON). */
  files: Record<string, string | undefined>;
  tables: { key: string; kind: string; size: number }[];
  /** Written when per-cell arrays are stored (src/scan/products). */
  products?: ProductsRecord;
  /** A shard of a larger grid (src/scan/shard.ts): what `u1x merge` checks and rebuilds from. */
  shard?: ShardRecord;
}

export interface GridManifestInput {
  plan: ScanPlan;
  kernel: Pick<CompiledKernel, 'bits'>;
  specFile: string | null;
  tables: TableLayout;
  floatType: NpyDtype;
  provenance: ScanProvenance;
}

export function gridManifest(o: GridManifestInput): ScanManifest {
  const { plan } = o;
  return {
    tool: 'u1x',
    u1x_version: o.provenance.u1xVersion,
    git_sha: o.provenance.gitSha,
    name: plan.name,
    spec_file: o.specFile,
    backend: o.provenance.backend,
    precision: o.provenance.precision === 'float32' ? 'float32 GPU kernel (tables and reference in float64)' : 'float64 CPU reference',
    grid: {
      models: plan.models.length,
      mx: axisInfo(plan.mx.values, plan.mx.scale),
      gx: axisInfo(plan.gx.values, plan.gx.scale),
      // Radiative mixing has no mixing axis (k_rad per model and momentum class, SPEC §4.15).
      [plan.mix.kind]: plan.mix.kind === 'radiative' ? RADIATIVE_LABEL_ASCII : axisInfo(plan.mix.values, plan.mix.scale),
      mixing_convention: plan.mix.kind === 'radiative' ? `${plan.mixing}, ${RADIATIVE_LABEL_ASCII}` : plan.mixing,
      profiled: [...(plan.profileGx ? ['gx'] : []), ...(plan.profileEps ? [plan.mix.kind] : [])],
      points: plan.totalPoints,
      cells: plan.cells,
      table_nodes: plan.tableMasses.length,
      tables_exact_at_axis: plan.exactTables,
    },
    constraints: plan.active.map((a) => ({
      id: a.def.id,
      title: a.def.title,
      kind: a.def.kind,
      reference: a.def.reference,
      in_objective: plan.objective.has(a.def.id),
      variant: a.inst.variant ?? null,
      dataset: a.datasetId,
      options: a.options,
      notes: a.inst.notes ?? [],
      mask_bit: o.kernel.bits.indexOf(a.def.id),
      ...(a.def.role === 'projection'
        ? { projection: 'projected reach of a future search: never an exclusion, never in allowed/viable or a chi2' }
        : {}),
    })),
    skipped_constraints: plan.skipped.map((s) => ({ id: s.def.id, reason: s.reason })),
    objective: [...plan.objective],
    cl_convention:
      'a constraint excludes where its own Delta chi2 > 4 (2 sigma for one measurement) or its bound fails; masks are taken at the profiled minimum',
    data: o.provenance.dataDirs,
    files: {
      'cells/chi2.npy': `minimum chi2 of the objective, shape [models, mx, gx${plan.profileEps ? '' : `, ${plan.mix.kind}`}], ${o.floatType}`,
      'cells/argmin_eps.npy': plan.profileEps ? `index into axes/${plan.mix.kind}.npy of the minimum` : undefined,
      'cells/mask.npy': `uint32 words: bit b of word b>>5 set where constraint number b (see constraints[].mask_bit) excludes the point`,
      'minima.npy': `minimum over each ${plan.profileGx ? '(model, mx)' : 'model'}`,
    },
    tables: [...o.tables.slots.values()].map((s) => ({ key: s.key, kind: s.kind, size: s.size })),
  };
}

/** `u1x <version> (git <sha7>)`: the version line of figure footers. */
export function versionText(m: Pick<ScanManifest, 'u1x_version' | 'git_sha'>): string {
  return `u1x ${String(m.u1x_version ?? '?')}${m.git_sha ? ` (git ${String(m.git_sha).slice(0, 7)})` : ''}`;
}

/** The fields every non-grid kind's manifest starts with; the kind adds its own after them. */
export interface KindManifestBase {
  tool: 'u1x';
  u1x_version: string;
  git_sha: string | null;
  name: string;
  spec_file: string;
  quick: boolean;
  backend: string;
  precision: 'float32' | 'float64';
  constraints: { id: string; variant: string | null; dataset: string | null; notes: string[] }[];
  skipped_constraints: { id: string; reason: string }[];
  data: ScanProvenance['dataDirs'];
}

export function kindManifestBase(plan: ScanPlan, o: { specFile: string; quick: boolean; provenance: ScanProvenance }): KindManifestBase {
  return {
    tool: 'u1x',
    u1x_version: o.provenance.u1xVersion,
    git_sha: o.provenance.gitSha,
    name: plan.name,
    spec_file: o.specFile,
    quick: o.quick,
    backend: o.provenance.backend,
    precision: o.provenance.precision,
    constraints: plan.active
      .filter((a) => plan.objective.has(a.def.id))
      .map((a) => ({ id: a.def.id, variant: a.inst.variant ?? null, dataset: a.datasetId, notes: a.inst.notes ?? [] })),
    skipped_constraints: plan.skipped.map((s) => ({ id: s.def.id, reason: s.reason })),
    data: o.provenance.dataDirs,
  };
}

export function writeManifest(dir: string, manifest: ScanManifest | (KindManifestBase & Record<string, unknown>)): void {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

function axisInfo(v: Float64Array, scale: string): AxisInfo {
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { n: v.length, min, max, scale };
}
