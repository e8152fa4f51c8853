// A stop request (the CLI's SIGINT/SIGTERM handler sets it) is honoured after the chunk in flight, also
// in a short scan that used to run as one chunk and so stopped only at 100 %. In-process, with the CPU
// backend wrapped so that the request arrives, deterministically, while the first chunk runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import type { Backend } from '../../src/backends/types.js';
import { modelsOfSpec } from '../../src/scan/models.js';
import { planScan } from '../../src/scan/plan.js';
import { runScan, ScanInterrupted, type StopRequest } from '../../src/scan/runner.js';
import { parseScanSpec } from '../../src/scan/spec.js';
import { testTempDir } from '../helpers/tmp.js';

const SPEC = [
  'name: short',
  'models: [Lmu-Ltau]',
  'mx: { min: 0.01, max: 1, n: 40 }',
  'gx: { min: 1.0e-5, max: 1.0e-2, n: 40 }',
  'eps: { min: -1.0e-3, max: 1.0e-3, n: 50, scale: lin }',
  'constraints: [amu, borexino]',
  'objective: [amu, borexino]',
  '',
].join('\n');

/** The CPU backend, with `onRun` called at the start of every dispatch. */
function watched(onRun: (base: number, count: number) => void): Backend {
  const cpu = cpuBackend(1);
  return {
    ...cpu,
    async prepare(kernel, buffers) {
      const p = await cpu.prepare(kernel, buffers);
      return { ...p, run: (base, count) => (onRun(base, count), p.run(base, count)), dispose: () => p.dispose() };
    },
  };
}

async function interrupted(stopAt: 'before' | 'first chunk', signal: StopRequest['signal']) {
  const dir = testTempDir('stop');
  const spec = parseScanSpec(SPEC, 'short.yaml');
  const plan = planScan(spec, {
    name: 'short',
    dataDirs: { coherent: null, darkcast: null },
    force: false,
    resolveModels: (s) => modelsOfSpec(s, dir),
  });
  const stop: StopRequest = stopAt === 'before' ? { requested: true, signal } : { requested: false };
  const dispatches: number[] = [];
  const backend = watched((base, count) => {
    dispatches.push(count);
    if (stopAt === 'first chunk') Object.assign(stop, { requested: true, signal });
  });
  const outDir = join(dir, 'out');
  const err = await runScan({
    plan,
    specText: SPEC,
    specFile: null,
    outDir,
    selected: { backend, reason: 'test' },
    resume: false,
    force: false,
    progress: 'none',
    log: () => {},
    stop,
    provenance: { u1xVersion: 'test', gitSha: null, dataDirs: { coherent: null, darkcast: null } },
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { err, dispatches, plan, dir, outDir };
}

describe('stop requests', () => {
  it('a request during the first chunk of a short scan stops after that chunk, with a checkpoint', async () => {
    const { err, dispatches, plan, dir, outDir } = await interrupted('first chunk', 'SIGINT');
    expect(err).toBeInstanceOf(ScanInterrupted);
    const e = err as ScanInterrupted;
    expect(dispatches).toHaveLength(1);
    expect(dispatches[0]).toBeLessThan(plan.cells);
    expect(e.fraction).toBe(dispatches[0] / plan.cells);
    expect(e.exitCode).toBe(130);
    expect(existsSync(outDir)).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, '.out.u1x-partial', 'checkpoint', 'state.json'), 'utf8'));
    expect(state.nextCell).toBe(dispatches[0]);
    expect(existsSync(join(dir, '.out.u1x-lock'))).toBe(false);
  });

  it('a request before the first chunk (during tables or compilation) stops at 0 %; SIGTERM exits 143', async () => {
    const { err, dispatches } = await interrupted('before', 'SIGTERM');
    expect(err).toBeInstanceOf(ScanInterrupted);
    expect(dispatches).toEqual([]);
    expect((err as ScanInterrupted).fraction).toBe(0);
    expect((err as ScanInterrupted).exitCode).toBe(143);
    expect((err as ScanInterrupted).message).toMatch(/^terminated: checkpoint written at 0\.0%/);
  });
});
