// Coupling records laid out for the kernels' per-model buffer (COUPLING_FIELDS order, types.ts).
import { COUPLING_FIELDS, type ScanModel } from './types.js';

/** One row of COUPLING_FIELDS.length numbers per model, in model order. */
export function packCouplingRecords(models: readonly ScanModel[]): Float64Array {
  const stride = COUPLING_FIELDS.length;
  const out = new Float64Array(models.length * stride);
  models.forEach((m, i) => COUPLING_FIELDS.forEach((f, k) => (out[i * stride + k] = m.record[f])));
  return out;
}
