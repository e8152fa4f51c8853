// What the non-grid scan kinds share: the context they run in, and their output directory, built under
// a partial name and committed atomically with its manifest. They run under the same output rules as a
// grid scan: the --force rules, the output lock, and on failure or a stop request nothing left behind
// (the partial directory is removed). These kinds keep no checkpoint: a stop request (ctx.stop) ends
// them between dispatches and stages with nothing written, and --resume is refused before anything runs.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../../backends/select.js';
import { commitDir, partialDirFor } from '../../io/atomic.js';
import { DiskFullError, isDiskFull } from '../../io/checkedWrite.js';
import { acquireOutputLock } from '../../io/lock.js';
import { checkOutputTarget } from '../../io/outputTarget.js';
import { StoppedError, UserError } from '../../util/errors.js';
import { kindManifestBase, writeManifest, type KindManifestBase } from '../manifest.js';
import type { ScanPlan } from '../plan.js';
import { createProgress, type Progress } from '../progress.js';
import { stopExitCode, type StopRequest } from '../runner.js';
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
  /** Set by the CLI's signal handler. */
  stop: StopRequest;
  /** The u1x installation, which no output may replace. */
  installRoot: string | null;
}

export function checkStop(ctx: KindContext): void {
  if (ctx.stop.requested) throw new StoppedError('interrupted');
}

export function prepareDir(ctx: KindContext): string {
  const partial = partialDirFor(ctx.outDir);
  // Left by a run that was killed: these kinds never resume, and the caller holds the output's lock.
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'spec.yaml'), ctx.specText);
  return partial;
}

export function finish(ctx: KindContext, partial: string, manifest: Record<string, unknown>): void {
  checkStop(ctx);
  writeManifest(partial, { ...ctx.manifestBase, ...manifest });
  commitDir(partial, ctx.outDir, ctx.force, (dir) => checkOutputTarget(dir, { force: ctx.force, installRoot: ctx.installRoot }));
}

export function datasetLines(plan: ScanPlan): string[] {
  return plan.active.filter((a) => a.datasetId && plan.objective.has(a.def.id)).map((a) => `${a.def.title}: dataset ${a.datasetId}`);
}

export function requireK(plan: ScanPlan, kind: string): Float64Array {
  if (plan.mix.kind !== 'k') throw new UserError(`a ${kind} scan needs a k axis (mixing ratio k = eps_hat e / g_X, SPEC §6.5)`);
  return plan.mix.values;
}

/**
 * The run of a kind that writes one directory: refuses --resume, prints the skipped constraints, installs
 * the stop signals, and runs `run` with a KindContext (progress bars, manifest base) under the output
 * rules above; says how long it took.
 */
export function directoryRun<F>(
  kind: string,
  run: (ctx: KindContext, fields: F) => Promise<void>,
): (ctx: ScanRunContext, fields: F) => Promise<void> {
  return async (ctx, fields) => {
    const { plan, outDir, selected, log } = ctx;
    if (ctx.flags.resume) refuseResume(kind);
    for (const line of ctx.skipped) log(line);
    const signals = ctx.stopSignals('stopping after the dispatch in flight; nothing will be written');
    const kindCtx: KindContext = {
      plan,
      outDir,
      force: ctx.flags.force,
      selected,
      log,
      specText: ctx.specText,
      stop: signals.stop,
      installRoot: ctx.installRoot,
      progress: (stage: string, total: number) => createProgress(ctx.progressMode, total, stage),
      manifestBase: kindManifestBase(plan, {
        specFile: ctx.specFile,
        quick: ctx.flags.quick,
        provenance: { ...ctx.provenance, backend: selected.backend.description, precision: selected.backend.precision },
      }),
    };
    const t0 = performance.now();
    try {
      await locked(kind, kindCtx, () => run(kindCtx, fields));
    } finally {
      signals.dispose();
    }
    log(`wrote ${outDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
}

function refuseResume(kind: string): never {
  throw new UserError(`--resume: ${kind} scans keep no checkpoint; run again without --resume (the scan starts over)`);
}

/** Runs `body` holding the output's lock; on any failure the partial directory goes and a stop says so. */
async function locked(kind: string, ctx: KindContext, body: () => Promise<void>): Promise<void> {
  checkOutputTarget(ctx.outDir, { force: ctx.force, installRoot: ctx.installRoot });
  const lock = acquireOutputLock(ctx.outDir, ctx.log);
  try {
    checkOutputTarget(ctx.outDir, { force: ctx.force, installRoot: ctx.installRoot });
    await body();
  } catch (e) {
    rmSync(partialDirFor(ctx.outDir), { recursive: true, force: true });
    if (e instanceof StoppedError) {
      throw new StoppedError(
        `${ctx.stop.signal === 'SIGTERM' ? 'terminated' : 'interrupted'}: nothing written (${kind} scans keep no checkpoint; run again to start over)`,
        stopExitCode(ctx.stop),
      );
    }
    if (isDiskFull(e))
      throw new DiskFullError((e as { path?: string }).path ?? ctx.outDir, 'free space and run again (nothing was written)');
    throw e;
  } finally {
    lock.release();
  }
}
