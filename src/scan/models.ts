// The models a scan spec selects: names, ids, selectors and files through the model catalog, or a
// synthetic family for model-space scans.

import { resolveModels } from '../models/index.js';
import type { ScanModel } from '../models/types.js';
import type { ScanSpec } from './spec.js';
import { familyModels } from './modelFamilies.js';
import { kindModels } from './kinds/registry.js';
import { UserError } from '../util/errors.js';

export function modelsOfSpec(spec: ScanSpec, cwd: string): ScanModel[] {
  // Some kinds bring their own models (the mass bound: the muon-coupling directions of SPEC §5.5).
  const own = kindModels(spec);
  if (own) return own;
  const m = spec.models;
  if (m === undefined) throw new UserError('the spec selects no models (models: ...)');
  if (typeof m === 'string') return resolveModels(m, { allowAnomalous: spec.allowAnomalous, cwd });
  if (Array.isArray(m)) return m.flatMap((s) => resolveModels(s, { allowAnomalous: spec.allowAnomalous, cwd }));
  return familyModels(m);
}
