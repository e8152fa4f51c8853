// `u1x doctor` says what --backend auto picks for each kind of job and why, from the cached calibration
// (the cache file is written here with numbers chosen by the test, for this machine's key).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALIBRATION_FORMAT, calibrationPath, type Calibration } from '../../src/backends/calibrationCache.js';
import { calibrationKey } from '../../src/scan/autoBackend.js';
import { u1xBuild } from '../../src/cli/common.js';
import { runCli } from '../helpers/cli.js';
import { gpuProbe, hasGpu } from '../helpers/gpu.js';

describe.skipIf(!hasGpu || !gpuProbe.isSoftware)('u1x doctor: --backend auto on a software adapter', () => {
  const cache = mkdtempSync(join(tmpdir(), 'u1x-doctor-cache-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('reports the picks from the cached calibration without measuring again', async () => {
    const env = { XDG_CACHE_HOME: cache };
    const path = calibrationPath(env);
    mkdirSync(join(path, '..'), { recursive: true });
    const c: Calibration = {
      format: CALIBRATION_FORMAT,
      key: calibrationKey(u1xBuild(), gpuProbe),
      measuredAt: '2026-12-02T06:00:00.000Z',
      kernels: { light: { webgpu: 4e8, cpu: 1e8 }, heavy: { webgpu: 4.6e5, cpu: 4.7e5 } },
    };
    writeFileSync(path, JSON.stringify(c));
    const r = await runCli(['doctor', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/calibrating/);
    const auto = JSON.parse(r.stdout).auto_backend;
    expect(auto.grid_light.backend).toBe('webgpu');
    expect(auto.grid_light.why).toMatch(/4\.00x the CPU reference/);
    expect(auto.grid_heavy.backend).toBe('cpu');
    expect(auto.grid_heavy.why).toMatch(/0\.98x/);
    expect(auto.point.backend).toBe('cpu');
    expect(auto.calibration_note).toBe(`calibration cached in ${path}`);
  });
});
