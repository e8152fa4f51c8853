// --backend webgpu|cpu as requested (auto, which needs the job and a calibration, is scan/autoBackend.ts).

import { UserError } from '../util/errors.js';
import { cpuBackend } from './cpu.js';
import type { Backend } from './types.js';
import { webgpuBackend, probeWebgpu } from './webgpu.js';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export interface SelectedBackend {
  backend: Backend;
  /** One line: what was picked and why. */
  reason: string;
}

/** The backend the user asked for by name. */
export async function selectBackend(choice: 'webgpu' | 'cpu'): Promise<SelectedBackend> {
  if (choice === 'cpu') {
    const backend = cpuBackend();
    return { backend, reason: `backend cpu (requested): ${backend.description}` };
  }
  const probe = await probeWebgpu();
  if (!probe.ok) throw new UserError(`--backend webgpu: ${probe.detail}`);
  const backend = await webgpuBackend();
  const soft = probe.isSoftware ? ' — a software adapter' : '';
  return { backend, reason: `backend webgpu (requested): ${backend.description}${soft}` };
}

export function parseBackendChoice(v: string): BackendChoice {
  if (v === 'auto' || v === 'webgpu' || v === 'cpu') return v;
  throw new UserError(`--backend must be auto, webgpu or cpu (got '${v}')`);
}
