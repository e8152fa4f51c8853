// WebGPU availability for tests. Under CI=true a missing adapter is a failure (CI installs lavapipe);
// elsewhere the GPU tests skip and say why.
import { probeWebgpu } from '../../src/backends/webgpu.js';

export const gpuProbe = await probeWebgpu();

if (!gpuProbe.ok) {
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI=true but no WebGPU adapter: ${gpuProbe.detail}`);
  }
  process.stderr.write(`\n[u1x tests] skipping WebGPU tests: ${gpuProbe.detail}\n`);
}

export const hasGpu = gpuProbe.ok;
