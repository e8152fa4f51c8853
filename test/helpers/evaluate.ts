// Evaluate registered constraints at explicit points through the real kernel pipeline
// (IR -> JavaScript float64), for physics validation tests.

import { activateConstraints, type ActivationRequest } from '../../src/constraints/activate.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import type { MixingConvention } from '../../src/constraints/couplings.js';
import { evaluatePoints, type PointResult } from '../../src/scan/points.js';
import {
  chargesFromVector,
  couplingRecordFromCharges,
  type ChargeTable,
  type ScanModel,
  type VectorCoefficients,
} from '../../src/models/types.js';
import { COHERENT_DIR, DARKCAST_DIR } from './shared.js';

export function vectorModel(name: string, c: VectorCoefficients): ScanModel {
  const charges = chargesFromVector(c);
  return { id: name, name, category: 'vector', charges, c, record: couplingRecordFromCharges(charges) };
}

export function chiralModel(name: string, charges: ChargeTable): ScanModel {
  return { id: name, name, category: 'chiral', charges, record: couplingRecordFromCharges(charges) };
}

export interface EvalOptions {
  datasets?: ActivationRequest['datasets'];
  options?: ActivationRequest['options'];
  mixing?: MixingConvention;
  /** Interpret `eps` as the mixing ratio k = eps_hat e / g_X. */
  mixingAxis?: 'eps' | 'k';
  /** Use the shared data directories (default true). */
  data?: boolean;
  /** DarkCast directory instead of the shared v1.2 copy (e.g. the 2023 set for its limits and projections). */
  darkcastDir?: string;
  observables?: boolean;
}

/** Float64 reference values of the given constraints at points of one model. */
export async function evaluateF64(
  ids: string[],
  model: ScanModel,
  points: { mx: number; gx: number; eps: number }[],
  opts: EvalOptions = {},
): Promise<PointResult[]> {
  const data = opts.data ?? true;
  // Projections are selected apart from the constraints (constraints/activate.ts).
  const projections = ids.filter((id) => id.startsWith('proj_'));
  const { active, skipped } = activateConstraints({
    ids: ids.filter((id) => !projections.includes(id)),
    projections,
    datasets: opts.datasets,
    options: opts.options,
    dataDirs: { coherent: data ? COHERENT_DIR : null, darkcast: data ? (opts.darkcastDir ?? DARKCAST_DIR) : null },
    mixing: opts.mixing ?? 'photon',
  });
  if (skipped.length) throw new Error(`skipped: ${skipped.map((s) => `${s.def.id} (${s.reason})`).join(', ')}`);
  return evaluatePoints(
    cpuBackend(1),
    points.map((p) => ({ model: 0, ...p })),
    {
      models: [model],
      active,
      objective: new Set(ids),
      mixing: { convention: opts.mixing ?? 'photon', axis: opts.mixingAxis ?? 'eps' },
      observables: opts.observables ?? true,
    },
  );
}
