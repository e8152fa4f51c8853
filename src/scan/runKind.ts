// Runs a fit, modelSpace or massBound scan under the same output rules as a grid scan: the --force
// rules, the output lock, and on failure or a stop request nothing left behind (the partial directory
// is removed). These kinds keep no checkpoint; --resume is refused before anything runs.

import { rmSync } from 'node:fs';
import { partialDirFor } from '../io/atomic.js';
import { DiskFullError, isDiskFull } from '../io/checkedWrite.js';
import { acquireOutputLock } from '../io/lock.js';
import { checkOutputTarget } from '../io/outputTarget.js';
import { StoppedError, UserError } from '../util/errors.js';
import { runFitKind, runMassBoundKind, runModelSpaceKind, type KindContext } from './kinds.js';
import { stopExitCode, type StopRequest } from './runner.js';

export type OtherKind = 'fit' | 'modelSpace' | 'massBound';

export function refuseResume(kind: OtherKind): never {
  throw new UserError(`--resume: ${kind} scans keep no checkpoint; run again without --resume (the scan starts over)`);
}

export async function runOtherKind(kind: OtherKind, ctx: KindContext & { stop: StopRequest }): Promise<void> {
  checkOutputTarget(ctx.outDir, { force: ctx.force, installRoot: ctx.installRoot });
  const lock = acquireOutputLock(ctx.outDir, ctx.log);
  try {
    checkOutputTarget(ctx.outDir, { force: ctx.force, installRoot: ctx.installRoot });
    await (kind === 'fit' ? runFitKind(ctx) : kind === 'modelSpace' ? runModelSpaceKind(ctx) : runMassBoundKind(ctx));
  } catch (e) {
    rmSync(partialDirFor(ctx.outDir), { recursive: true, force: true });
    if (e instanceof StoppedError) {
      throw new StoppedError(`${ctx.stop.signal === 'SIGTERM' ? 'terminated' : 'interrupted'}: nothing written (${kind} scans keep no checkpoint; run again to start over)`, stopExitCode(ctx.stop));
    }
    if (isDiskFull(e)) throw new DiskFullError((e as { path?: string }).path ?? ctx.outDir, 'free space and run again (nothing was written)');
    throw e;
  } finally {
    lock.release();
  }
}
