// --backend auto (src/scan/autoBackend.ts) and its calibration cache (src/backends/calibrationCache.ts):
// the rule on given probes and calibrations, and the cache's validation on read and atomic write.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CALIBRATION_FORMAT,
  calibrationPath,
  readCalibration,
  writeCalibration,
  type Calibration,
  type CalibrationKey,
} from '../../src/backends/calibrationCache.js';
import type { AdapterProbe } from '../../src/backends/webgpu.js';
import { autoDecision, jobKindOf, WEBGPU_MARGIN } from '../../src/scan/autoBackend.js';
import { activateConstraints } from '../../src/constraints/activate.js';

const KEY: CalibrationKey = { u1x: '0.1.0+abc', node: 'v20.20.2', adapter: 'llvmpipe', cpu: 'AMD EPYC, 2 threads' };
const calibration = (light: number, heavy: number): Calibration => ({
  format: CALIBRATION_FORMAT,
  key: KEY,
  measuredAt: '2026-12-02T06:00:00.000Z',
  kernels: { light: { webgpu: light * 1e6, cpu: 1e6 }, heavy: { webgpu: heavy * 1e5, cpu: 1e5 } },
});
const SOFTWARE: AdapterProbe = { ok: true, detail: 'llvmpipe', isSoftware: true };
const HARDWARE: AdapterProbe = { ok: true, detail: 'nvidia / hopper', isSoftware: false };
const NONE: AdapterProbe = { ok: false, detail: 'no WebGPU adapter' };

describe('--backend auto', () => {
  it('takes a software adapter only where it measured at least the margin over the CPU reference', () => {
    expect(WEBGPU_MARGIN).toBeGreaterThanOrEqual(1); // never a software adapter slower than the CPU
    const c = calibration(5, 0.99); // the numbers: ~5x on light terms, 0.99x with COHERENT
    expect(autoDecision('light', SOFTWARE, c).backend).toBe('webgpu');
    expect(autoDecision('heavy', SOFTWARE, c).backend).toBe('cpu');
    expect(autoDecision('heavy', SOFTWARE, c).why).toMatch(/0\.99x/);
    expect(autoDecision('light', SOFTWARE, calibration(1.2, 1)).backend).toBe('cpu');
    expect(autoDecision('light', SOFTWARE, calibration(0.5, 1)).backend).toBe('cpu');
    expect(autoDecision('heavy', SOFTWARE, null).backend).toBe('cpu');
  });

  it('takes a hardware adapter for grids, the CPU for single points and without an adapter', () => {
    expect(autoDecision('heavy', HARDWARE, null)).toEqual({ backend: 'webgpu', why: 'hardware adapter' });
    expect(autoDecision('point', HARDWARE, null).backend).toBe('cpu');
    expect(autoDecision('point', SOFTWARE, calibration(5, 5)).backend).toBe('cpu');
    expect(autoDecision('light', NONE, null)).toEqual({ backend: 'cpu', why: 'no WebGPU adapter: no WebGPU adapter' });
  });

  it('calls a job heavy exactly when COHERENT (the heavy term) is evaluated', () => {
    const { active } = activateConstraints({
      ids: ['amu', 'borexino', 'coherent'],
      dataDirs: { coherent: null, darkcast: null },
      mixing: 'photon',
    });
    expect(jobKindOf(active.filter((a) => a.def.id !== 'coherent'))).toBe('light');
    expect(jobKindOf(active)).toBe('heavy');
  });
});

describe('calibration cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'u1x-cal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lives under $XDG_CACHE_HOME/u1x, else ~/.cache/u1x', () => {
    expect(calibrationPath({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/u1x/backend-calibration.json');
    expect(calibrationPath({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/u1x\/backend-calibration\.json$/);
    expect(calibrationPath({})).toMatch(/\/\.cache\/u1x\/backend-calibration\.json$/);
  });

  it('reads back what it wrote (atomically: no temporary file left), for the same key only', () => {
    const path = join(dir, 'sub', 'u1x', 'backend-calibration.json');
    expect(writeCalibration(path, calibration(5, 1))).toBeNull();
    expect(readdirSync(join(dir, 'sub', 'u1x'))).toEqual(['backend-calibration.json']);
    expect(readCalibration(path, KEY)).toEqual(calibration(5, 1));
    for (const field of ['u1x', 'node', 'adapter', 'cpu'] as const) expect(readCalibration(path, { ...KEY, [field]: 'other' })).toBeNull();
  });

  it('ignores a missing, truncated, foreign or malformed file', () => {
    const path = join(dir, 'bad.json');
    expect(readCalibration(path, KEY)).toBeNull();
    const good = JSON.stringify(calibration(5, 1));
    const variants = [
      good.slice(0, good.length / 2),
      JSON.stringify({ ...calibration(5, 1), format: 'u1x-backend-calibration/0' }),
      JSON.stringify({ ...calibration(5, 1), kernels: { light: { webgpu: 1, cpu: 1 } } }),
      JSON.stringify({ ...calibration(5, 1), kernels: { light: { webgpu: -1, cpu: 1 }, heavy: { webgpu: 1, cpu: 1 } } }),
      JSON.stringify({ ...calibration(5, 1), kernels: { light: { webgpu: 1, cpu: 0 }, heavy: { webgpu: 1, cpu: 1 } } }),
      'null',
    ];
    for (const text of variants) {
      writeFileSync(path, text);
      expect(readCalibration(path, KEY), text).toBeNull();
    }
    writeFileSync(path, good);
    expect(readCalibration(path, KEY)).not.toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8')).key).toEqual(KEY);
  });

  it('says why when the cache cannot be written, instead of failing the run', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    expect(writeCalibration(join(blocker, 'u1x', 'c.json'), calibration(5, 1))).toMatch(/ENOTDIR|EEXIST|not a directory/i);
  });
});
