// The files of a finished scan besides the per-cell arrays: axes, per-segment minima, the model list,
// the spec as given and as resolved, and run.json with what varies from run to run (timings); plus the
// deterministic manifest (built in ./manifest.ts), which the runner writes once the products have added
// their records. Everything except run.json is byte-identical between an uninterrupted run and an
// interrupted-and-resumed one.

import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { CompiledKernel } from '../kernel/compile.js';
import type { TableLayout } from '../kernel/layout.js';
import { npyBytes, type NpyDtype } from '../io/npy.js';
import { gridManifest, type ScanManifest, type ScanProvenance } from './manifest.js';
import type { ScanPlan } from './plan.js';
import type { SegmentMinima } from './minima.js';

export type { DataDirRecord, ScanProvenance } from './manifest.js';

export interface OutputContext {
  plan: ScanPlan;
  kernel: CompiledKernel;
  minima: SegmentMinima;
  specText: string;
  specFile: string | null;
  tables: TableLayout;
  floatType: NpyDtype;
  provenance: ScanProvenance;
  run: {
    backendReason: string;
    tablesMs: number;
    compileMs: number;
    kernelMs: number;
    totalMs: number;
    resumedFromCell: number;
    pointsThisRun: number;
    /** Per constraint: cells with a non-finite chi2 (counted as excluded, never a minimum). */
    nonfinite: Record<string, number>;
  };
}

/** Decode a global cell index into (model, m_X index, g_X index, eps index or null when profiled). */
export function decodeCell(plan: ScanPlan, cell: number): { model: number; im: number; ig: number; ie: number | null } {
  let rest = cell;
  let ie: number | null = null;
  if (!plan.profileEps) {
    ie = rest % plan.mix.values.length;
    rest = Math.floor(rest / plan.mix.values.length);
  }
  const ig = rest % plan.gx.values.length;
  rest = Math.floor(rest / plan.gx.values.length);
  const im = rest % plan.mx.values.length;
  return { model: Math.floor(rest / plan.mx.values.length), im, ig, ie };
}

export interface MinimumRow {
  model: string;
  name: string;
  mx: number;
  gx: number;
  mixing: number;
  chi2: number;
}

export function minimumRows(plan: ScanPlan, minima: SegmentMinima): MinimumRow[] {
  return Array.from(minima.chi2, (chi2, seg) => {
    const cell = minima.cell[seg];
    const d = decodeCell(plan, cell);
    const m = plan.models[d.model];
    return {
      model: m.id,
      name: m.name,
      mx: plan.mx.values[d.im],
      gx: plan.gx.values[d.ig],
      mixing: plan.mix.values[d.ie ?? minima.eps[seg]],
      chi2,
    };
  });
}

/** Writes everything but manifest.json, whose manifest it returns (the products add to it before it is written). */
export function writeScanOutputs(dir: string, ctx: OutputContext): ScanManifest {
  const { plan, kernel } = ctx;
  mkdirSync(join(dir, 'axes'), { recursive: true });
  writeFileSync(join(dir, 'axes', 'mx.npy'), npyBytes('<f8', [plan.mx.values.length], plan.mx.values));
  writeFileSync(join(dir, 'axes', 'gx.npy'), npyBytes('<f8', [plan.gx.values.length], plan.gx.values));
  // Radiative mixing has no mixing axis (k_rad per model and momentum class, SPEC §4.15).
  if (plan.mix.kind !== 'radiative')
    writeFileSync(join(dir, 'axes', `${plan.mix.kind}.npy`), npyBytes('<f8', [plan.mix.values.length], plan.mix.values));

  const rows = minimumRows(plan, ctx.minima);
  const segShape = plan.profileGx ? [plan.models.length, plan.mx.values.length] : [plan.models.length];
  writeFileSync(join(dir, 'minima.npy'), npyBytes('<f8', segShape, ctx.minima.chi2));
  const radiative = plan.mix.kind === 'radiative';
  const header = `model,name,mx_GeV,gx,${radiative ? 'mixing' : plan.mix.kind},chi2_min`;
  const csv =
    [header, ...rows.map((r) => [r.model, JSON.stringify(r.name), r.mx, r.gx, radiative ? 'radiative' : r.mixing, r.chi2].join(','))].join(
      '\n',
    ) + '\n';
  writeFileSync(join(dir, 'minima.csv'), csv);

  writeFileSync(
    join(dir, 'models.json'),
    JSON.stringify(
      plan.models.map((m) => ({ id: m.id, name: m.name, category: m.category, charges: m.charges, c: m.c ?? null })),
      null,
      1,
    ) + '\n',
  );
  writeFileSync(join(dir, `spec${ctx.specFile ? extname(ctx.specFile) || '.yaml' : '.json'}`), ctx.specText);

  const manifest = gridManifest({
    plan,
    kernel,
    specFile: ctx.specFile,
    tables: ctx.tables,
    floatType: ctx.floatType,
    provenance: ctx.provenance,
  });
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify(
      {
        backend_choice: ctx.run.backendReason,
        node: process.version,
        timings_ms: { tables: ctx.run.tablesMs, compile: ctx.run.compileMs, kernel: ctx.run.kernelMs, total: ctx.run.totalMs },
        table_build_ms: Object.fromEntries([...ctx.tables.slots.values()].map((s) => [s.key, s.buildMs])),
        resumed_from_cell: ctx.run.resumedFromCell,
        points_this_run: ctx.run.pointsThisRun,
        nonfinite: ctx.run.nonfinite,
        points_per_second: ctx.run.pointsThisRun / Math.max(ctx.run.kernelMs / 1000, 1e-9),
      },
      null,
      2,
    ) + '\n',
  );
  return manifest;
}
