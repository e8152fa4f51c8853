// What the non-grid scan kinds share: the context they run in, and their output directory, built under
// a partial name and committed atomically with its manifest.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../../backends/select.js';
import { commitDir, partialDirFor } from '../../io/atomic.js';
import { UserError } from '../../util/errors.js';
import type { ScanPlan } from '../plan.js';
import type { Progress } from '../progress.js';

export interface KindContext {
  plan: ScanPlan;
  outDir: string;
  force: boolean;
  selected: SelectedBackend;
  log: (line: string) => void;
  progress: (stage: string, total: number) => Progress;
  manifestBase: Record<string, unknown>;
  specText: string;
}

export function prepareDir(ctx: KindContext): string {
  const partial = partialDirFor(ctx.outDir);
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'spec.yaml'), ctx.specText);
  return partial;
}

export function finish(ctx: KindContext, partial: string, manifest: Record<string, unknown>): void {
  writeFileSync(join(partial, 'manifest.json'), JSON.stringify({ ...ctx.manifestBase, ...manifest }, null, 2) + '\n');
  commitDir(partial, ctx.outDir, ctx.force);
}

export function datasetLines(plan: ScanPlan): string[] {
  return plan.active.filter((a) => a.datasetId && plan.objective.has(a.def.id)).map((a) => `${a.def.title}: dataset ${a.datasetId}`);
}

export function requireK(plan: ScanPlan, kind: string): Float64Array {
  if (plan.mix.kind !== 'k') throw new UserError(`a ${kind} scan needs a k axis (mixing ratio k = eps_hat e / g_X, SPEC §6.5)`);
  return plan.mix.values;
}
