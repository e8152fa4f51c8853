// --backend auto|webgpu|cpu: auto uses WebGPU when an adapter exists and says which one it picked.

import { UserError } from '../util/errors.js';
import { cpuBackend } from './cpu.js';
import type { Backend } from './types.js';
import { probeWebgpu, webgpuBackend } from './webgpu.js';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export interface SelectedBackend {
  backend: Backend;
  /** One line: what was picked and why. */
  reason: string;
}

export async function selectBackend(choice: BackendChoice): Promise<SelectedBackend> {
  if (choice === 'cpu') {
    const backend = cpuBackend();
    return { backend, reason: `backend cpu (requested): ${backend.description}` };
  }
  const probe = await probeWebgpu();
  if (probe.ok) {
    const backend = await webgpuBackend();
    const soft = probe.isSoftware ? ' — a software adapter: expect CPU-like speed' : '';
    return {
      backend,
      reason: `backend webgpu (${choice === 'auto' ? 'auto: adapter found' : 'requested'}): ${backend.description}${soft}`,
    };
  }
  if (choice === 'webgpu') throw new UserError(`--backend webgpu: ${probe.detail}`);
  const backend = cpuBackend();
  return { backend, reason: `backend cpu (auto: ${probe.detail}) — falling back to the float64 CPU path: ${backend.description}` };
}

export function parseBackendChoice(v: string): BackendChoice {
  if (v === 'auto' || v === 'webgpu' || v === 'cpu') return v;
  throw new UserError(`--backend must be auto, webgpu or cpu (got '${v}')`);
}
