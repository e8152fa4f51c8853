// kind: grid (the default) — a map over the axes: every cell's minimum over the profiled axes, streamed
// to cells/*.npy with checkpoints (resumable), then the products (masks, CSV, boundaries, plots).

import type { ScanPlan } from '../plan.js';
import { runScan } from '../runner.js';
import type { ScanSpec } from '../spec.js';
import { defineScanKind, type ScanRunContext } from './define.js';

export default defineScanKind({ id: 'grid', schema: {}, run: runGrid });

/**
 * The spec's observables, plus each active preferred band's observable (Delta a_mu) when exclusion maps
 * are asked for: the maps draw the band's central line from it (src/scan/products/plots.ts).
 */
export function observablesToStore(spec: ScanSpec, plan: Pick<ScanPlan, 'active'>): string[] | undefined {
  const given = spec.outputs?.observables;
  const bands = plan.active.flatMap((a) => (a.def.band ? [`${a.def.id}.${a.def.band.observable}`] : []));
  const wantsCentral = (spec.outputs?.plots ?? []).includes('exclusion') && bands.length > 0;
  if (!wantsCentral) return given;
  return [...new Set([...(given ?? []), ...bands])];
}

async function runGrid(ctx: ScanRunContext): Promise<void> {
  const { plan, log } = ctx;
  const spec = plan.spec;
  // Installed before anything is printed about the scan: a signal from here on gets a checkpoint.
  const signals = ctx.stopSignals('finishing the chunk in flight and writing a checkpoint');
  const stop = signals.stop;
  log(
    `scan ${plan.name}: ${plan.models.length} model(s) x ${plan.mx.values.length} m_X x ${plan.gx.values.length} g_X x ${plan.mix.values.length} ${plan.mix.kind} = ${plan.totalPoints.toExponential(3)} points` +
      `${plan.profileEps ? `, profiled over ${plan.profileGx ? 'g_X and ' : ''}${plan.mix.kind}` : ''}`,
  );
  log(`constraints: ${plan.active.map((a) => a.def.id + (a.inst.variant ? ` (${a.inst.variant})` : '')).join(', ')}`);
  for (const line of ctx.skipped) log(line);
  try {
    const result = await runScan({
      plan,
      specText: ctx.specText,
      specFile: ctx.specFile,
      outDir: ctx.outDir,
      selected: ctx.selected,
      resume: ctx.flags.resume,
      force: ctx.flags.force,
      progress: ctx.progressMode,
      log,
      stop,
      quick: ctx.flags.quick,
      installRoot: ctx.installRoot,
      checkpointSeconds: ctx.checkpointSeconds,
      terms: ctx.flags.terms ?? spec.outputs?.terms,
      cells: ctx.flags.cells && (spec.outputs?.cells ?? true),
      observables: observablesToStore(spec, plan),
      provenance: ctx.provenance,
      shard: ctx.shard,
    });
    const t = result.timings;
    log(
      `wrote ${result.outDir} (tables ${(t.tablesMs / 1000).toFixed(2)} s, kernel ${(t.kernelMs / 1000).toFixed(2)} s, ` +
        `${(result.pointsThisRun / Math.max(t.kernelMs / 1000, 1e-9)).toExponential(2)} points/s, total ${(t.totalMs / 1000).toFixed(2)} s)`,
    );
  } finally {
    signals.dispose();
  }
}
