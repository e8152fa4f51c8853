// Map products of a finished scan (masks.npz, the long CSV table, boundaries, exclusion-map figures).
// Placeholder until the map writer lands: it writes nothing.

import type { CompiledKernel } from '../kernel/compile.js';
import type { NpyDtype } from '../io/npy.js';
import type { ScanPlan } from './plan.js';

export interface MapOutputContext {
  plan: ScanPlan;
  kernel: CompiledKernel;
  floatType: NpyDtype;
  plots: readonly 'exclusion'[];
  csv: boolean | undefined;
  provenance: { backend: string; precision: 'float32' | 'float64' };
}

export async function writeMapOutputs(_dir: string, _ctx: MapOutputContext): Promise<void> {}
