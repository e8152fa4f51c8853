// What the non-grid scan kinds share: the context they run in, and their output directory, built under
// a partial name and committed atomically with its manifest.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../../backends/select.js';
import { commitDir, partialDirFor } from '../../io/atomic.js';
import { UserError } from '../../util/errors.js';
import { kindManifestBase, writeManifest, type KindManifestBase } from '../manifest.js';
import type { ScanPlan } from '../plan.js';
import { createProgress, type Progress } from '../progress.js';
import type { ScanRunContext } from './define.js';

export interface KindContext {
  plan: ScanPlan;
  outDir: string;
  force: boolean;
  selected: SelectedBackend;
  log: (line: string) => void;
  progress: (stage: string, total: number) => Progress;
  manifestBase: KindManifestBase;
  specText: string;
}

export function prepareDir(ctx: KindContext): string {
  const partial = partialDirFor(ctx.outDir);
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'spec.yaml'), ctx.specText);
  return partial;
}

export function finish(ctx: KindContext, partial: string, manifest: Record<string, unknown>): void {
  writeManifest(partial, { ...ctx.manifestBase, ...manifest });
  commitDir(partial, ctx.outDir, ctx.force);
}

export function datasetLines(plan: ScanPlan): string[] {
  return plan.active.filter((a) => a.datasetId && plan.objective.has(a.def.id)).map((a) => `${a.def.title}: dataset ${a.datasetId}`);
}

export function requireK(plan: ScanPlan, kind: string): Float64Array {
  if (plan.mix.kind !== 'k') throw new UserError(`a ${kind} scan needs a k axis (mixing ratio k = eps_hat e / g_X, SPEC §6.5)`);
  return plan.mix.values;
}

/**
 * The run of a kind that writes one directory: refuses to replace an output without --force, prints the
 * skipped constraints, runs `run` with a KindContext (progress bars, manifest base), and says how long it took.
 */
export function directoryRun<F>(run: (ctx: KindContext, fields: F) => Promise<void>): (ctx: ScanRunContext, fields: F) => Promise<void> {
  return async (ctx, fields) => {
    const { plan, outDir, selected, log } = ctx;
    if (existsSync(outDir) && !ctx.flags.force) throw new UserError(`output directory ${outDir} exists; pass --force to replace it`);
    for (const line of ctx.skipped) log(line);
    const kindCtx: KindContext = {
      plan, outDir, force: ctx.flags.force, selected, log, specText: ctx.specText,
      progress: (stage: string, total: number) => createProgress(ctx.progressMode, total, stage),
      manifestBase: kindManifestBase(plan, {
        specFile: ctx.specFile, quick: ctx.flags.quick,
        provenance: { ...ctx.provenance, backend: selected.backend.description, precision: selected.backend.precision },
      }),
    };
    const t0 = performance.now();
    await run(kindCtx, fields);
    log(`wrote ${outDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
}
